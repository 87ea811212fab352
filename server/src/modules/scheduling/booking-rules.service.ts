import type { SlotDto } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import type { ConsentKind } from '@needlepoint/core/consents/kinds';
import type { TreatmentPlan } from '@needlepoint/core/plans/plan';
import {
  checkBookingRules,
  type BookingRuleCode,
  type BookingRulesInput,
  type BookingViolation,
} from '@needlepoint/core/scheduling/booking-rules';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../platform/audit';
import { constantPart, readTogether } from '../../db/read-together';
import { consentStatePart } from '../consents/consents.service';
import { latestScreeningStatePart } from '../screening/screening.service';
import * as repo from './bookings.repo';

/** Everything the booking rules read except the time asked for: read once, checked for one start or many slots. */
export type RuleFacts = Omit<BookingRulesInput, 'candidateStart' | 'override'>;

const bookers = ['owner', 'provider', 'front-desk', 'patient'] as const;

/** The consent a plan session needs: the plan's modality's (mechanical without a plan). */
export function consentKindFor(plan: TreatmentPlan | null): ConsentKind {
  return plan?.modality === 'rf' ? 'treatment-rf' : 'treatment-mechanical';
}

/** The facts for a plan session of `patientId` (null when the service is not a plan session: no rules apply). */
export async function loadRuleFacts(
  client: Queryable,
  actor: Actor,
  input: {
    patientId: string;
    plan: TreatmentPlan | null;
    service: ServiceType;
    bookingId?: string;
    /** The plan's sessions when the caller has them already. */
    sessions?: readonly repo.BookingRow[];
  },
  timeZone: string,
): Promise<RuleFacts | null> {
  if (!input.service.isPlanSession) return null;
  const kind = consentKindFor(input.plan);
  const loaded = await readTogether(client, {
    latestScreening: latestScreeningStatePart(actor.clinicId, input.patientId),
    consent: consentStatePart(actor.clinicId, input.patientId, kind),
    sessions:
      input.plan && !input.sessions
        ? repo.planBookingsPart(actor.clinicId, input.plan.id)
        : constantPart(input.sessions ?? []),
  });
  return ruleFacts(actor, {
    ...input,
    sessions: loaded.sessions,
    latestScreening: loaded.latestScreening,
    consent: { kind, state: loaded.consent },
    timeZone,
  });
}

/** The facts from what the caller loaded (null when the service is not a plan session: no rules apply). */
export function ruleFacts(
  actor: Actor,
  input: {
    plan: TreatmentPlan | null;
    service: ServiceType;
    bookingId?: string;
    sessions: readonly repo.BookingRow[];
    latestScreening: RuleFacts['latestScreening'];
    consent: RuleFacts['consent'];
    timeZone: string;
  },
): RuleFacts | null {
  if (!input.service.isPlanSession) return null;
  return {
    plan: input.plan
      ? { id: input.plan.id, status: input.plan.status, minIntervalDays: input.plan.minIntervalDays }
      : null,
    previousSessions: input.plan
      ? input.sessions
          .filter((s) => s.id !== input.bookingId)
          .map((s) => ({ id: s.id, startsAt: s.starts_at.toISOString(), status: s.status }))
      : [],
    timeZone: input.timeZone,
    latestScreening: input.latestScreening,
    consent: input.consent,
    bookedBy: bookers.find((r) => r === actor.role),
  };
}

/** Throws the first violation still standing; returns the override reason that was used, if any. */
export function enforceRules(
  facts: RuleFacts | null,
  start: string,
  override: { reason: string } | undefined,
): string | null {
  if (!facts) return null;
  const result = checkBookingRules({ ...facts, candidateStart: start, override: override ?? null });
  if (!result.allowed) {
    const first = result.violations.find((v) => !v.overridden)!;
    throw new DomainError(first.code, first.message, { details: { violations: result.violations } });
  }
  return result.overrideReason;
}

/**
 * Each open slot with the rules a booking of it would break, so people see them before choosing: the patient-wide
 * ones (screening, consent, plan status) once, and each slot's own (the plan's interval).
 */
export function markSlots(
  facts: RuleFacts | null,
  slots: readonly SlotDto[],
): { slots: (SlotDto & { refusals: BookingRuleCode[] })[]; blockers: BookingViolation[] } {
  if (!facts) return { slots: slots.map((s) => ({ ...s, refusals: [] })), blockers: [] };
  // Never screened: the booking screens first, so nothing is known to refuse yet.
  if (!facts.latestScreening) facts = { ...facts, latestScreening: { cleared: true, verdict: 'proceed' } };
  const perSlot = new Set<BookingRuleCode>(['BOOKING_INTERVAL_TOO_SHORT']);
  let blockers: BookingViolation[] = [];
  const marked = slots.map((slot) => {
    const { violations } = checkBookingRules({ ...facts, candidateStart: slot.start, override: null });
    blockers = violations.filter((v) => !perSlot.has(v.code));
    return { ...slot, refusals: violations.map((v) => v.code) };
  });
  if (slots.length === 0) {
    const { violations } = checkBookingRules({ ...facts, candidateStart: new Date(0).toISOString() });
    blockers = violations.filter((v) => !perSlot.has(v.code));
  }
  return { slots: marked, blockers };
}
