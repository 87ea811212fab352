import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  clinicDate,
  clinicInstant,
  clinicMinutes,
  clinicTime,
  clinicToday,
  formatDateTime,
  formatRange,
  setClinicTimeZone,
  todayIso,
  weekStart,
  windowUtc,
  zoneLabel,
} from './clinic-time';

afterEach(() => setClinicTimeZone(undefined));

describe('today at the clinic', () => {
  // 23:30 UTC on 3 December: already 4 December in Auckland, still 3 December in London and New York.
  const lateUtc = new Date('2026-12-03T23:30:00Z');

  it('is the clinic’s date, not the device’s', () => {
    setClinicTimeZone('Pacific/Auckland');
    expect(todayIso(lateUtc)).toBe('2026-12-04');
    setClinicTimeZone('America/New_York');
    expect(todayIso(lateUtc)).toBe('2026-12-03');
  });

  it('is the same date from the session zone and from an explicit zone', () => {
    setClinicTimeZone('Pacific/Auckland');
    expect(clinicToday('Pacific/Auckland')).toBe(todayIso());
  });
});

describe('instants and local times at the clinic', () => {
  it('turns a local date and time into the UTC instant, in summer and in winter time', () => {
    expect(clinicInstant('2026-01-15', '09:00', 'Europe/London')).toBe('2026-01-15T09:00:00.000Z');
    expect(clinicInstant('2026-07-15', '09:00', 'Europe/London')).toBe('2026-07-15T08:00:00.000Z');
    expect(clinicInstant('2026-07-15', '09:00', 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
  });

  it('reads an instant back as the clinic’s date, time and minutes since midnight', () => {
    const iso = '2026-07-15T23:30:00.000Z';
    expect(clinicDate(iso, 'Europe/Berlin')).toBe('2026-07-16');
    expect(clinicTime(iso, 'Europe/Berlin')).toBe('01:30');
    expect(clinicMinutes(iso, 'Europe/Berlin')).toBe(90);
    expect(clinicDate(iso, 'America/New_York')).toBe('2026-07-15');
  });

  it('bounds local days by the clinic’s midnights, including the day the clocks go forward', () => {
    // Europe/London moves to summer time on 29 March 2026: that day is 23 hours long.
    expect(windowUtc('2026-03-29', '2026-03-30', 'Europe/London')).toEqual({
      from: '2026-03-29T00:00:00.000Z',
      to: '2026-03-29T23:00:00.000Z',
    });
  });

  it('counts calendar days and weeks from Monday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
  });
});

describe('times people read', () => {
  it('writes an instant in the clinic’s zone', () => {
    setClinicTimeZone('Europe/Berlin');
    expect(formatDateTime('2026-07-15T23:30:00.000Z')).toBe('16 Jul 2026, 01:30');
    expect(formatDateTime('2026-07-15T23:30:00.000Z', 'America/New_York')).toBe('15 Jul 2026, 19:30');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('writes a booking’s range and the zone’s short name', () => {
    expect(formatRange('2026-12-03T09:05:00.000Z', '2026-12-03T10:20:00.000Z', 'Europe/London')).toBe(
      'Thu 3 Dec, 09:05–10:20',
    );
    expect(zoneLabel('America/New_York')).toBe('New York time');
  });
});
