import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar, type CalendarEvent } from './icalendar';

/**
 * No iCalendar library is installed, so the round trip uses this small strict reader: it unfolds (CRLF + one
 * space or tab), splits name;params:value, and unescapes TEXT. It fails on bare LF, over-long lines and bad escapes.
 */
function parse(text: string): { name: string; value: string }[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n') || line.includes('\r')).toBe(false);
    expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const events: { name: string; value: string }[][] = [];
  let current: { name: string; value: string }[] | null = null;
  expect(logical[0]).toBe('BEGIN:VCALENDAR');
  expect(logical.at(-1)).toBe('END:VCALENDAR');
  for (const line of logical) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0] as string;
    const raw = line.slice(colon + 1);
    const value = raw.replace(/\\(.)/g, (_m, c: string) => {
      if (c === 'n' || c === 'N') return '\n';
      if ([',', ';', '\\'].includes(c)) return c;
      throw new Error(`bad escape \\${c}`);
    });
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT') {
      events.push(current ?? []);
      current = null;
    } else if (current) current.push({ name, value });
  }
  return events;
}

const events: CalendarEvent[] = [
  {
    uid: 'b-1@needlepoint',
    start: '2026-03-29T09:00:00+01:00',
    end: '2026-03-29T10:15:00+01:00',
    summary: 'Microneedling, session 2 of 4; Ana Silva',
    location: 'Room 1, 12 High St, London',
    description: 'Numbing 09:00\nProcedure 09:30\nBring: sunscreen; hat, notes \\ misc',
    status: 'confirmed',
    sequence: 2,
    updatedAt: '2026-03-01T12:00:00Z',
  },
  {
    uid: 'b-2@needlepoint',
    start: '2026-10-25T09:00:00Z',
    end: '2026-10-25T09:30:00Z',
    summary: 'Consultation',
    status: 'cancelled',
  },
];
const options = {
  calendarName: 'Needlepoint, Ana',
  timeZone: 'Europe/London',
  prodId: '-//Needlepoint//Scheduling//EN',
  generatedAt: '2026-03-02T08:00:00Z',
};

describe('toICalendar', () => {
  it('round-trips through a strict reader', () => {
    const parsed = parse(toICalendar(events, options));
    expect(parsed).toHaveLength(2);
    const first = Object.fromEntries(parsed[0]?.map((p) => [p.name, p.value]) ?? []);
    expect(first).toEqual({
      UID: 'b-1@needlepoint',
      DTSTAMP: '20260302T080000Z',
      DTSTART: '20260329T080000Z',
      DTEND: '20260329T091500Z',
      SUMMARY: events[0]?.summary,
      LOCATION: events[0]?.location,
      DESCRIPTION: events[0]?.description,
      STATUS: 'CONFIRMED',
      SEQUENCE: '2',
      'LAST-MODIFIED': '20260301T120000Z',
    });
    const second = Object.fromEntries(parsed[1]?.map((p) => [p.name, p.value]) ?? []);
    expect(second).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '0', DTSTART: '20261025T090000Z' });
    expect(second.LOCATION).toBeUndefined();
  });

  it('writes the calendar header with CRLF line ends', () => {
    const text = toICalendar([], options);
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Needlepoint//Scheduling//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Needlepoint\\, Ana',
        'X-WR-TIMEZONE:Europe/London',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it.each([
    ['a;b,c', 'a\\;b\\,c'],
    ['line1\nline2\r\nline3', 'line1\\nline2\\nline3'],
    ['back\\slash', 'back\\\\slash'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it.each([
    ['75 ASCII octets stay on one line', 'x'.repeat(75), ['x'.repeat(75)]],
    ['76 octets fold once', 'x'.repeat(76), ['x'.repeat(75), ' x']],
    ['continuation lines carry 74 octets', 'x'.repeat(150), ['x'.repeat(75), ' ' + 'x'.repeat(74), ' x']],
    ['never splits a multi-byte character', 'x'.repeat(74) + 'é' + 'y', ['x'.repeat(74), ' éy']],
    ['emoji (4 octets) moves whole', 'x'.repeat(73) + '😀', ['x'.repeat(73), ' 😀']],
  ])('%s', (_name, line, expected) => {
    expect(foldLine(line).split('\r\n')).toEqual(expected);
  });

  it('folds long summaries and unfolds them back', () => {
    const summary = 'Sesión de microagujas con PRP, zona mejillas; '.repeat(6);
    const [parsed] = parse(
      toICalendar([{ ...events[1], uid: 'b-3', summary, status: 'tentative' } as CalendarEvent], options),
    );
    expect(parsed?.find((p) => p.name === 'SUMMARY')?.value).toBe(summary);
    expect(parsed?.find((p) => p.name === 'STATUS')?.value).toBe('TENTATIVE');
  });
});
