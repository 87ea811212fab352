import { ApiError } from '../../lib/api';

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
  BOOKING_TOO_SOON: 'Too close to now',
  BOOKING_PLAN_NOT_ACTIVE: 'The plan is not active',
  SCHEDULE_CONFLICT: 'Clash with another appointment',
  BOOKING_SLOT_TAKEN: 'Someone else just booked that time',
  BOOKING_STATUS_CHANGE_INVALID: 'This booking cannot be changed',
};

export function refusalTitle(error: unknown): string {
  return (error instanceof ApiError && refusalTitles[error.code]) || 'Not booked';
}
