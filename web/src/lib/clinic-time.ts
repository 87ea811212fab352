import {
  addDays,
  localDate,
  parseTime,
  utcToZoned,
  weekdayOf,
  weekdays,
  zonedToUtc,
} from '@needlepoint/core/scheduling/time-zone';
import { displayIntlLocale } from './format';

export { addDays, weekdays };
export { formatDateTime, setClinicTimeZone, todayIso } from './clinic-zone';

/**
 * The web app's one time module. Every date and time people read is the clinic's (its IANA time zone, from the
 * session or the API), never the device's; what is sent to the server is a UTC ISO instant or a clinic-local
 * `YYYY-MM-DD` date. Calendar arithmetic comes from `core/scheduling/time-zone`, shared with the server.
 * The session's zone, "today" and `formatDateTime` live in `clinic-zone.ts` (no `core` import, so the portal's
 * first load can set the zone without downloading the calendar code) and are exported from here too.
 */

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
