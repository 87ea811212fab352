import {
  addDays,
  localDate,
  parseTime,
  utcToZoned,
  weekdayOf,
  zonedToUtc,
} from '@needlepoint/core/scheduling/time-zone';
import { appointmentStatusLabels } from '@needlepoint/core/scheduling/visit';
import { ApiError } from '../../lib/api';
import { displayIntlLocale } from '../../lib/format';

/**
 * Scheduling helpers for the browser. Every time on screen is in the clinic's time zone (`timeZone` from the
 * API), never the browser's; what is sent is a UTC ISO instant.
 */

export interface IntervalViolation {
  sessionOn: string | null;
  minIntervalDays: number | null;
  earliestAfter: string | null;
  daysBetween: number | null;
}

/** The interval details of a BOOKING_INTERVAL_TOO_SHORT refusal, when the server sent them. */
export function intervalViolation(error: unknown): IntervalViolation | null {
  if (!(error instanceof ApiError) || error.code !== 'BOOKING_INTERVAL_TOO_SHORT') return null;
  const details = error.details;
  const violations = Array.isArray(details.violations) ? (details.violations as unknown[]) : [];
  const v = violations.find(
    (x): x is { code: string; details: Record<string, unknown> } =>
      typeof x === 'object' && x !== null && (x as { code?: unknown }).code === 'BOOKING_INTERVAL_TOO_SHORT',
  );
  const d = v?.details ?? {};
  const str = (value: unknown) => (typeof value === 'string' ? value : null);
  const num = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    sessionOn: str(d.sessionOn),
    minIntervalDays: num(d.minIntervalDays),
    earliestAfter: str(d.earliestAfter),
    daysBetween: num(d.daysBetween),
  };
}

/**
 * Whether the refusal can be lifted with a reason by the person who asked: every rule still standing is one the
 * server said is overridable for them (the plan's interval for a provider or the owner, a missing consent for a
 * provider only).
 */
export function refusalOverridable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const violations = Array.isArray(error.details.violations) ? (error.details.violations as unknown[]) : [];
  const standing = violations.filter(
    (v): v is { overridable?: unknown; overridden?: unknown } =>
      typeof v === 'object' && v !== null && (v as { overridden?: unknown }).overridden !== true,
  );
  return standing.length > 0 && standing.every((v) => v.overridable === true);
}

/** Titles for booking refusals, so staff see at a glance what kind of problem it is. */
export const refusalTitles: Record<string, string> = {
  BOOKING_INTERVAL_TOO_SHORT: 'Too soon after another session of this plan',
  BOOKING_SCREENING_NOT_CLEARED: 'Screening not cleared',
  BOOKING_CONSENT_NOT_SIGNED: 'Treatment consent not signed',
  BOOKING_OUTSIDE_HOURS: 'Outside working hours',
  BOOKING_IN_PAST: 'That time has passed',
  BOOKING_PLAN_NOT_ACTIVE: 'The plan is not active',
  SCHEDULE_CONFLICT: 'Clash with another appointment',
  BOOKING_SLOT_TAKEN: 'Someone else just booked that time',
  BOOKING_STATUS_CHANGE_INVALID: 'This booking cannot be changed',
};

export function refusalTitle(error: unknown): string {
  return (error instanceof ApiError && refusalTitles[error.code]) || 'Not booked';
}

export const statusLabels: Record<string, string> = appointmentStatusLabels;
export const statusColors: Record<string, string> = {
  booked: 'blue',
  arrived: 'cyan',
  'in-treatment': 'violet',
  completed: 'green',
  cancelled: 'gray',
  'no-show': 'orange',
};

/** Today's date at the clinic. */
export function clinicToday(timeZone: string): string {
  return localDate(Date.now(), timeZone);
}

/** The UTC instants bounding local dates `from` (inclusive) to `to` (exclusive) at the clinic. */
export function windowUtc(from: string, toExclusive: string, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(zonedToUtc(from, '00:00', timeZone)).toISOString(),
    to: new Date(zonedToUtc(toExclusive, '00:00', timeZone)).toISOString(),
  };
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const index = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].indexOf(
    weekdayOf(date),
  );
  return addDays(date, -index);
}

/** `HH:MM` at the clinic. */
export function clinicTime(iso: string, timeZone: string): string {
  return utcToZoned(Date.parse(iso), timeZone).time;
}

/** The local date at the clinic. */
export function clinicDate(iso: string, timeZone: string): string {
  return utcToZoned(Date.parse(iso), timeZone).date;
}

/** Minutes since local midnight at the clinic. */
export function clinicMinutes(iso: string, timeZone: string): number {
  return parseTime(clinicTime(iso, timeZone));
}

export function toHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The UTC ISO instant of a local date and `HH:MM` at the clinic. */
export function clinicInstant(date: string, time: string, timeZone: string): string {
  return new Date(zonedToUtc(date, time, timeZone)).toISOString();
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** A formatter in the display language (English for staff, the patient's language in the portal). */
function dayFormatter(long: boolean): Intl.DateTimeFormat {
  const locale = displayIntlLocale();
  const key = `${locale}|${long}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      locale,
      long
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
        : { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' },
    );
    dayFormats.set(key, format);
  }
  return format;
}

/** A local date `YYYY-MM-DD` as `Mon 3 Mar` (no time zone shift: the date is already the clinic's). */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayFormatter(false).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A local date as `Monday 3 March 2026` (`lunes, 3 de marzo de 2026` in Spanish). */
export function formatLongDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayFormatter(true).format(new Date(Date.UTC(y, m - 1, d)));
}

/** `Mon 3 Mar, 14:05–15:20` at the clinic. */
export function formatRange(startIso: string, endIso: string, timeZone: string): string {
  return `${formatDay(clinicDate(startIso, timeZone))}, ${clinicTime(startIso, timeZone)}–${clinicTime(endIso, timeZone)}`;
}

/** A short name for the clinic's zone, e.g. `Europe/London` → `London time`. */
export function zoneLabel(timeZone: string): string {
  const city = timeZone.split('/').pop()?.replace(/_/g, ' ');
  return city ? `${city} time` : timeZone;
}
