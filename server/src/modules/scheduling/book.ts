import type { BookingDto, BookingRequest } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { transitionPlan } from '@needlepoint/core/plans/plan';
import {
  governingPlan,
  nextSessionNumber,
  rescreenBeforeBooking,
} from '@needlepoint/core/scheduling/booking-decisions';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { loadRecord } from '../patients/patients.service';
import { planOf, plansOfPatient, storePlan } from '../plans/plans.service';
import { screenPatient } from '../screening/screening.service';
import {
  mapExclusion,
  placedOrRefused,
  refuseOverrideWithoutPermission,
  times,
  toBookingDto,
  type BookingDeps,
} from './booking-common';
import { loadBookingContext, placeAppointment } from './booking-context';
import { scheduleBookingJobs } from './booking-jobs';
import { queueSessionMessages } from './booking-messages';
import { enforceRules, loadRuleFacts, type RuleFacts } from './booking-rules.service';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

const unknownPlan = () =>
  new DomainError('VALIDATION_FAILED', 'No such plan for this patient', {
    fields: [{ path: 'body.planId', message: 'Unknown plan for this patient' }],
  });

/** What the booking's transaction starts from: the service, the governing plan and, for a plan session, a fresh screening. */
interface Prepared {
  service: ServiceType;
  planId: string | null;
  screening: RuleFacts['latestScreening'] | undefined;
}

/**
 * The first transaction: the patient (not deceased), the service and the plan that governs the booking, then, for a
 * plan session, a fresh screening with the plan's areas and modality. It commits on its own, so the screening is
 * stored even when the booking is then refused.
 */
async function prepare(
  client: Queryable,
  clock: Clock,
  actor: Actor,
  request: BookingRequest,
): Promise<Prepared> {
  const record = await loadRecord(client, actor.clinicId, request.patientId);
  if (record.deceased)
    throw new DomainError('PATIENT_DECEASED', 'This patient is recorded as deceased and cannot be booked');
  const service = await serviceTypeById(client, actor.clinicId, request.serviceTypeId);
  const choice = governingPlan({
    planId: request.planId,
    isPlanSession: service.isPlanSession,
    plansOfPatient:
      service.isPlanSession && !request.planId
        ? await plansOfPatient(client, actor.clinicId, request.patientId)
        : [],
  });
  if ('refusal' in choice) {
    const { code, message, planIds } = choice.refusal;
    throw new DomainError(code, message, {
      fields: [{ path: 'body.planId', message: 'Choose the plan' }],
      details: { planIds },
    });
  }
  const plan = choice.planId ? await planOf(client, actor.clinicId, choice.planId) : null;
  if (choice.planId && (!plan || plan.patientId !== request.patientId)) throw unknownPlan();
  if (!rescreenBeforeBooking(service)) return { service, planId: plan?.id ?? null, screening: undefined };
  const screening = await screenPatient(
    client,
    clock,
    actor,
    request.patientId,
    { areas: plan?.areas ?? ['face'], modality: plan?.modality ?? 'mechanical' },
    { trigger: 'booking', record },
  );
  return {
    service,
    planId: plan?.id ?? null,
    screening: { cleared: screening.cleared, verdict: screening.verdict },
  };
}

/**
 * Books an appointment. A plan session first gets a fresh screening (stored even if the booking is refused); then in
 * one transaction the context is loaded once (the plan, locked; the clinic's resources and busy times; the plan's
 * sessions; the consent), the decisions are taken (placement, the plan's interval, screening and consent rules, the
 * session's number) and the writes follow: the insert — where the database's exclusion constraints decide races —,
 * the plan's activation, the pre-session screening job, the messages and the audit row.
 */
export async function book(deps: BookingDeps, actor: Actor, request: BookingRequest): Promise<BookingDto> {
  refuseOverrideWithoutPermission(actor, request.override);
  const prepared = await deps.db.transaction((client) => prepare(client, deps.clock, actor, request));
  const { service } = prepared;
  const now = deps.clock.now();
  return deps.db
    .transaction(async (client) => {
      const plan = prepared.planId
        ? ((await planOf(client, actor.clinicId, prepared.planId, true)) ?? null)
        : null;
      if (prepared.planId && !plan) throw unknownPlan();
      const t = times(request.start, service);
      const ctx = await loadBookingContext(client, actor.clinicId, { from: t.startsAt, to: t.roomFreeAt });
      const placement = placedOrRefused(
        placeAppointment(ctx, {
          start: t.startsAt.toISOString(),
          service,
          providerId: request.providerId,
          now: now.toISOString(),
        }),
      );
      const sessions = plan ? await repo.planBookings(client, actor.clinicId, plan.id) : [];
      const facts = await loadRuleFacts(
        client,
        actor,
        { patientId: request.patientId, plan, service, sessions, screening: prepared.screening },
        ctx.timeZone,
      );
      const overrideReason = enforceRules(facts, request.start, request.override);
      const id = await repo.insertBooking(client, {
        clinicId: actor.clinicId,
        patientId: request.patientId,
        ...placement,
        service: service.id,
        ...t,
        planId: plan?.id ?? null,
        sessionNumber: plan ? nextSessionNumber(sessions) : null,
        overrideReason,
        bookedBy: actor.userId,
      });
      if (plan && plan.status === 'draft') {
        await storePlan(
          client,
          actor.clinicId,
          transitionPlan(plan, 'active', 'First session booked', now.toISOString()),
        );
      }
      await scheduleBookingJobs(client, {
        bookingId: id,
        clinicId: actor.clinicId,
        startsAt: t.startsAt,
        now,
      });
      const row = (await repo.findBooking(client, actor.clinicId, id))!;
      await queueSessionMessages(client, row, { kind: 'booked', sequence: 0, now, service });
      await recordAudit(client, actor, {
        action: 'booking.created',
        entityType: 'booking',
        entityId: id,
        patientId: request.patientId,
        details: {
          service: service.id,
          start: t.startsAt.toISOString(),
          planId: plan?.id ?? null,
          overrideReason,
        },
      });
      return toBookingDto(row, service);
    })
    .catch(mapExclusion);
}
