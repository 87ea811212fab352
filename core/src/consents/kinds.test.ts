import { describe, expect, it } from 'vitest';
import { defaultConsentDocuments } from './default-documents';
import { consentKinds, consentStateOf, isRevocableKind, type ConsentState } from './kinds';
import { readPngSize } from './png';

const sig = (documentVersion: number, signedAt: string, revoked = false) => ({
  documentVersion,
  signedAt,
  revoked,
});

describe('consentStateOf', () => {
  const cases: [string, number, ReturnType<typeof sig>[], ConsentState][] = [
    ['nothing signed', 1, [], 'not-signed'],
    ['current version signed', 2, [sig(2, '2026-01-02T00:00:00.000Z')], 'signed'],
    ['only an older version signed', 2, [sig(1, '2026-01-01T00:00:00.000Z')], 'needs-re-consent'],
    [
      'older then current signed',
      2,
      [sig(1, '2026-01-01T00:00:00.000Z'), sig(2, '2026-02-01T00:00:00.000Z')],
      'signed',
    ],
    ['latest signature revoked', 1, [sig(1, '2026-01-01T00:00:00.000Z', true)], 'revoked'],
    ['revoked, then a new version: stays revoked', 3, [sig(2, '2026-01-01T00:00:00.000Z', true)], 'revoked'],
    [
      'revoked, then signed again',
      1,
      [sig(1, '2026-01-01T00:00:00.000Z', true), sig(1, '2026-03-01T00:00:00.000Z')],
      'signed',
    ],
  ];
  it.each(cases)('%s', (_name, current, signatures, expected) => {
    expect(consentStateOf(current, signatures)).toBe(expected);
  });
});

describe('consent kinds', () => {
  it('lets only photo consents be revoked in the portal', () => {
    expect(consentKinds.filter(isRevocableKind)).toEqual([
      'photo-clinical',
      'photo-teaching',
      'photo-marketing',
    ]);
  });

  it('has a plain-language default text for every kind', () => {
    expect(defaultConsentDocuments.map((d) => d.kind).sort()).toEqual([...consentKinds].sort());
    for (const d of defaultConsentDocuments) {
      expect(d.body.length, d.kind).toBeGreaterThan(500);
      if (isRevocableKind(d.kind)) expect(d.body, d.kind).toMatch(/optional/i);
      else expect(d.body, d.kind).toMatch(/medicine/i);
    }
  });

  it('has a Spanish text of every default with the same headings, paragraphs and bullets as the English', () => {
    const shape = (body: string) =>
      body
        .split('\n')
        .map((line) => (line.startsWith('## ') ? '#' : line.startsWith('- ') ? '-' : line ? 'p' : ''));
    for (const d of defaultConsentDocuments) {
      expect(shape(d.spanish.body), d.kind).toEqual(shape(d.body));
      expect(d.spanish.title, d.kind).toMatch(/^Consentimiento/);
      if (isRevocableKind(d.kind)) expect(d.spanish.body, d.kind).toMatch(/opcional/i);
      else expect(d.spanish.body, d.kind).toMatch(/medicamento/i);
    }
  });
});

describe('readPngSize', () => {
  const header = (width: number, height: number) => {
    const bytes = new Uint8Array(33);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const view = new DataView(bytes.buffer);
    view.setUint32(16, width);
    view.setUint32(20, height);
    return bytes;
  };
  it('reads width and height from the IHDR chunk', () => {
    expect(readPngSize(header(300, 100))).toEqual({ width: 300, height: 100 });
  });
  it('refuses what is not a PNG', () => {
    expect(readPngSize(new TextEncoder().encode('GIF89a' + ' '.repeat(40)))).toBeNull();
    expect(readPngSize(header(0, 10))).toBeNull();
    expect(readPngSize(new Uint8Array(8))).toBeNull();
  });
});
