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

export const sexLabels: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not recorded',
};
