import { inflateSync } from 'node:zlib';

/** Every stream of a PDF, inflated where it is deflated, as one latin1 string. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const data = pdf.subarray(start, end);
    try {
      parts.push(inflateSync(data).toString('latin1'));
    } catch {
      parts.push(data.toString('latin1'));
    }
  }
  return parts.join('\n');
}

/** Whether a standard-font PDF shows `text` (its page text is written as WinAnsi hex strings). */
export const pdfShows = (pdf: Buffer, text: string): boolean =>
  pdfText(pdf).includes(Buffer.from(text, 'latin1').toString('hex').toUpperCase());
