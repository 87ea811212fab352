import { displayIntlLocale } from './format';

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
    return new Intl.DateTimeFormat(displayIntlLocale(), {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(displayIntlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
      date,
    );
  }
}
