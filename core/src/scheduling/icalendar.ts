import { toInstant } from './time-zone';

/**
 * RFC 5545 calendar text for a clinic's or provider's appointments: CRLF line ends, content lines folded at 75
 * octets (UTF-8, never inside a character), TEXT values escaped. Times are written in UTC (`Z` form), so no
 * VTIMEZONE is needed; the clinic zone goes in X-WR-TIMEZONE as a hint for calendar apps.
 */

export interface CalendarEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  location?: string | null;
  description?: string | null;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Bumped on every change so calendar apps replace their copy. */
  sequence?: number;
  /** Last change (LAST-MODIFIED); DTSTAMP is the time the calendar was generated. */
  updatedAt?: string | null;
}

export interface CalendarOptions {
  calendarName: string;
  timeZone: string;
  prodId: string;
  /** When the feed is generated (DTSTAMP); core has no clock. */
  generatedAt: string;
}

/** `20260329T080000Z` */
export function formatUtc(value: string): string {
  return new Date(toInstant(value))
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds one content line: at most 75 octets per line, continuation lines begin with a space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) as number);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export function toICalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const stamp = formatUtc(options.generatedAt);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    `X-WR-TIMEZONE:${options.timeZone}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${formatUtc(e.start)}`,
      `DTEND:${formatUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.status.toUpperCase()}`, `SEQUENCE:${e.sequence ?? 0}`);
    if (e.updatedAt) lines.push(`LAST-MODIFIED:${formatUtc(e.updatedAt)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
