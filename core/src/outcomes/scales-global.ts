import { choiceItem, choices, scored } from './scale-helpers';
import type { ScaleDefinition } from './scale.schema';

/** Global scales: GAIS for investigator and subject (evidence 8.7), patient satisfaction 0–10 (8.9). */

const gaisChoices = (you: boolean) =>
  choices(
    [1, '1: very much improved', you ? 'The best result you could expect.' : 'Optimal cosmetic result.'],
    [2, '2: much improved', 'Marked improvement, not quite optimal.'],
    [3, '3: improved', 'Improvement; a touch-up may help.'],
    [4, '4: no change', 'Looks the same as before treatment.'],
    [5, '5: worse', 'Worse than before treatment.'],
  );

const gaisCommon = {
  kind: 'change',
  direction: 'lower-is-better',
  range: () => ({ min: 1, max: 5 }),
  decimals: 0,
  settings: [],
  evidenceLevel: 'expert',
  sources: ['S66', 'S48'],
  // Some secondary sites describe 0–4 with the opposite direction (evidence 12.11): version and direction are stored.
  version: 'GAIS 1–5 (1 = very much improved, 5 = worse)',
  score: (v: Record<string, number>) => scored(v.rating!, 0),
} as const;

export const gaisInvestigator: ScaleDefinition = {
  ...gaisCommon,
  id: 'gais-investigator',
  name: 'Global Aesthetic Improvement Scale (investigator)',
  shortName: 'GAIS investigator',
  scoredBy: 'provider',
  description:
    'The provider compares the area now with the baseline photographs. Validation is limited and there are no ' +
    'cut-offs (S66); used in a striae trial (S48).',
  items: [choiceItem('rating', 'Compared with before treatment', gaisChoices(false))],
};

export const gaisSubject: ScaleDefinition = {
  ...gaisCommon,
  id: 'gais-subject',
  name: 'Global Aesthetic Improvement Scale (your view)',
  shortName: 'GAIS patient',
  scoredBy: 'patient',
  description: 'How does the treated area look now compared with before your treatment? (S66)',
  items: [choiceItem('rating', 'Compared with before treatment, the area is…', gaisChoices(true))],
};

export const satisfaction: ScaleDefinition = {
  id: 'satisfaction',
  name: 'Patient satisfaction',
  shortName: 'Satisfaction',
  version: 'Satisfaction 0–10 (0 = not at all, 10 = completely)',
  scoredBy: 'patient',
  kind: 'rating',
  direction: 'higher-is-better',
  range: () => ({ min: 0, max: 10 }),
  decimals: 0,
  description:
    'How satisfied you are with the result so far. Satisfaction was an outcome of the PRP meta-analyses ' +
    '(S51, S52); patient self-assessment is part of hair-loss follow-up (S27).',
  items: [
    choiceItem(
      'rating',
      'How satisfied are you with the result so far?',
      choices(
        [0, '0', 'Not at all satisfied'],
        ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n): [number, string] => [n, String(n)]),
        [10, '10', 'Completely satisfied'],
      ),
    ),
  ],
  settings: [],
  evidenceLevel: 'systematic-review',
  sources: ['S51', 'S52', 'S27'],
  score: (v) => scored(v.rating!, 0),
};
