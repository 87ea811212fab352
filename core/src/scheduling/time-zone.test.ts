import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  localDayConverter,
  offsetMinutes,
  toInstant,
  utcToZoned,
  weekdayOf,
  zonedToUtc,
  type Disambiguation,
} from './time-zone';

describe('zonedToUtc', () => {
  it.each<[string, string, string, Disambiguation, string]>([
    // ordinary days
    ['Europe/London', '2026-01-15', '09:00', 'compatible', '2026-01-15T09:00:00.000Z'],
    ['Europe/London', '2026-07-15', '09:00', 'compatible', '2026-07-15T08:00:00.000Z'],
    ['America/New_York', '2026-01-15', '09:00', 'compatible', '2026-01-15T14:00:00.000Z'],
    ['Asia/Kolkata', '2026-01-15', '09:30', 'compatible', '2026-01-15T04:00:00.000Z'],
    ['UTC', '2026-01-15', '00:00', 'compatible', '2026-01-15T00:00:00.000Z'],
    // London spring forward 2026-03-29 01:00 GMT -> 02:00 BST
    ['Europe/London', '2026-03-29', '00:30', 'compatible', '2026-03-29T00:30:00.000Z'],
    ['Europe/London', '2026-03-29', '01:30', 'compatible', '2026-03-29T01:30:00.000Z'], // gap: 02:30 BST
    ['Europe/London', '2026-03-29', '01:30', 'later', '2026-03-29T01:30:00.000Z'],
    ['Europe/London', '2026-03-29', '01:30', 'earlier', '2026-03-29T00:30:00.000Z'], // 00:30 GMT
    ['Europe/London', '2026-03-29', '09:00', 'compatible', '2026-03-29T08:00:00.000Z'],
    // London fall back 2026-10-25 02:00 BST -> 01:00 GMT: 01:30 happens twice
    ['Europe/London', '2026-10-25', '01:30', 'compatible', '2026-10-25T00:30:00.000Z'],
    ['Europe/London', '2026-10-25', '01:30', 'earlier', '2026-10-25T00:30:00.000Z'],
    ['Europe/London', '2026-10-25', '01:30', 'later', '2026-10-25T01:30:00.000Z'],
    ['Europe/London', '2026-10-25', '09:00', 'compatible', '2026-10-25T09:00:00.000Z'],
    // New York spring forward 2026-03-08 02:00 EST -> 03:00 EDT
    ['America/New_York', '2026-03-08', '02:30', 'compatible', '2026-03-08T07:30:00.000Z'], // 03:30 EDT
    ['America/New_York', '2026-03-08', '02:30', 'earlier', '2026-03-08T06:30:00.000Z'], // 01:30 EST
    ['America/New_York', '2026-03-08', '09:00', 'compatible', '2026-03-08T13:00:00.000Z'],
    // New York fall back 2026-11-01 02:00 EDT -> 01:00 EST
    ['America/New_York', '2026-11-01', '01:30', 'compatible', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', 'later', '2026-11-01T06:30:00.000Z'],
    ['America/New_York', '2026-11-01', '09:00', 'compatible', '2026-11-01T14:00:00.000Z'],
    // southern hemisphere: Sydney goes back on 2026-04-05 03:00 AEDT -> 02:00 AEST
    ['Australia/Sydney', '2026-04-05', '02:30', 'compatible', '2026-04-04T15:30:00.000Z'],
    ['Australia/Sydney', '2026-04-05', '02:30', 'later', '2026-04-04T16:30:00.000Z'],
  ])('%s %s %s (%s) -> %s', (zone, date, time, disambiguation, expected) => {
    expect(new Date(zonedToUtc(date, time, zone, disambiguation)).toISOString()).toBe(expected);
  });

  it('rejects malformed dates and times', () => {
    expect(() => zonedToUtc('2026-3-1', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedToUtc('2026-03-01', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedToUtc('2026-03-01', '9:00', 'UTC')).toThrow(RangeError);
  });
});

describe('utcToZoned', () => {
  it.each([
    ['2026-03-29T00:59:00Z', 'Europe/London', '2026-03-29', '00:59', 'sunday'],
    ['2026-03-29T01:00:00Z', 'Europe/London', '2026-03-29', '02:00', 'sunday'],
    ['2026-10-25T00:30:00Z', 'Europe/London', '2026-10-25', '01:30', 'sunday'],
    ['2026-10-25T01:30:00Z', 'Europe/London', '2026-10-25', '01:30', 'sunday'],
    ['2026-11-01T04:30:00Z', 'America/New_York', '2026-11-01', '00:30', 'sunday'],
    ['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31', '22:00', 'wednesday'],
  ])('%s in %s -> %s %s %s', (instant, zone, date, time, weekday) => {
    expect(utcToZoned(toInstant(instant), zone)).toEqual({ date, time, weekday });
  });

  it('round-trips every quarter hour across both London changes', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      let t = toInstant(`${day}T00:00:00Z`) - 3_600_000;
      for (let i = 0; i < 24 * 4; i++, t += 900_000) {
        const local = utcToZoned(t, 'Europe/London');
        const back = zonedToUtc(local.date, local.time, 'Europe/London', 'compatible');
        const later = zonedToUtc(local.date, local.time, 'Europe/London', 'later');
        expect([back, later]).toContain(t);
      }
    }
  });
});

describe('calendar helpers', () => {
  it.each([
    ['Europe/London', '2026-01-15T12:00:00Z', 0],
    ['Europe/London', '2026-07-15T12:00:00Z', 60],
    ['America/New_York', '2026-07-15T12:00:00Z', -240],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 345],
  ])('offset of %s at %s is %i min', (zone, instant, offset) => {
    expect(offsetMinutes(toInstant(instant), zone)).toBe(offset);
  });

  it('adds days, months and counts days', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
    expect(daysBetween('2026-03-01', '2026-03-29')).toBe(28);
    expect(daysBetween('2026-03-29', '2026-03-01')).toBe(-28);
    expect(weekdayOf('2026-03-29')).toBe('sunday');
    expect(weekdayOf('2026-03-30')).toBe('monday');
  });

  it('accepts only instants with an offset', () => {
    expect(toInstant('2026-03-29T09:00:00+01:00')).toBe(Date.UTC(2026, 2, 29, 8));
    expect(() => toInstant('2026-03-29T09:00:00')).toThrow(RangeError);
    expect(() => toInstant('nonsense')).toThrow(RangeError);
  });
});

describe('localDayConverter', () => {
  it.each([
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-06-01'],
    ['Australia/Lord_Howe', '2026-04-05'],
  ])('agrees with zonedToUtc for every quarter hour of %s %s', (zone, date) => {
    const convert = localDayConverter(date, zone);
    for (let m = 0; m < 24 * 60; m += 15) {
      const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      expect(convert(time), time).toBe(zonedToUtc(date, time, zone));
    }
  });
});
