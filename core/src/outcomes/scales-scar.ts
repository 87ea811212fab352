import { choiceItem, choices, oneToTen, scored } from './scale-helpers';
import type { ScaleDefinition } from './scale.schema';

/** Scar scales: POSAS observer and patient, Vancouver Scar Scale (evidence 8.8). */

const observerItems = [
  ['vascularity', 'Vascularity'],
  ['pigmentation', 'Pigmentation'],
  ['thickness', 'Thickness'],
  ['relief', 'Relief'],
  ['pliability', 'Pliability'],
  ['surfaceArea', 'Surface area'],
] as const;
const patientItems = [
  ['pain', 'Has the scar been painful in the past few weeks?'],
  ['itch', 'Has the scar been itching in the past few weeks?'],
  ['colour', 'Is the colour of the scar different from your normal skin now?'],
  ['stiffness', 'Is the scar more stiff than your normal skin now?'],
  ['thickness', 'Is the thickness of the scar different from your normal skin now?'],
  ['irregularity', 'Is the scar more irregular than your normal skin now?'],
] as const;

function sumOf(ids: readonly (readonly [string, string])[], v: Record<string, number>): number {
  return ids.reduce((a, [id]) => a + v[id]!, 0);
}

const posasCommon = {
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 6, max: 60 }),
  decimals: 0,
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S65'],
} as const;

export const posasObserver: ScaleDefinition = {
  ...posasCommon,
  id: 'posas-observer',
  name: 'POSAS observer scale',
  shortName: 'POSAS observer',
  version: 'POSAS 2.0 observer',
  scoredBy: 'provider',
  description:
    'Six items, each 1 (like normal skin) to 10 (worst imaginable); total 6–60. The overall opinion is recorded ' +
    'but not added. Inter-observer ICC 0.80 (S65).',
  items: [
    ...observerItems.map(([id, label]) => choiceItem(id, label, oneToTen, { group: 'Items' })),
    choiceItem('overall', 'Overall opinion', oneToTen, { group: 'Overall (not added)' }),
  ],
  score: (v) => scored(sumOf(observerItems, v), 0, { parts: { overall: v.overall! } }),
};

export const posasPatient: ScaleDefinition = {
  ...posasCommon,
  id: 'posas-patient',
  name: 'POSAS patient scale',
  shortName: 'POSAS patient',
  version: 'POSAS 2.0 patient',
  scoredBy: 'patient',
  description:
    'Six questions about your scar, each 1 (like normal skin) to 10 (worst you can imagine); total 6–60. Your ' +
    'overall opinion is kept but not added (S65).',
  items: [
    ...patientItems.map(([id, label]) => choiceItem(id, label, oneToTen, { group: 'Your scar' })),
    choiceItem('overall', 'Overall, how is your scar compared with normal skin?', oneToTen, {
      group: 'Overall (not added)',
    }),
  ],
  score: (v) => scored(sumOf(patientItems, v), 0, { parts: { overall: v.overall! } }),
};

export const vss: ScaleDefinition = {
  id: 'vss',
  name: 'Vancouver Scar Scale (VSS)',
  shortName: 'VSS',
  version: 'Vancouver Scar Scale, 4 items, 0–13',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 0, max: 13 }),
  decimals: 0,
  description:
    'Vascularity 0–3, pigmentation 0–2, pliability 0–5, height 0–3; total 0–13. Clinician only, built for burns; ' +
    'POSAS tracks patients’ views better (S65).',
  items: [
    choiceItem('vascularity', 'Vascularity', choices([0, 'Normal'], [1, 'Pink'], [2, 'Red'], [3, 'Purple'])),
    choiceItem(
      'pigmentation',
      'Pigmentation',
      choices([0, 'Normal'], [1, 'Hypopigmentation'], [2, 'Hyperpigmentation']),
    ),
    choiceItem(
      'pliability',
      'Pliability',
      choices([0, 'Normal'], [1, 'Supple'], [2, 'Yielding'], [3, 'Firm'], [4, 'Banding'], [5, 'Contracture']),
    ),
    choiceItem('height', 'Height', choices([0, 'Flat'], [1, 'Under 2 mm'], [2, '2–5 mm'], [3, 'Over 5 mm'])),
  ],
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S65'],
  score: (v) =>
    scored(v.vascularity! + v.pigmentation! + v.pliability! + v.height!, 0, {
      parts: {
        vascularity: v.vascularity!,
        pigmentation: v.pigmentation!,
        pliability: v.pliability!,
        height: v.height!,
      },
    }),
};
