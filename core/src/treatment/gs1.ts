// The package ships no types; this reference makes them reach every project that compiles core (web, server, e2e).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./gs1-barcode-parser-mod.d.ts" />
import gs1 from 'gs1-barcode-parser-mod';

/**
 * GS1 element strings as read from the DataMatrix on a cartridge or roller box, or typed from the human-readable
 * text under it. Parsing is done by `gs1-barcode-parser-mod` (ADR 013); this wrapper normalises what scanners and
 * people type, checks the GTIN check digit, and keeps only what the treatment record needs.
 */
export interface Gs1Label {
  /** (01) GTIN-14. */
  gtin: string | null;
  /** (17) expiry as `YYYY-MM-DD`; day 00 in the barcode means the last day of that month. */
  expiry: string | null;
  /** (10) batch or lot. */
  lot: string | null;
  /** (21) serial number. */
  serial: string | null;
}

export type Gs1Result = { ok: true; label: Gs1Label } | { ok: false; error: string };

const GS = '\u001d';

/**
 * Turns what a scanner or a keyboard produced into the element string the parser reads: symbology identifiers
 * (`]d2`, `]C1`, `]Q3`) dropped, a leading FNC1/GS dropped, and typed separators (`<GS>`, `{GS}`, `\x1d`, `^`)
 * made into the GS character. Parenthesised human-readable text `(01)...(17)...` is passed through.
 */
export function normaliseGs1Input(input: string): string {
  let text = input.trim();
  text = text.replace(/^\](d2|C1|Q3|e0)/, '');
  text = text.replace(/<GS>|\{GS\}|\\x1d|\\u001d|\^|<FNC1>|\{FNC1\}/gi, GS);
  while (text.startsWith(GS)) text = text.slice(1);
  while (text.endsWith(GS)) text = text.slice(0, -1);
  if (text.startsWith('(')) text = text.replace(/\s*\(\s*/g, '(').replace(/\s*\)\s*/g, ')');
  return text;
}

/** GS1 mod-10 check digit over GTIN-8/12/13/14. */
export function validGtin(gtin: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(gtin)) return false;
  const digits = gtin.split('').map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** Parses one GS1 element string; an unreadable string or a GTIN with a wrong check digit is an error. */
export function parseGs1(input: string): Gs1Result {
  const text = normaliseGs1Input(input);
  if (text === '') return { ok: false, error: 'Nothing to read: scan or type the code on the box' };
  let items: ReturnType<typeof gs1.parseBarcode>['parsedCodeItems'];
  try {
    items = gs1.parseBarcode(text).parsedCodeItems;
  } catch (error) {
    const reason = typeof error === 'string' ? error : error instanceof Error ? error.message : 'unreadable';
    return { ok: false, error: `Not a GS1 code the record can read (${reason})` };
  }
  const value = (ai: string) => items.find((i) => i.ai === ai);
  const gtin = value('01')?.raw ?? null;
  if (gtin !== null && !validGtin(gtin)) {
    return { ok: false, error: `GTIN ${gtin} has a wrong check digit: rescan or retype it` };
  }
  const expiry = value('17');
  return {
    ok: true,
    label: {
      gtin,
      expiry: expiry ? expiry.isoDate || null : null,
      lot: value('10')?.raw ?? null,
      serial: value('21')?.raw ?? null,
    },
  };
}
