import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toICalendar } from './icalendar';

describe('toICalendar', () => {
  const text = toICalendar(
    [
      {
        uid: 'b1',
        start: new Date('2026-03-29T08:00:00Z'),
        end: new Date('2026-03-29T09:15:00Z'),
        summary: 'Microneedling session, Glow Clinic; room 2',
        location: '1 Collagen Court, London',
        description: 'Arrive with clean skin.\nNo retinoids for 5 days before. '.repeat(4),
      },
      {
        uid: 'b2',
        start: new Date('2026-04-26T08:00:00Z'),
        end: new Date('2026-04-26T09:00:00Z'),
        summary: 'Follow-up',
        cancelled: true,
      },
    ],
    { name: 'My sessions', generatedAt: new Date('2026-03-01T10:00:00Z') },
  );

  it('parses back with the same events, times and statuses', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['b1@needlepoint', 'b2@needlepoint']);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-03-29T09:15:00.000Z');
    expect(events[0]!.summary).toBe('Microneedling session, Glow Clinic; room 2');
    expect(events[0]!.description).toContain('No retinoids for 5 days before.');
    expect(calendar.getAllSubcomponents('vevent')[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('uses CRLF, folds long lines at 75 octets and escapes commas and semicolons', () => {
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(text).toContain('SUMMARY:Microneedling session\\, Glow Clinic\\; room 2');
    expect(text).toMatch(/DTSTART:20260329T080000Z/);
  });
});
