/**
 * Wall-clock time in an IANA time zone <-> UTC instants, with `Intl.DateTimeFormat` only (no date library).
 * Instants are epoch milliseconds. Local dates are `YYYY-MM-DD`, local times `HH:MM` (24 h).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];

/** How to read a wall-clock time that occurs twice (clocks go back) or never (clocks go forward). */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

export interface LocalDateTime {
  date: string;
  time: string;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WALL = /^(\d{2})\/(\d{2})\/(-?\d+), (\d{2}):(\d{2}):(\d{2})$/;

/** The wall clock at `instant` in `timeZone`, as epoch ms of the same fields read as UTC. */
function wallClockMs(instant: number, timeZone: string): number {
  const f = formatter(timeZone);
  const m = WALL.exec(f.format(instant));
  if (m) {
    const [, mo, d, y, h, mi, sec] = m.map<number>(Number);
    return Date.UTC(y as number, (mo as number) - 1, d, h, mi, sec);
  }
  const parts = f.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** UTC offset in minutes at `instant` (London summer time: 60; New York winter: -300). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((wallClockMs(whole, timeZone) - whole) / MS_PER_MINUTE);
}

function parseDate(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function parseTime(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Not a time (HH:MM): ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isLocalTime(value: string): boolean {
  return TIME.test(value);
}

/**
 * The UTC instant of a wall-clock date and time in `timeZone`. A time that never happens (the hour skipped when
 * clocks go forward) moves forward by the gap with `compatible` and `later`, back with `earlier`; a time that
 * happens twice (clocks go back) is the first with `compatible` and `earlier`, the second with `later`.
 * The same rules as Temporal's `disambiguation`.
 */
export function zonedToUtc(
  date: string,
  time: string,
  timeZone: string,
  disambiguation: Disambiguation = 'compatible',
): number {
  const [y, mo, d] = parseDate(date);
  const minutes = parseTime(time);
  const local = Date.UTC(y, mo - 1, d) + minutes * MS_PER_MINUTE;
  const before = offsetMinutes(local - MS_PER_DAY, timeZone) * MS_PER_MINUTE;
  const after = offsetMinutes(local + MS_PER_DAY, timeZone) * MS_PER_MINUTE;
  // Same offset a day either side: no clock change in between, the time exists exactly once.
  if (before === after) return local - before;
  const candidates = [local - before, local - after].filter(
    (t, i, all) => all.indexOf(t) === i && wallClockMs(t, timeZone) === local,
  );
  candidates.sort((a, b) => a - b);
  const [first, second] = candidates;
  if (first !== undefined) return disambiguation === 'later' ? (second ?? first) : first;
  // In a gap: `local - before` lands after the gap, `local - after` before it.
  return disambiguation === 'earlier' ? local - after : local - before;
}

/**
 * A converter for many wall-clock times on one local date: when the offset is the same from the day before to the
 * day after, every time that day is `local - offset` (two Intl calls for the whole day); otherwise each time goes
 * through `zonedToUtc` with `compatible` disambiguation.
 */
export function localDayConverter(date: string, timeZone: string): (time: string) => number {
  const [y, mo, d] = parseDate(date);
  const midnight = Date.UTC(y, mo - 1, d);
  const before = offsetMinutes(midnight - MS_PER_DAY, timeZone);
  const after = offsetMinutes(midnight + 2 * MS_PER_DAY, timeZone);
  if (before === after) {
    return (time) => midnight + (parseTime(time) - before) * MS_PER_MINUTE;
  }
  return (time) => zonedToUtc(date, time, timeZone);
}

/** The wall-clock date, time and weekday at `instant` in `timeZone`. */
export function utcToZoned(instant: number, timeZone: string): LocalDateTime {
  const wall = wallClockMs(instant, timeZone);
  const iso = new Date(wall).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: weekdayOf(iso.slice(0, 10)) };
}

/** The local calendar date at `instant` in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  return utcToZoned(instant, timeZone).date;
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = parseDate(date);
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7] as Weekday;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parseDate(date);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / MS_PER_DAY);
}

/** Epoch ms of an ISO 8601 instant with an offset or `Z`; throws on anything else. */
export function toInstant(value: string): number {
  const ms = Date.parse(value);
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(value) || Number.isNaN(ms)) {
    throw new RangeError(`Not an instant with an offset: ${value}`);
  }
  return ms;
}

/** `2026-03-29T08:00:00.000Z` form. */
export function toIso(instant: number): string {
  return new Date(instant).toISOString();
}
