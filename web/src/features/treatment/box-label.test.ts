import { describe, expect, it } from 'vitest';
import { readBoxLabel } from './box-label';

const GS = '\u001d';

describe('readBoxLabel: what the camera read, as a box label or a reason', () => {
  // (01) GTIN, (17) expiry, (10) lot ended by GS, (21) serial: what the reader returns for the box.
  const elements = ['01', '04006381333931', '17', '301231', '10', 'LOT-E2E-9', GS, '21', 'SN42'].join('');
  it.each([
    ["the reader's plain text, FNC1 as GS", elements],
    ['the human-readable text', '(01)04006381333931(17)301231(10)LOT-E2E-9(21)SN42'],
    ['with the symbology identifier', `]d2${elements}`],
  ])('%s gives GTIN, expiry, lot and serial', (_, text) => {
    expect(readBoxLabel(text)).toEqual({
      label: { gtin: '04006381333931', expiry: '2030-12-31', lot: 'LOT-E2E-9', serial: 'SN42' },
    });
  });

  it('a code that is not GS1 is named as such', () => {
    const read = readBoxLabel('https://example.test/manual');
    expect(read).toEqual({ problem: expect.stringMatching(/^Not a GS1 code .*Scan the GS1 DataMatrix/) });
  });

  it('a GTIN with a wrong check digit is refused', () => {
    expect(readBoxLabel('(01)04006381333932(10)A1')).toEqual({
      problem: expect.stringContaining('wrong check digit'),
    });
  });

  it('GS1 without GTIN, expiry or lot is not a box label', () => {
    expect(readBoxLabel('(21)SN42')).toEqual({
      problem: expect.stringContaining('no GTIN (01), expiry (17) or lot (10)'),
    });
  });
});
