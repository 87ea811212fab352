import type { Band, Choice, ScaleItem, ScaleScore } from './scale.schema';

/** Small builders shared by the scale definitions. */

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f;
}

export function choices(...entries: [number, string, string?][]): Choice[] {
  return entries.map(([value, label, description]) =>
    description === undefined ? { value, label } : { value, label, description },
  );
}

export function choiceItem(
  id: string,
  label: string,
  options: Choice[],
  extra: { group?: string; help?: string; optional?: boolean } = {},
): ScaleItem {
  return { kind: 'choice', id, label, choices: options, ...extra };
}

export function numberItem(
  id: string,
  label: string,
  range: { min: number; max: number; step: number; unit?: string },
  extra: { group?: string; help?: string; optional?: boolean } = {},
): ScaleItem {
  return { kind: 'number', id, label, ...range, ...extra };
}

/** 1 (normal skin) to 10 (worst imaginable): the POSAS item scale. */
export const oneToTen = choices(
  [1, '1', 'Like normal skin'],
  [2, '2'],
  [3, '3'],
  [4, '4'],
  [5, '5'],
  [6, '6'],
  [7, '7'],
  [8, '8'],
  [9, '9'],
  [10, '10', 'Worst imaginable'],
);

export function scored(total: number, decimals: number, more: Partial<ScaleScore> = {}): ScaleScore {
  return { total: round(total, decimals), band: null, parts: {}, notes: [], ...more };
}

export function band(id: string, label: string): Band {
  return { id, label };
}
