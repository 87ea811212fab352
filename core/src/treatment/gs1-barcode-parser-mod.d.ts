declare module 'gs1-barcode-parser-mod' {
  export interface ParsedElement {
    ai: string;
    dataTitle: string;
    data: unknown;
    unit: string;
    /** Date elements: the date as the barcode states it, `YYYY-MM-DD`. */
    isoDate: string;
    raw: string;
  }
  export function parseBarcode(barcode: string): { codeName: string; parsedCodeItems: ParsedElement[] };
  const parser: { parseBarcode: typeof parseBarcode };
  export default parser;
}
