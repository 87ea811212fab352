import { describe, expect, it } from 'vitest';
import { clinicalKnowledge } from './knowledge';
import { suggestDrugs } from './drug-suggestions';

const names = (q: string) => suggestDrugs(clinicalKnowledge.drugs, q).map((s) => s.name.toLowerCase());

describe('suggestDrugs', () => {
  it.each([
    ['eli', 'eliquis'],
    ['Xar', 'xarelto'],
    ['isotre', 'isotretinoin'],
    ['st jo', "st john's wort"],
    ['fish', 'fish oil'],
  ])('"%s" suggests %s', (q, expected) => {
    expect(names(q).some((n) => n.replace(/[’']/g, "'").startsWith(expected.slice(0, 6)))).toBe(true);
  });

  it('names the generic behind a brand', () => {
    expect(suggestDrugs(clinicalKnowledge.drugs, 'eliquis')[0]).toMatchObject({
      name: 'Eliquis',
      generic: 'apixaban',
    });
  });

  it('suggests nothing for one letter or an unknown word', () => {
    expect(names('e')).toEqual([]);
    expect(names('zzzq')).toEqual([]);
  });
});
