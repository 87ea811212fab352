import { describe, expect, it } from 'vitest';
import { normaliseGs1Input, parseGs1, validGtin } from './gs1';

const GS = '\u001d';

describe('parseGs1', () => {
  it.each([
    [
      'raw DataMatrix with symbology identifier, GS after the lot',
      `]d2010400638133393117261231${'10'}LOT-42${GS}21SN7`,
      { gtin: '04006381333931', expiry: '2026-12-31', lot: 'LOT-42', serial: 'SN7' },
    ],
    [
      'leading FNC1 as GS, lot last (no separator needed)',
      `${GS}01040063813339311727063010A1B2`,
      { gtin: '04006381333931', expiry: '2027-06-30', lot: 'A1B2', serial: null },
    ],
    [
      'day 00 means the last day of the month',
      '(01)04006381333931(17)270200(10)FEB',
      { gtin: '04006381333931', expiry: '2027-02-28', lot: 'FEB', serial: null },
    ],
    [
      'day 00 in a leap-year February',
      '(01)04006381333931(17)280200(10)LEAP',
      { gtin: '04006381333931', expiry: '2028-02-29', lot: 'LEAP', serial: null },
    ],
    [
      'parenthesised human-readable form with spaces between elements',
      '(01) 04006381333931 (17) 261130 (10) 24B-17 (21) 0042',
      { gtin: '04006381333931', expiry: '2026-11-30', lot: '24B-17', serial: '0042' },
    ],
    [
      'typed <GS> separator',
      '010400638133393110ABC<GS>17261231',
      { gtin: '04006381333931', expiry: '2026-12-31', lot: 'ABC', serial: null },
    ],
    ['lot only', '(10)ONLY-LOT', { gtin: null, expiry: null, lot: 'ONLY-LOT', serial: null }],
  ])('%s', (_name, input, expected) => {
    expect(parseGs1(input)).toEqual({ ok: true, label: expected });
  });

  it.each([
    ['empty input', '   '],
    ['not a GS1 string', 'hello world'],
    ['GTIN with a wrong check digit', '(01)04006381333932(10)X'],
  ])('refuses %s with a reason', (_name, input) => {
    const result = parseGs1(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
  });
});

describe('normaliseGs1Input', () => {
  it('drops symbology identifiers and leading separators, turns typed separators into GS', () => {
    expect(normaliseGs1Input(`]C1${GS}0104006381333931{GS}10A`)).toBe(`0104006381333931${GS}10A`);
    expect(normaliseGs1Input('10A^21B')).toBe(`10A${GS}21B`);
  });
});

describe('validGtin', () => {
  it.each([
    ['04006381333931', true],
    ['04006381333932', false],
    ['4006381333931', true],
    ['96385074', true],
    ['123', false],
    ['0761234567890A', false],
  ])('%s -> %s', (gtin, valid) => {
    expect(validGtin(gtin)).toBe(valid);
  });
});
