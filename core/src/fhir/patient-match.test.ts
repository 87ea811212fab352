import { describe, expect, it } from 'vitest';
import { isPlaceholderIdentifier, samePerson } from './patient-match';

describe('isPlaceholderIdentifier', () => {
  it.each([
    ['999-99-9999', true],
    ['000-00-0000', true],
    ['111111111', true],
    ['123-45-6789', true],
    ['UNKNOWN', true],
    ['12', true],
    ['999-12-3456', false],
    ['MRN-000123', false],
    ['4a6bc0e2-1f', false],
  ])('%s -> %s', (value, placeholder) => expect(isPlaceholderIdentifier(value)).toBe(placeholder));
});

describe('samePerson', () => {
  const amy = { givenName: 'Amy V', familyName: 'Shaw', birthDate: '1987-02-20' };
  it.each([
    [{ ...amy, givenName: 'amy' }, true],
    [{ ...amy, familyName: 'SHAW' }, true],
    [{ ...amy, familyName: 'Shaw-Smith' }, false],
    [{ ...amy, birthDate: '1987-02-21' }, false],
    [{ ...amy, givenName: 'Beth' }, false],
  ])('%j -> %s', (other, same) => expect(samePerson(amy, other)).toBe(same));
});
