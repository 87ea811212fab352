import { describe, expect, it } from 'vitest';
import { chooseDrug, drugOfEntry, medicationCodes, rxnormSystem } from './drug-choice';

const suggestions = [
  { name: 'Eliquis', generic: 'apixaban', conceptId: 'apixaban', rxnorm: '1364430' },
  { name: 'apixaban', generic: 'apixaban', conceptId: 'apixaban', rxnorm: '1364430' },
  { name: 'Arnica', generic: 'arnica', conceptId: 'arnica', rxnorm: null },
];

describe('the drug type-ahead choice', () => {
  it('keeps the RxNorm code and generic of a picked suggestion', () => {
    expect(chooseDrug('Eliquis', suggestions)).toEqual({
      name: 'Eliquis',
      rxnorm: '1364430',
      generic: 'apixaban',
    });
  });

  it('leaves a name typed freely uncoded, even when it starts like a suggestion', () => {
    expect(chooseDrug('Eliq', suggestions)).toEqual({ name: 'Eliq', rxnorm: null });
    expect(chooseDrug('eliquis 5 mg', suggestions)).toEqual({ name: 'eliquis 5 mg', rxnorm: null });
  });

  it('is uncoded when the vocabulary has no RxNorm code for the suggestion', () => {
    expect(chooseDrug('Arnica', suggestions).rxnorm).toBeNull();
  });
});

describe('the codes a staff medication entry keeps', () => {
  const other = { system: 'http://snomed.info/sct', code: '108979001' };

  it('puts the RxNorm code first, with the generic as its display, and keeps other systems', () => {
    expect(medicationCodes({ name: 'Eliquis', rxnorm: '1364430', generic: 'apixaban' }, [other])).toEqual([
      { system: rxnormSystem, code: '1364430', display: 'apixaban' },
      other,
    ]);
  });

  it('drops a previous RxNorm code when the name is retyped freely', () => {
    const previous = [{ system: rxnormSystem, code: '1364430', display: 'apixaban' }, other];
    expect(medicationCodes({ name: 'Something else', rxnorm: null }, previous)).toEqual([other]);
  });

  it('starts a correction from the entry’s own code, so saving it unchanged keeps the code', () => {
    const entry = {
      display: 'Eliquis',
      codes: [{ system: rxnormSystem, code: '1364430', display: 'apixaban' }],
    };
    const choice = drugOfEntry(entry);
    expect(choice).toEqual({ name: 'Eliquis', rxnorm: '1364430', generic: 'apixaban' });
    expect(medicationCodes(choice, entry.codes)).toEqual(entry.codes);
    expect(drugOfEntry({ display: 'Arnica gel', codes: [] })).toEqual({ name: 'Arnica gel', rxnorm: null });
  });
});
