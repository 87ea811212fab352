import { zonedToUtc } from '../scheduling/time-zone';

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * The instant a camera says it took a photo, from EXIF `DateTimeOriginal` ("2026:03:01 10:15:00", the camera's
 * wall clock) and `OffsetTimeOriginal` ("+01:00") when the camera wrote one. Without an offset the wall clock is
 * read in `timeZone` (the clinic's). Dates that are not real (cameras write "0000:00:00 00:00:00" when unset) or
 * later than `notAfter` give null: the upload time stands in for them.
 */
export function captureInstant(
  dateTime: string | undefined,
  offset: string | undefined,
  timeZone: string,
  notAfter: Date,
): string | null {
  const m = dateTime ? EXIF_DATE.exec(dateTime.trim()) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null; // 31 February and the like
  const o = offset ? OFFSET.exec(offset.trim()) : null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const instant = o
    ? wall - (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000
    : zonedToUtc(date, `${m[4]}:${m[5]}`, timeZone) + s * 1000;
  return instant > notAfter.getTime() ? null : new Date(instant).toISOString();
}
