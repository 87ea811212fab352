import { addDays } from '../../lib/clinic-time';

/** How many days the portal's day strip shows at once (a slot search covers at most 92). */
export const windowDays = 28;
const day = 86_400_000;

/**
 * Where the portal's day strip opens: today, or the plan's earliest due date when that is later (a few days
 * before it, so the patient sees that earlier days are not offered), never past the booking horizon.
 */
export function initialWindowStart(nowMs: number, earliestDue: string | null, horizonDays: number): number {
  if (!earliestDue) return nowMs;
  const due = Date.parse(`${earliestDue}T00:00:00Z`) - 2 * day;
  return clampStart(Math.max(nowMs, due), nowMs, horizonDays);
}

/** The start `steps` windows later (or earlier, when negative), kept between now and the horizon. */
export function moveWindow(startMs: number, steps: number, nowMs: number, horizonDays: number): number {
  return clampStart(startMs + steps * windowDays * day, nowMs, horizonDays);
}

function clampStart(startMs: number, nowMs: number, horizonDays: number): number {
  const lastStart = nowMs + (horizonDays - windowDays) * day;
  return Math.max(nowMs, Math.min(startMs, lastStart));
}

/** The search range of a window and whether the patient can page earlier or later. */
export function windowRange(
  startMs: number,
  nowMs: number,
  horizonDays: number,
): { from: string; to: string; canGoEarlier: boolean; canGoLater: boolean } {
  const end = Math.min(startMs + windowDays * day, nowMs + horizonDays * day);
  return {
    from: new Date(startMs).toISOString(),
    to: new Date(end).toISOString(),
    canGoEarlier: startMs > nowMs,
    canGoLater: end < nowMs + horizonDays * day,
  };
}

/** The local dates a window shows, from the clinic's date at its start. */
export function windowDates(firstDate: string, count = windowDays): string[] {
  return Array.from({ length: count }, (_, i) => addDays(firstDate, i));
}
