/** Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Pure: no clock. */

const MS_PER_DAY = 86_400_000;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = FULL_DATE.exec(value);
  if (!m) return false;
  const day = toDayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  return fromDayNumber(day) === value;
}

function toDayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Day number of an ISO date or FHIR dateTime (the date part as written). A partial date resolves to the first
 * day of its period (`edge: 'start'`) or the last (`edge: 'end'`), so a stop date of `2024-05` counts as late
 * as possible. Returns undefined for absent or unreadable values.
 */
export function dayOf(value: string | undefined, edge: 'start' | 'end' = 'start'): number | undefined {
  if (!value) return undefined;
  const year = Number(value.slice(0, 4));
  if (!Number.isInteger(year) || value.length < 4) return undefined;
  if (value.length === 4) return edge === 'start' ? toDayNumber(year, 1, 1) : toDayNumber(year, 12, 31);
  const month = Number(value.slice(5, 7));
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (value.length === 7)
    return edge === 'start' ? toDayNumber(year, month, 1) : toDayNumber(year, month + 1, 0);
  const day = Number(value.slice(8, 10));
  if (!Number.isInteger(day) || day < 1 || day > 31) return undefined;
  return toDayNumber(year, month, day);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toDayNumber(year, month + 1, Math.min(date.getUTCDate(), lastDay));
}

/** Whole years between two days (age on `asOf`). */
export function yearsBetween(fromDay: number, toDay: number): number {
  const from = new Date(fromDay * MS_PER_DAY);
  const to = new Date(toDay * MS_PER_DAY);
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}
