import { band, numberItem, scored } from './scale-helpers';
import type { Band, ScaleDefinition } from './scale.schema';

/** Hair scales: SALT for alopecia areata (evidence 8.6), hair counts for androgenetic alopecia (8.6, 8.9). */

const saltRegions = [
  ['vertex', 'Vertex (top)', 0.4],
  ['posterior', 'Posterior (back)', 0.24],
  ['rightSide', 'Right side', 0.18],
  ['leftSide', 'Left side', 0.18],
] as const;

/** S0 = 0%, S1 = 1–24%, S2 = 25–49%, S3 = 50–74%, S4 = 75–99%, S5 = 100% (S64). */
export function saltBand(total: number): Band {
  if (total <= 0) return band('S0', 'S0: no hair loss');
  if (total < 25) return band('S1', 'S1: 1–24% loss');
  if (total < 50) return band('S2', 'S2: 25–49% loss');
  if (total < 75) return band('S3', 'S3: 50–74% loss');
  if (total < 100) return band('S4', 'S4: 75–99% loss');
  return band('S5', 'S5: 100% loss');
}

export const salt: ScaleDefinition = {
  id: 'salt',
  name: 'Severity of Alopecia Tool (SALT)',
  shortName: 'SALT',
  version: 'SALT (Olsen 2004), 4 regions, bands S0–S5',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'lower-is-better',
  range: () => ({ min: 0, max: 100 }),
  unit: '% scalp hair loss',
  decimals: 1,
  description:
    'Σ % hair loss in each region × its share of the scalp (vertex 40%, posterior 24%, sides 18% each), 0–100. ' +
    'Severe disease is commonly SALT 50 or more; JAK-inhibitor trials count SALT 20 or less as success (S64).',
  items: saltRegions.map(([id, label, weight]) =>
    numberItem(
      id,
      `${label}: hair loss`,
      { min: 0, max: 100, step: 1, unit: '%' },
      { group: `Regions (share of scalp ${Math.round(weight * 100)}%)` },
    ),
  ),
  settings: [],
  evidenceLevel: 'guideline',
  sources: ['S64'],
  score: (v) => {
    const parts = Object.fromEntries(saltRegions.map(([id, , weight]) => [id, v[id]! * weight]));
    const total = scored(
      Object.values(parts).reduce((a, b) => a + b, 0),
      1,
    ).total;
    const notes = [
      ...(total >= 50 ? ['Severe alopecia areata (SALT 50 or more).'] : []),
      ...(total <= 20 ? ['Within the trial success threshold (SALT 20 or less).'] : []),
    ];
    return scored(total, 1, { parts, band: saltBand(total), notes });
  },
};

export const hairCount: ScaleDefinition = {
  id: 'hair-count',
  name: 'Hair count and density (trichoscopy)',
  shortName: 'Hair density',
  version: 'Trichoscopic hair count in a marked target area',
  scoredBy: 'provider',
  kind: 'status',
  direction: 'higher-is-better',
  range: () => ({ min: 0, max: 500 }),
  unit: 'hairs/cm²',
  decimals: 1,
  description:
    'Hairs counted in the same marked target area at each visit, as density per cm². Androgenetic alopecia is not ' +
    'scored with SALT; trials used hair counts with global photographs and self-assessment (S27, S28).',
  items: [
    numberItem('hairs', 'Hairs counted', { min: 0, max: 2000, step: 1, unit: 'hairs' }),
    numberItem('areaCm2', 'Target area', { min: 0.1, max: 10, step: 0.01, unit: 'cm²' }),
  ],
  settings: [],
  evidenceLevel: 'rct',
  sources: ['S27', 'S28'],
  check: (v) =>
    v.hairs! / v.areaCm2! > 500
      ? [
          {
            item: 'hairs',
            message: 'More than 500 hairs per cm² is not a scalp density: check the count and area',
          },
        ]
      : [],
  score: (v) => scored(v.hairs! / v.areaCm2!, 1),
};
