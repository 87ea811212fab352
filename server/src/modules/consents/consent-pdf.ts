import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ConsentDocument, ConsentSignature } from '@needlepoint/core/contracts/consents';
import { markdownBlocks } from './markdown-blocks';

/** What the printable copy of one signed consent shows. */
export interface ConsentPdfInput {
  clinicName: string;
  timeZone: string;
  patientName: string;
  document: ConsentDocument;
  /** The text in the language signed (`signature.language`). */
  text: { title: string; body: string };
  signature: ConsentSignature;
  signaturePng: Uint8Array;
}

const languageNames: Record<ConsentSignature['language'], string> = {
  en: 'English',
  es: 'Spanish (español)',
};

const pageSize: [number, number] = [595.28, 841.89]; // A4 in points
const margin = 56;
const width = pageSize[0] - 2 * margin;

/** Standard PDF fonts know only WinAnsi; replace what they cannot draw rather than fail. */
const replacements: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '×': 'x',
  '−': '-',
  '\u00a0': ' ',
  '\t': '    ',
};

function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'long', timeStyle: 'long' }).format(date);
  let local: string;
  try {
    local = format(timeZone);
  } catch {
    local = format('UTC');
  }
  return `${iso} (UTC); ${local} (${timeZone})`;
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  private pageNumber = 0;
  private readonly supported: Set<number>;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.supported = new Set(regular.getCharacterSet());
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage(pageSize);
    this.pageNumber += 1;
    this.y = pageSize[1] - margin;
    this.page.drawText(this.clean(`${this.footer} - page ${this.pageNumber}`), {
      x: margin,
      y: margin / 2,
      size: 8,
      font: this.regular,
      color: rgb(0.4, 0.4, 0.4),
    });
  }

  clean(text: string): string {
    return [...text]
      .map((ch) => replacements[ch] ?? (this.supported.has(ch.codePointAt(0)!) ? ch : '?'))
      .join('');
  }

  /** Room for `height` more points on this page, or a new page. */
  ensure(height: number): void {
    if (this.y - height < margin) this.newPage();
  }

  /** Words wrapped to the width; a word longer than a line is broken by characters. */
  private wrap(text: string, font: PDFFont, size: number, lineWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.clean(text).split(/ +/)) {
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > lineWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > lineWidth) cut -= 1;
        if (line) lines.push(line);
        line = '';
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      const candidate = line ? `${line} ${rest}` : rest;
      if (font.widthOfTextAtSize(candidate, size) <= lineWidth) line = candidate;
      else {
        lines.push(line);
        line = rest;
      }
    }
    if (line) lines.push(line);
    return lines.length ? lines : [''];
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; indent?: number; marker?: string } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    const lines = this.wrap(text, font, size, width - indent);
    lines.forEach((line, index) => {
      this.ensure(leading);
      this.y -= leading;
      if (options.marker && index === 0) {
        const marker = this.clean(options.marker);
        const markerWidth = font.widthOfTextAtSize(marker, size);
        this.page.drawText(marker, { x: margin + indent - markerWidth - 4, y: this.y, size, font });
      }
      this.page.drawText(line, { x: margin + indent, y: this.y, size, font });
    });
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A Markdown text (consent documents): headings, paragraphs and list items, inline marks as plain text. */
  markdown(body: string): void {
    for (const block of markdownBlocks(body)) {
      if (block.kind === 'heading') {
        this.ensure(40);
        this.gap(6);
        this.paragraph(block.text, { size: 11.5, bold: true });
      } else if (block.kind === 'item') {
        this.paragraph(block.text, { indent: 14 * (1 + (block.level ?? 0)), marker: block.marker ?? '-' });
      } else {
        this.gap(4);
        this.paragraph(block.text);
      }
    }
  }

  image(png: Awaited<ReturnType<PDFDocument['embedPng']>>, maxWidth: number, maxHeight: number): void {
    const scale = Math.min(maxWidth / png.width, maxHeight / png.height, 1);
    const w = png.width * scale;
    const h = png.height * scale;
    this.ensure(h + 8);
    this.y -= h + 4;
    this.page.drawImage(png, { x: margin, y: this.y, width: w, height: h });
    this.page.drawLine({
      start: { x: margin, y: this.y - 2 },
      end: { x: margin + Math.max(w, 180), y: this.y - 2 },
      thickness: 0.5,
      color: rgb(0.5, 0.5, 0.5),
    });
    this.y -= 6;
  }
}

/** A printable A4 copy of one signed consent: the full text as signed, and the evidence of signing. */
export async function renderConsentPdf(input: ConsentPdfInput): Promise<Uint8Array> {
  const { document, text, signature } = input;
  const pdf = await PDFDocument.create();
  const title = `${text.title} (version ${document.version})`;
  pdf.setTitle(title);
  pdf.setSubject(`Consent signed by ${input.patientName}`);
  pdf.setCreator('Needlepoint');
  pdf.setProducer('Needlepoint');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(pdf, regular, bold, `${input.clinicName} - ${title} - signature ${signature.id}`);

  w.paragraph(input.clinicName, { size: 10, bold: true });
  w.gap(6);
  w.paragraph(text.title, { size: 16, bold: true });
  w.paragraph(`Version ${document.version} - consent type: ${document.kind}`, { size: 9 });
  w.paragraph(`Language signed: ${languageNames[signature.language]}`, { size: 9 });
  w.paragraph(`Patient: ${input.patientName}`, { size: 9 });
  w.gap(8);
  w.markdown(text.body);

  w.gap(14);
  w.ensure(200);
  w.paragraph('Signature', { size: 12, bold: true });
  w.gap(4);
  w.paragraph('I have read and understood this document, and I agree to it.');
  w.gap(4);
  try {
    w.image(await pdf.embedPng(input.signaturePng), 220, 90);
  } catch {
    w.paragraph('(The drawn signature image could not be rendered; it is kept in the clinic record.)');
  }
  const facts: [string, string][] = [
    ['Typed name', signature.typedName],
    ['Signed at', formatInstant(signature.signedAt, input.timeZone)],
    ['IP address', signature.ip ?? 'not recorded'],
    ['Browser', signature.userAgent ?? 'not recorded'],
    ['Document', `${text.title}, version ${signature.documentVersion}`],
    ['Language', languageNames[signature.language]],
    ['Document SHA-256', signature.documentSha256],
    ['Signature id', signature.id],
  ];
  for (const [label, value] of facts) w.paragraph(`${label}: ${value}`, { size: 9 });
  if (signature.revocation) {
    w.gap(10);
    w.paragraph('Withdrawn', { size: 12, bold: true });
    w.paragraph(`Withdrawn at: ${formatInstant(signature.revocation.revokedAt, input.timeZone)}`, {
      size: 9,
    });
    if (signature.revocation.revokedByName) {
      w.paragraph(`Withdrawn by: ${signature.revocation.revokedByName}`, { size: 9 });
    }
    w.paragraph(`Reason: ${signature.revocation.reason || 'none given'}`, { size: 9 });
  }
  return pdf.save();
}
