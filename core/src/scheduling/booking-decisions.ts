import { can } from '../auth/permissions';
import { roles } from '../auth/roles';
import type { PlanStatus, SessionStatus } from '../plans/plan';

/**
 * The decisions of booking a session, taken on a context the server loaded once: which plan governs it, whether
 * the caller may override a rule, whether a fresh screening comes first, the session's number in its plan and when
 * the pre-session screening runs. Pure: no I/O, no clock.
 */

export type PlanChoice =
  | { planId: string | undefined }
  | { refusal: { code: 'BOOKING_PLAN_REQUIRED'; message: string; planIds: string[] } };

/**
 * The plan a booking belongs to. A named plan is kept; a plan session without one is governed by the patient's one
 * plan in progress (active or paused), so its interval rule cannot be escaped by leaving the plan out; with several
 * in progress the booking must name one.
 */
export function governingPlan(input: {
  planId: string | undefined;
  isPlanSession: boolean;
  plansOfPatient: readonly { id: string; status: PlanStatus }[];
}): PlanChoice {
  if (input.planId || !input.isPlanSession) return { planId: input.planId };
  const inProgress = input.plansOfPatient.filter((p) => p.status === 'active' || p.status === 'paused');
  if (inProgress.length === 0) return { planId: undefined };
  if (inProgress.length === 1) return { planId: inProgress[0]!.id };
  return {
    refusal: {
      code: 'BOOKING_PLAN_REQUIRED',
      message:
        'This patient has more than one treatment plan in progress; choose the plan this session belongs to',
      planIds: inProgress.map((p) => p.id),
    },
  };
}

/** Overriding a booking rule is its own permission (`booking:override`); asking for none is always allowed. */
export function overrideAllowed(role: string, override: { reason: string } | null | undefined): boolean {
  if (!override) return true;
  const known = roles.find((r) => r === role);
  return known !== undefined && can(known, 'booking:override');
}

/** A plan session is screened afresh when it is booked (the stored result is what the rules then read). */
export function rescreenBeforeBooking(service: { isPlanSession: boolean }): boolean {
  return service.isPlanSession;
}

/** The number of a new session in its plan: one after the sessions booked or done (cancelled ones do not count). */
export function nextSessionNumber(sessions: readonly { status: SessionStatus }[]): number {
  return sessions.filter((s) => s.status === 'booked' || s.status === 'completed').length + 1;
}

/** When the pre-session screening runs: a day before the session, or never when that moment has passed. */
export function preSessionScreeningAt(startsAt: Date, now: Date): Date | null {
  const dayBefore = new Date(startsAt.getTime() - 86_400_000);
  return dayBefore > now ? dayBefore : null;
}
