import { describe, expect, it } from 'vitest';
import { compileTermMatcher, editDistance, normalizeText } from './text-match';

describe('normalizeText', () => {
  it.each([
    ["St. John's Wort", 'st johns wort'],
    ['St John’s wört', 'st johns wort'],
    ['RETIN-A 0.05%', 'retin a 0 05'],
    ['  Crème  Éclat ', 'creme eclat'],
  ])('%s -> %s', (input, expected) => expect(normalizeText(input)).toBe(expected));
});

describe('editDistance', () => {
  it.each([
    ['eliquis', 'eliquise', 1],
    ['xarelto', 'xeralto', 2],
    ['ginkgo', 'gingko', 1],
    ['aspirin', 'asprin', 1],
    ['tacrolimus', 'metformin', 3],
  ])('%s / %s = %i (capped at 2+1)', (a, b, d) => expect(editDistance(a, b, 2)).toBe(d));
});

describe('compileTermMatcher', () => {
  const matcher = compileTermMatcher([
    { term: 'Eliquis', value: 'apixaban', fuzzy: true },
    { term: "St John's wort", value: 'hypericum', fuzzy: true },
    { term: 'acne', value: 'acne', fuzzy: false },
    { term: 'Ibu', value: 'ibuprofen', fuzzy: true },
  ]);
  it('finds brands and misspellings but not unrelated words', () => {
    expect(matcher.find('ELIQUISE 5mg')).toEqual(['apixaban']);
    expect(matcher.find('st johns wort capsules')).toEqual(['hypericum']);
    expect(matcher.find('ibu 400')).toEqual(['ibuprofen']);
    expect(matcher.find('ibex')).toEqual([]);
    expect(matcher.find('acme')).toEqual([]);
    expect(matcher.find('liquid')).toEqual([]);
  });
});
