import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TreatmentRecordDto } from '@needlepoint/core/contracts/treatment-records';

const pageSize: [number, number] = [595.28, 841.89]; // A4
const margin = 50;

/** Standard fonts draw WinAnsi only: keep what they can, replace the rest. */
function clean(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  const map: Record<string, string> = {
    '²': '2',
    '≥': '>=',
    '≤': '<=',
    '→': '->',
    '–': '-',
    '—': '-',
    µ: 'u',
  };
  return [...text].map((ch) => map[ch] ?? (supported.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** The printable summary of one treatment record, with its sign-off and every addendum. */
export async function renderTreatmentRecordPdf(
  record: TreatmentRecordDto,
  extra: { clinicName: string; deviceName: string | null },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;
  const line = (text: string, options: { size?: number; bold?: boolean } = {}) => {
    const size = options.size ?? 10;
    const font = options.bold ? bold : regular;
    const words = clean(text, font).split(' ');
    let current = '';
    const flush = () => {
      if (y < margin + size) {
        page = pdf.addPage(pageSize);
        y = pageSize[1] - margin;
      }
      page.drawText(current, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
      current = '';
    };
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > pageSize[0] - 2 * margin && current) {
        flush();
        current = word;
      } else current = candidate;
    }
    flush();
  };
  const gap = () => (y -= 6);
  const d = record.draft;

  line(`${extra.clinicName}: treatment record`, { size: 16, bold: true });
  line(`${record.patientName} - session of ${record.appointmentStart} - provider ${record.providerName}`);
  line(
    `${record.planName ? `Plan: ${record.planName}, session ${record.sessionNumber ?? '?'}` : 'No plan'} - modality ${record.modality}`,
  );
  line(
    record.status === 'signed'
      ? `SIGNED by ${record.signedByName} at ${record.signedAt} (locked; later changes are addenda)`
      : 'DRAFT - not signed',
    { bold: true },
  );
  gap();
  line('Pre-procedure checklist', { size: 12, bold: true });
  line(
    `Screening: ${record.screening.verdict ?? 'not run'} (${record.screening.cleared ? 'cleared' : 'not cleared'})` +
      (record.screening.override
        ? ` - override by ${record.screening.override.byName}: ${record.screening.override.reason}`
        : ''),
  );
  line(
    `Consent (${record.consent.kind}): ${record.consent.state}, signed version ${record.consent.signedVersion ?? '-'} of ${record.consent.currentVersion ?? '-'}`,
  );
  const yn = (v: boolean | null) => (v === null ? 'not answered' : v ? 'yes' : 'no');
  line(
    `Photos taken: ${yn(d.checklist.photosTaken)}; skin clean, no active lesions: ${yn(d.checklist.skinClean)}; preparation followed: ${yn(d.checklist.preparationFollowed)} ${d.checklist.preparationNote}`,
  );
  gap();
  line('Numbing', { size: 12, bold: true });
  line(
    d.numbing
      ? `${d.numbing.productName || d.numbing.product} ${d.numbing.concentration} - ${d.numbing.amountG ?? '?'} g over ${d.numbing.areaCm2 ?? '?'} cm2, applied ${d.numbing.appliedAt ?? '?'}, removed ${d.numbing.removedAt ?? '?'}, occlusion ${d.numbing.occlusion ? 'yes' : 'no'}`
      : 'None charted',
  );
  for (const w of record.numbingWarnings) line(`Warning ${w.ruleId} (${w.sources.join(', ')}): ${w.message}`);
  gap();
  line('Device and consumables', { size: 12, bold: true });
  line(`Device: ${extra.deviceName ?? 'not charted'}; handpiece serial: ${d.handpieceSerial || '-'}`);
  for (const c of d.consumables)
    line(
      `${c.productName}${c.needleCount ? ` (${c.needleCount} needles)` : ''} - lot ${c.lot}, expiry ${c.expiry}${c.gtin ? `, GTIN ${c.gtin}` : ''}${c.serial ? `, serial ${c.serial}` : ''} x${c.quantity}`,
    );
  if (d.rf)
    line(`RF: energy ${d.rf.energy}, pulse ${d.rf.pulseMs ?? '-'} ms, depth ${d.rf.depthMm ?? '-'} mm`);
  gap();
  line('Zones', { size: 12, bold: true });
  for (const z of d.zones)
    line(
      `${z.zone}: ${z.depthMm} mm${z.depthConfirmed ? ' (outside plan range, confirmed)' : ''}, ${z.passes ?? '?'} passes, speed ${z.speed || '-'}, ${z.technique ?? '-'}, endpoint ${z.endpoint ?? '-'} ${z.notes}`,
    );
  for (const t of d.topicals)
    line(`${t.role}: ${t.productName || t.productId}, lot ${t.lot || '-'}, ${t.route}`);
  gap();
  line('After the procedure', { size: 12, bold: true });
  line(
    `Immediate reaction: ${d.immediateReaction || '-'}; pain ${d.pain ?? '?'}/10; aftercare given: ${yn(d.aftercareGiven)} ${d.aftercareNotes}`,
  );
  if (record.addenda.length > 0) {
    gap();
    line('Addenda', { size: 12, bold: true });
    for (const a of record.addenda) line(`${a.signedAt} - ${a.signedByName}: ${a.text}`);
  }
  return pdf.save();
}
