const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The language dates are written in: English for staff, the patient's language in the portal.
 * Set by the locale provider before its children render.
 */
type DisplayLocale = 'en' | 'es';
let displayLocale: DisplayLocale = 'en';
export function setDisplayLocale(locale: DisplayLocale): void {
  displayLocale = locale;
}
const intlLocale = (): string => (displayLocale === 'es' ? 'es' : 'en-GB');
/** The `Intl` locale dates are written in now (`en-GB` for English, `es` for Spanish). */
export const displayIntlLocale = intlLocale;

/** A calendar date `YYYY-MM-DD` as `15 Jan 1990` (`15 ene 1990` in Spanish), without any time zone shift. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  if (displayLocale !== 'en') {
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${year}-${month}-${day}T12:00:00Z`),
    );
  }
  return `${Number(day)} ${months[Number(month) - 1] ?? month} ${year}`;
}

/** Age in whole years on `today` (a `YYYY-MM-DD` date). */
export function ageOn(birthDate: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (`${t[2]}-${t[3]}` < `${b[2]}-${b[3]}`) age -= 1;
  return age;
}

/**
 * The clinic's time zone: every time and "today" people read is the clinic's, whatever the device's zone.
 * Set once the session is known (`useSession`); until then the device's zone stands in.
 */
let clinicZone: string | undefined;
export function setClinicTimeZone(timeZone: string | undefined): void {
  clinicZone = timeZone;
}

/** Today's date at the clinic, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return localDateIn(now, clinicZone);
}

function localDateIn(date: Date, timeZone: string | undefined): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** An instant shown at the clinic (or in `timeZone`), e.g. `3 Mar 2026, 14:05`. */
export function formatDateTime(iso: string, timeZone: string | undefined = clinicZone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(intlLocale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

export const sexLabels: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not recorded',
};
