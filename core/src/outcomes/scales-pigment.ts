import { band, choiceItem, choices, numberItem, scored } from './scale-helpers';
import type { ItemIssue, ScaleDefinition, ScaleItem, ScaleValues } from './scale.schema';

/** Pigment scales: MASI and mMASI for melasma (evidence 8.4), VASI and F-VASI for vitiligo (8.5). */

const masiRegions = [
  ['forehead', 'Forehead', 0.3],
  ['rightMalar', 'Right malar', 0.3],
  ['leftMalar', 'Left malar', 0.3],
  ['chin', 'Chin', 0.1],
] as const;

const areaChoices = choices(
  [0, '0: none'],
  [1, '1: under 10%'],
  [2, '2: 10–29%'],
  [3, '3: 30–49%'],
  [4, '4: 50–69%'],
  [5, '5: 70–89%'],
  [6, '6: 90–100%'],
);
const zeroToFour = (what: string) =>
  choices([0, `0: ${what} absent`], [1, '1: slight'], [2, '2: mild'], [3, '3: marked'], [4, '4: severe']);

function masiItems(withHomogeneity: boolean): ScaleItem[] {
  return masiRegions.flatMap(([id, label, weight]) => [
    choiceItem(`${id}Area`, 'Area involved', areaChoices, { group: `${label} (× ${weight})` }),
    choiceItem(`${id}Darkness`, 'Darkness', zeroToFour('darkness'), { group: `${label} (× ${weight})` }),
    ...(withHomogeneity
      ? [
          choiceItem(`${id}Homogeneity`, 'Homogeneity', zeroToFour('homogeneity'), {
            group: `${label} (× ${weight})`,
          }),
        ]
      : []),
  ]);
}

function masiParts(v: ScaleValues, withHomogeneity: boolean): Record<string, number> {
  return Object.fromEntries(
    masiRegions.map(([id, , weight]) => [
      id,
      weight * v[`${id}Area`]! * (v[`${id}Darkness`]! + (withHomogeneity ? v[`${id}Homogeneity`]! : 0)),
    ]),
  );
}
const sum = (parts: Record<string, number>) => Object.values(parts).reduce((a, b) => a + b, 0);

export const masi: ScaleDefinition = {
  id: 'masi',
  name: 'Melasma Area and Severity Index (MASI)',
  shortName: 'MASI',
  version: 'MASI (Kimbrough-Green), 4 regions with homogeneity',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 0, max: 48 }),
  decimals: 1,
  description: 'Σ region weight × area × (darkness + homogeneity), 0–48 (S62). Pair with MELASQoL (S39).',
  items: masiItems(true),
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S62', 'S39'],
  score: (v) => {
    const parts = masiParts(v, true);
    return scored(sum(parts), 1, { parts });
  },
};

export const mmasi: ScaleDefinition = {
  id: 'mmasi',
  name: 'Modified MASI (mMASI)',
  shortName: 'mMASI',
  version: 'mMASI (Pandya 2011), without homogeneity',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 0, max: 24 }),
  decimals: 1,
  description:
    'Σ region weight × area × darkness, 0–24; validation dropped homogeneity (S62). Severity cut-offs are a clinic ' +
    'setting until verified.',
  items: masiItems(false),
  settings: ['mmasiModerateFrom', 'mmasiSevereAbove'],
  evidenceLevel: 'expert',
  sources: ['S62'],
  score: (v, s) => {
    const parts = masiParts(v, false);
    const total = scored(sum(parts), 1).total;
    const severity =
      total > s.mmasiSevereAbove
        ? band('severe', 'Severe')
        : total >= s.mmasiModerateFrom
          ? band('moderate', 'Moderate')
          : band('mild', 'Mild');
    return scored(total, 1, { parts, band: severity });
  },
};

const depigmentation = choices(
  [100, '100%: no pigment'],
  [90, '90%: specks of pigment'],
  [75, '75%: depigmentation exceeds pigmentation'],
  [50, '50%: equal'],
  [25, '25%: pigmentation exceeds depigmentation'],
  [10, '10%: specks of depigmentation'],
  [0, '0%: fully pigmented'],
);

const vasiRegions = [
  ['hands', 'Hands', false],
  ['upperLimbs', 'Upper limbs', false],
  ['trunk', 'Trunk', false],
  ['lowerLimbs', 'Lower limbs', false],
  ['feet', 'Feet', false],
  ['headNeck', 'Head and neck', true],
] as const;

function vasiRegionItems(id: string, label: string, maxUnits: number, optional: boolean): ScaleItem[] {
  return [
    numberItem(
      `${id}Units`,
      'Hand units affected',
      { min: 0, max: maxUnits, step: 0.1, unit: 'hand units' },
      { group: label, help: 'One hand unit (palm with fingers) is about 1% of body surface.', optional },
    ),
    choiceItem(`${id}Depigmentation`, 'Residual depigmentation', depigmentation, { group: label, optional }),
  ];
}

export const vasi: ScaleDefinition = {
  id: 'vasi',
  name: 'Vitiligo Area Scoring Index (VASI)',
  shortName: 'VASI',
  version: 'VASI (Hamzavi 2004), hand units × residual depigmentation',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 0, max: 100 }),
  decimals: 2,
  description:
    'Σ hand units × residual depigmentation over the regions; head and neck only in some versions, so optional ' +
    '(S63). Example: 3 units at 50% + 4 units at 75% = 4.5.',
  items: vasiRegions.flatMap(([id, label, optional]) => vasiRegionItems(id, label, 100, optional)),
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S63'],
  check: (v) => {
    const issues: ItemIssue[] = [];
    for (const [id, label] of vasiRegions)
      if ((v[`${id}Units`] === undefined) !== (v[`${id}Depigmentation`] === undefined))
        issues.push({
          item: v[`${id}Units`] === undefined ? `${id}Units` : `${id}Depigmentation`,
          message: `${label}: give both the hand units and the residual depigmentation, or neither`,
        });
    const units = vasiRegions.reduce((a, [id]) => a + (v[`${id}Units`] ?? 0), 0);
    if (units > 100)
      issues.push({
        item: 'handsUnits',
        message: `The regions add up to ${units} hand units; the whole body is 100`,
      });
    return issues;
  },
  score: (v) => {
    const parts: Record<string, number> = {};
    for (const [id] of vasiRegions)
      if (v[`${id}Units`] !== undefined)
        parts[id] = (v[`${id}Units`]! * (v[`${id}Depigmentation`] ?? 0)) / 100;
    return scored(sum(parts), 2, { parts });
  },
};

export const fVasi: ScaleDefinition = {
  id: 'f-vasi',
  name: 'Facial VASI (F-VASI)',
  shortName: 'F-VASI',
  version: 'F-VASI, hand units of the face × residual depigmentation',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: (s) => ({ min: 0, max: s.fVasiFaceHandUnits }),
  decimals: 2,
  description:
    'The face scored on its own; many trials require F-VASI 0.5 or more for entry (S63). The hand units of the ' +
    'whole face are a clinic setting (verify).',
  items: [
    numberItem(
      'faceUnits',
      'Hand units affected',
      { min: 0, max: 10, step: 0.05, unit: 'hand units' },
      { group: 'Face' },
    ),
    choiceItem('faceDepigmentation', 'Residual depigmentation', depigmentation, { group: 'Face' }),
  ],
  settings: ['fVasiFaceHandUnits'],
  check: (v, s) =>
    v.faceUnits! > s.fVasiFaceHandUnits
      ? [
          {
            item: 'faceUnits',
            message: `Hand units affected must be at most ${s.fVasiFaceHandUnits}, the whole face in this clinic's setting`,
          },
        ]
      : [],
  evidenceLevel: 'expert',
  sources: ['S63'],
  score: (v) => scored((v.faceUnits! * v.faceDepigmentation!) / 100, 2),
};
