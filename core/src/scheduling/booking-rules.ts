import type { ConsentState } from '../consents/kinds';
import { isPlanBookable, type PlanStatus, type SessionStatus } from '../plans/plan';
import type { Verdict } from '../screening/verdict';
import { addDays, daysBetween, localDate, toInstant } from './time-zone';
import { timeHoldingStatuses } from './visit';

/**
 * Rules a plan session booking must pass beyond an open slot: the plan's interval, a cleared screening and a signed
 * consent for the treatment.
 */

export type BookingRuleCode =
  | 'BOOKING_INTERVAL_TOO_SHORT'
  | 'BOOKING_SCREENING_NOT_CLEARED'
  | 'BOOKING_PLAN_NOT_ACTIVE'
  | 'BOOKING_CONSENT_NOT_SIGNED';

export interface BookingViolation {
  code: BookingRuleCode;
  message: string;
  /** An override with a reason lifts it (the interval rule; the consent rule for a provider only). */
  overridable: boolean;
  /** True when an override lifted it; the booking may go ahead and the reason is recorded. */
  overridden: boolean;
  details: Record<string, unknown>;
}

export interface BookingRulesResult {
  /** No violation left standing. */
  allowed: boolean;
  violations: BookingViolation[];
  overrideReason: string | null;
}

export interface BookingRulesInput {
  /** The plan the session belongs to; null for a booking outside a plan (no interval or plan-status rule). */
  plan: { id: string; status: PlanStatus; minIntervalDays: number } | null;
  /** The plan's other sessions; cancelled and no-show ones are ignored. */
  previousSessions: readonly { id?: string; startsAt: string; status: SessionStatus }[];
  candidateStart: string;
  /** Clinic time zone: intervals count local calendar days. */
  timeZone: string;
  latestScreening: { cleared: boolean; verdict: Verdict } | null;
  /** The patient's consent for this treatment (by the plan's modality); undefined when the rule does not apply. */
  consent?: { kind: string; state: ConsentState };
  /** Who books: only a provider may override a missing consent (a clinical judgement, recorded with its reason). */
  bookedBy?: 'owner' | 'provider' | 'front-desk' | 'patient';
  override?: { reason: string } | null;
}

/** A consent on file: signed, or signed on an older version (the record's checklist asks for the new one). */
const consentOnFile: readonly ConsentState[] = ['signed', 'needs-re-consent'];

/**
 * Every rule the booking breaks. The interval rule counts local calendar days between the candidate and the nearest
 * booked or completed session of the plan, before or after it: exactly `minIntervalDays` apart is allowed.
 */
export function checkBookingRules(input: BookingRulesInput): BookingRulesResult {
  const reason = input.override?.reason.trim() || null;
  const violations: BookingViolation[] = [];
  const { plan } = input;

  if (plan && !isPlanBookable(plan.status)) {
    violations.push({
      code: 'BOOKING_PLAN_NOT_ACTIVE',
      message: `The plan is ${plan.status}; sessions can be booked on a draft or active plan only`,
      overridable: false,
      overridden: false,
      details: { planId: plan.id, status: plan.status },
    });
  }

  if (plan) {
    const day = localDate(toInstant(input.candidateStart), input.timeZone);
    let nearest: { id?: string; on: string; gap: number } | null = null;
    for (const s of input.previousSessions) {
      if (!timeHoldingStatuses.includes(s.status)) continue;
      const on = localDate(toInstant(s.startsAt), input.timeZone);
      const gap = Math.abs(daysBetween(on, day));
      if (!nearest || gap < nearest.gap) nearest = { ...(s.id ? { id: s.id } : {}), on, gap };
    }
    if (nearest && nearest.gap < plan.minIntervalDays) {
      violations.push({
        code: 'BOOKING_INTERVAL_TOO_SHORT',
        message:
          `${nearest.gap === 1 ? '1 day' : `${nearest.gap} days`} from the session on ${nearest.on}; this plan needs at least ` +
          `${plan.minIntervalDays} days between sessions`,
        overridable: true,
        overridden: reason !== null,
        details: {
          planId: plan.id,
          sessionId: nearest.id ?? null,
          sessionOn: nearest.on,
          daysBetween: nearest.gap,
          minIntervalDays: plan.minIntervalDays,
          earliestAfter: addDays(nearest.on, plan.minIntervalDays),
        },
      });
    }
  }

  const screening = input.latestScreening;
  if (!screening || !screening.cleared) {
    violations.push({
      code: 'BOOKING_SCREENING_NOT_CLEARED',
      message: screening
        ? `The latest screening (${screening.verdict}) has open findings; clear them before booking`
        : 'The patient has no screening; run one before booking',
      overridable: false,
      overridden: false,
      details: { verdict: screening?.verdict ?? null },
    });
  }

  const consent = input.consent;
  if (consent && !consentOnFile.includes(consent.state)) {
    const overridable = input.bookedBy === 'provider';
    violations.push({
      code: 'BOOKING_CONSENT_NOT_SIGNED',
      message:
        consent.state === 'revoked'
          ? 'The patient revoked their consent for this treatment; they must sign it again before booking'
          : 'The patient has not signed the consent for this treatment; they can sign it in the portal',
      overridable,
      overridden: overridable && reason !== null,
      details: { kind: consent.kind, state: consent.state },
    });
  }

  const used = violations.some((v) => v.overridden);
  return {
    allowed: violations.every((v) => v.overridden),
    violations,
    overrideReason: used ? reason : null,
  };
}

/**
 * A patient may move their own session in the portal until `noticeHours` before it starts; closer to the time they
 * call the clinic (staff can still move it). Null when the change is allowed.
 */
export function patientChangeRefusal(
  sessionStart: string,
  now: string,
  noticeHours: number,
): { code: 'BOOKING_NOTICE_TOO_SHORT'; message: string; details: Record<string, unknown> } | null {
  const hoursLeft = (Date.parse(sessionStart) - Date.parse(now)) / 3_600_000;
  if (hoursLeft >= noticeHours) return null;
  return {
    code: 'BOOKING_NOTICE_TOO_SHORT',
    message: `Sessions can be moved online until ${noticeHours} hours before they start; please call the clinic`,
    details: { noticeHours, hoursLeft: Math.max(0, Math.floor(hoursLeft)) },
  };
}

/** How far ahead patients and staff may book (days from today). */
export const bookingHorizonDays = 365;
