import { choiceItem, choices, scored } from './scale-helpers';
import type { ScaleDefinition } from './scale.schema';

/** Acne-scar scales: Goodman & Baron qualitative and quantitative (evidence 8.1, 8.2), ECCA (8.3). */

export const goodmanBaronQualitative: ScaleDefinition = {
  id: 'goodman-baron-qualitative',
  name: 'Goodman & Baron qualitative acne-scar grade',
  shortName: 'G&B grade',
  version: 'Goodman & Baron 2006, grades 1–4',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 1, max: 4 }),
  decimals: 0,
  description:
    'One global grade of the worst-affected area. Social distance is 50 cm or more. Primary endpoint of the PRP ' +
    'meta-analysis (S51) and several microneedling series (S55, S58).',
  items: [
    choiceItem(
      'grade',
      'Grade',
      choices(
        [1, 'Grade 1: macular', 'Red, hyper- or hypopigmented flat marks: colour, not contour.'],
        [
          2,
          'Grade 2: mild',
          'Atrophy or hypertrophy that may not show at 50 cm or more; covered by make-up or beard shadow.',
        ],
        [
          3,
          'Grade 3: moderate',
          'Obvious at 50 cm or more, not easily covered; flattens with manual stretching.',
        ],
        [4, 'Grade 4: severe', 'Obvious at 50 cm or more, not covered; does not flatten with stretching.'],
      ),
    ),
  ],
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S59', 'S51', 'S55', 'S58'],
  score: (v) => scored(v.grade!, 0),
};

const countBands = choices([0, 'None'], [1, '1–10 scars'], [2, '11–20 scars'], [3, 'More than 20 scars']);
const gbTypes = [
  ['mild', 'Macular or mild atrophic'],
  ['moderate', 'Moderate atrophic or shallow punched-out'],
  ['severe', 'Severe: deep punched-out, linear or troughed'],
  ['papular', 'Hyperplastic papular'],
] as const;

export const goodmanBaronQuantitative: ScaleDefinition = {
  id: 'goodman-baron-quantitative',
  name: 'Goodman & Baron quantitative acne-scar score',
  shortName: 'G&B score',
  version: 'Goodman & Baron 2006 quantitative (clinic point table)',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: (s) => {
    const maxMultiplier = Math.max(...s.goodmanBaronCountMultipliers);
    const types = Object.values(s.goodmanBaronPoints).reduce((sum, p) => sum + p * maxMultiplier, 0);
    return { min: 0, max: types + Math.max(...s.goodmanBaronKeloidPoints) };
  },
  decimals: 0,
  description:
    'Points per scar type by count band, summed; keloids by area. Inter-rater agreement within 4 points in 19 of ' +
    '21 cases (S59). The point table is a clinic setting until verified against the paper.',
  items: [
    ...gbTypes.map(([id, label]) => choiceItem(id, label, countBands, { group: 'Scars by type' })),
    choiceItem(
      'keloid',
      'Keloid area',
      choices([0, 'None'], [1, 'Less than 5 cm²'], [2, '5–20 cm²'], [3, 'More than 20 cm²']),
      { group: 'Keloids' },
    ),
  ],
  settings: ['goodmanBaronPoints', 'goodmanBaronCountMultipliers', 'goodmanBaronKeloidPoints'],
  evidenceLevel: 'expert',
  sources: ['S59'],
  score: (v, s) => {
    const parts: Record<string, number> = {};
    for (const [id] of gbTypes) {
      const band = v[id]!;
      parts[id] = band === 0 ? 0 : s.goodmanBaronPoints[id] * s.goodmanBaronCountMultipliers[band - 1]!;
    }
    parts.keloid = v.keloid === 0 ? 0 : s.goodmanBaronKeloidPoints[v.keloid! - 1]!;
    return scored(
      Object.values(parts).reduce((a, b) => a + b, 0),
      0,
      { parts },
    );
  },
};

const eccaTypes = [
  ['vShaped', 'V-shaped atrophic, under 2 mm'],
  ['uShaped', 'U-shaped atrophic, 2–4 mm'],
  ['mShaped', 'M-shaped atrophic, over 4 mm'],
  ['elastolysis', 'Superficial elastolysis'],
  ['hypertrophicRecent', 'Hypertrophic inflammatory scars, under 2 years'],
  ['keloidOld', 'Keloid or hypertrophic scars, over 2 years'],
] as const;

export const ecca: ScaleDefinition = {
  id: 'ecca',
  name: 'ECCA acne-scar grading (Échelle d’Évaluation Clinique des Cicatrices d’Acné)',
  shortName: 'ECCA',
  version: 'ECCA (Dréno), 6 items',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: (s) => ({ min: 0, max: 3 * Object.values(s.eccaWeights).reduce((a, b) => a + b, 0) }),
  decimals: 0,
  description:
    'Six scar types, each weighted and multiplied by how many there are; one global total. Validated with 7 ' +
    'dermatologists (S61), reviewed in S60. The weights are a clinic setting until verified.',
  items: eccaTypes.map(([id, label]) =>
    choiceItem(id, label, choices([0, 'None'], [1, 'Fewer than 5'], [2, '5–20'], [3, 'More than 20']), {
      group: 'Scars by type',
    }),
  ),
  settings: ['eccaWeights'],
  evidenceLevel: 'expert',
  sources: ['S61', 'S60'],
  score: (v, s) => {
    const parts = Object.fromEntries(eccaTypes.map(([id]) => [id, s.eccaWeights[id] * v[id]!]));
    return scored(
      Object.values(parts).reduce((a, b) => a + b, 0),
      0,
      { parts },
    );
  },
};
