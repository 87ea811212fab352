import type { BookingList, BookingListQuery, RescheduleRequest } from '@needlepoint/core/contracts/bookings';
import type {
  BookingDto,
  BookingRequest,
  SlotSearchQuery,
  SlotSearchResponse,
} from '@needlepoint/core/contracts/scheduling';
import { can } from '@needlepoint/core/auth/permissions';
import { roles } from '@needlepoint/core/auth/roles';
import { DomainError } from '@needlepoint/core/errors';
import { planProgress, transitionPlan, type TreatmentPlan } from '@needlepoint/core/plans/plan';
import { patientChangeRefusal } from '@needlepoint/core/scheduling/booking-rules';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import { findOpenSlots } from '@needlepoint/core/scheduling/slots';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { planOf, plansOfPatient, storePlan } from '../plans/plans.service';
import { scheduleCheckInPrompts } from '../aftercare/aftercare.service';
import { loadRecord } from '../patients/patients.service';
import { screenPatient } from '../screening/screening.service';
import { clinicTimeZone } from '../clinic/clinic.service';
import { loadBookingContext, minLeadMinutes, placeAppointment } from './booking-context';
import { enforceRules, loadRuleFacts, markSlots } from './booking-rules.service';
import { scheduleBookingJobs, unscheduleBookingJobs } from './booking-jobs';
import { queueCancellation, queueSessionMessages, withdrawSessionMessages } from './booking-messages';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';
import { offerFreedSlot, proposeMaintenance } from './waitlist.service';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';

export interface BookingDeps {
  db: Database;
  clock: Clock;
}

const MINUTE = 60_000;

export function toBookingDto(row: repo.BookingRow, service: ServiceType): BookingDto {
  return {
    id: row.id,
    patientId: row.patient_id,
    providerId: row.provider_id,
    roomId: row.room_id,
    deviceId: row.device_id,
    service,
    startsAt: row.starts_at.toISOString(),
    procedureStartsAt: row.procedure_starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    planId: row.plan_id,
    sessionNumber: row.session_number,
    overrideReason: row.override_reason,
    cancelReason: row.cancel_reason,
    arrivedAt: row.arrived_at?.toISOString() ?? null,
    treatmentStartedAt: row.treatment_started_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function times(start: string, service: ServiceType) {
  const startsAt = new Date(start);
  const procedureStartsAt = new Date(startsAt.getTime() + service.numbingMinutes * MINUTE);
  const endsAt = new Date(procedureStartsAt.getTime() + service.procedureMinutes * MINUTE);
  return {
    startsAt,
    procedureStartsAt,
    endsAt,
    roomFreeAt: new Date(endsAt.getTime() + service.turnoverMinutes * MINUTE),
  };
}

/**
 * Open slots for a service in a window; with a plan, also its next due window. With a patient (or a plan, whose
 * patient it is), each slot is marked with the rules booking it would break; `hideRefused` (the portal, where
 * nobody can override) leaves those slots out.
 */
export async function searchSlots(
  deps: BookingDeps,
  actor: Actor,
  query: SlotSearchQuery,
  options: { hideRefused?: boolean } = {},
): Promise<SlotSearchResponse> {
  const service = await serviceTypeById(deps.db.pool, actor.clinicId, query.serviceTypeId);
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to.getTime() - from.getTime() > 92 * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', 'Search at most 92 days at a time', {
      fields: [{ path: 'query.to', message: 'Too far from `from`' }],
    });
  }
  const ctx = await loadBookingContext(
    deps.db.pool,
    actor.clinicId,
    { from, to },
    query.providerId ? [query.providerId] : undefined,
  );
  const slots = findOpenSlots({
    from: query.from,
    to: query.to,
    timeZone: ctx.timeZone,
    service,
    providers: ctx.providers,
    rooms: service.needsRoom ? ctx.rooms : [],
    devices: service.needsDevice ? ctx.devices : [],
    busy: ctx.busy,
    stepMinutes: query.stepMinutes ?? 15,
    now: deps.clock.now().toISOString(),
    minLeadMinutes,
  });
  let nextDue: SlotSearchResponse['nextDue'] = null;
  const plan = query.planId ? await planOf(deps.db.pool, actor.clinicId, query.planId) : null;
  if (query.planId && (!plan || (query.patientId && plan.patientId !== query.patientId)))
    throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
  if (plan) {
    const sessions = await repo.planBookings(deps.db.pool, actor.clinicId, plan.id);
    const progress = planProgress(
      plan,
      sessions.map((s) => ({ startsAt: s.starts_at.toISOString(), status: s.status })),
      deps.clock.now().toISOString(),
      ctx.timeZone,
    );
    nextDue = progress.nextDue
      ? { earliest: progress.nextDue.earliest, typical: progress.nextDue.typical }
      : null;
  }
  const patientId = plan?.patientId ?? query.patientId;
  const facts = patientId
    ? await loadRuleFacts(
        deps.db.pool,
        actor,
        {
          patientId,
          plan: plan ?? null,
          service,
          ...(query.bookingId ? { bookingId: query.bookingId } : {}),
        },
        ctx.timeZone,
      )
    : null;
  const marked = markSlots(facts, slots);
  return {
    timeZone: ctx.timeZone,
    serviceType: service,
    slots: options.hideRefused ? marked.slots.filter((s) => s.refusals.length === 0) : marked.slots,
    blockers: marked.blockers.map((b) => ({ code: b.code, message: b.message, overridable: b.overridable })),
    nextDue,
  };
}

async function planFor(
  client: Queryable,
  actor: Actor,
  patientId: string,
  planId: string | undefined,
): Promise<TreatmentPlan | null> {
  if (!planId) return null;
  const plan = await planOf(client, actor.clinicId, planId, true);
  if (!plan || plan.patientId !== patientId) {
    throw new DomainError('VALIDATION_FAILED', 'No such plan for this patient', {
      fields: [{ path: 'body.planId', message: 'Unknown plan for this patient' }],
    });
  }
  return plan;
}

/**
 * The plan a plan-session booking belongs to. Without a planId, a patient's one plan in progress (active or
 * paused) governs it, so its interval rule cannot be escaped by leaving the plan out; with several, the
 * booking must name one.
 */
async function governingPlanId(
  db: Queryable,
  actor: Actor,
  patientId: string,
  service: ServiceType,
  planId: string | undefined,
): Promise<string | undefined> {
  if (planId || !service.isPlanSession) return planId;
  const inProgress = (await plansOfPatient(db, actor.clinicId, patientId)).filter(
    (p) => p.status === 'active' || p.status === 'paused',
  );
  if (inProgress.length === 0) return undefined;
  if (inProgress.length === 1) return inProgress[0]!.id;
  throw new DomainError(
    'BOOKING_PLAN_REQUIRED',
    'This patient has more than one treatment plan in progress; choose the plan this session belongs to',
    {
      fields: [{ path: 'body.planId', message: 'Choose the plan' }],
      details: { planIds: inProgress.map((p) => p.id) },
    },
  );
}

/** Overriding a booking rule is its own permission (`booking:override` in the matrix). */
function refuseOverrideWithoutPermission(actor: Actor, override: { reason: string } | undefined): void {
  const role = roles.find((r) => r === actor.role);
  if (override && !(role && can(role, 'booking:override'))) {
    throw new DomainError('AUTH_FORBIDDEN', 'Only a provider or the owner can override a booking rule');
  }
}

function mapExclusion(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23P01') {
    const what: Record<string, string> = {
      appointments_provider_free: 'the provider',
      appointments_room_free: 'the room',
      appointments_device_free: 'the device',
      appointments_patient_free: 'the patient (another appointment at that time)',
    };
    throw new DomainError(
      'BOOKING_SLOT_TAKEN',
      `That time was just taken for ${what[e.constraint ?? ''] ?? 'a resource'}; choose another slot`,
      {
        details: { constraint: e.constraint ?? null },
      },
    );
  }
  // Two bookings racing for the same moment can also meet as a deadlock or a serialization failure: the other
  // booking won, which for this caller is the same answer as a taken slot.
  if (e.code === '40P01' || e.code === '40001') {
    throw new DomainError(
      'BOOKING_SLOT_TAKEN',
      'That time was just taken by another booking; choose another slot',
      {
        details: { constraint: null },
      },
    );
  }
  throw error;
}

/**
 * Books an appointment. A plan session first gets a fresh screening (stored even if the booking is refused), then in
 * one transaction: placement (provider, room, device), the plan's interval and screening rules, the insert — where
 * the database's exclusion constraints decide races — and the durable jobs (confirmation, reminder, re-screening).
 */
export async function book(deps: BookingDeps, actor: Actor, request: BookingRequest): Promise<BookingDto> {
  refuseOverrideWithoutPermission(actor, request.override);
  if ((await loadRecord(deps.db.pool, actor.clinicId, request.patientId)).deceased)
    throw new DomainError('PATIENT_DECEASED', 'This patient is recorded as deceased and cannot be booked');
  const service = await serviceTypeById(deps.db.pool, actor.clinicId, request.serviceTypeId);
  const planId = await governingPlanId(deps.db.pool, actor, request.patientId, service, request.planId);
  const input = { ...request, planId };
  if (service.isPlanSession) {
    const plan = input.planId ? await planOf(deps.db.pool, actor.clinicId, input.planId) : null;
    const areas = plan?.areas ?? ['face'];
    await deps.db.transaction((client) =>
      screenPatient(
        client,
        deps.clock,
        actor,
        input.patientId,
        { areas, modality: plan?.modality ?? 'mechanical' },
        { trigger: 'booking' },
      ),
    );
  }
  return deps.db
    .transaction(async (client) => {
      await loadRecord(client, actor.clinicId, input.patientId);
      const plan = await planFor(client, actor, input.patientId, input.planId);
      const t = times(input.start, service);
      const ctx = await loadBookingContext(client, actor.clinicId, { from: t.startsAt, to: t.roomFreeAt });
      const placed = placeAppointment(ctx, {
        start: t.startsAt.toISOString(),
        service,
        providerId: input.providerId,
        now: deps.clock.now().toISOString(),
      });
      if (!placed.placement) {
        const v = placed.violations[0]!;
        throw new DomainError(v.code, v.message, { details: { violations: placed.violations } });
      }
      const facts = await loadRuleFacts(client, actor, { ...input, plan, service }, ctx.timeZone);
      const overrideReason = enforceRules(facts, input.start, input.override);
      const sessionNumber = plan
        ? (await repo.planBookings(client, actor.clinicId, plan.id)).filter(
            (s) => s.status === 'booked' || s.status === 'completed',
          ).length + 1
        : null;
      const id = await repo.insertBooking(client, {
        clinicId: actor.clinicId,
        patientId: input.patientId,
        ...placed.placement,
        service: service.id,
        ...t,
        planId: plan?.id ?? null,
        sessionNumber,
        overrideReason,
        bookedBy: actor.userId,
      });
      if (plan && plan.status === 'draft') {
        await storePlan(
          client,
          actor.clinicId,
          transitionPlan(plan, 'active', 'First session booked', deps.clock.now().toISOString()),
        );
      }
      await scheduleBookingJobs(client, {
        bookingId: id,
        clinicId: actor.clinicId,
        startsAt: t.startsAt,
        now: deps.clock.now(),
      });
      await queueSessionMessages(client, (await repo.findBooking(client, actor.clinicId, id))!, {
        kind: 'booked',
        sequence: 0,
        now: deps.clock.now(),
      });
      await recordAudit(client, actor, {
        action: 'booking.created',
        entityType: 'booking',
        entityId: id,
        patientId: input.patientId,
        details: {
          service: service.id,
          start: t.startsAt.toISOString(),
          planId: plan?.id ?? null,
          overrideReason,
        },
      });
      return toBookingDto((await repo.findBooking(client, actor.clinicId, id))!, service);
    })
    .catch(mapExclusion);
}

export async function lockedBooking(client: Queryable, actor: Actor, id: string): Promise<repo.CalendarRow> {
  const row = await repo.findBooking(client, actor.clinicId, id, true);
  if (!row) throw new DomainError('NOT_FOUND', 'No such booking in this clinic');
  return row;
}

/** Moves a booking (drag in the calendar): the same checks as a new booking, excluding itself. */
export async function reschedule(
  deps: BookingDeps,
  actor: Actor,
  id: string,
  input: RescheduleRequest,
  byPatientId: string | null = null,
): Promise<BookingDto> {
  refuseOverrideWithoutPermission(actor, input.override);
  return deps.db
    .transaction(async (client) => {
      const row = await lockedBooking(client, actor, id);
      if (byPatientId) {
        // The patient moves their own session, with the clinic's notice.
        if (row.patient_id !== byPatientId) throw new DomainError('NOT_FOUND', 'No such booking');
        const refusal = patientChangeRefusal(
          row.starts_at.toISOString(),
          deps.clock.now().toISOString(),
          await repo.rescheduleNoticeHours(client, actor.clinicId),
        );
        if (refusal) throw new DomainError(refusal.code, refusal.message, { details: refusal.details });
      }
      takeVisitStep(row.status, 'move');
      const service = await serviceTypeById(client, actor.clinicId, row.service);
      const plan = row.plan_id ? await planOf(client, actor.clinicId, row.plan_id) : null;
      const t = times(input.start, service);
      const ctx = await loadBookingContext(client, actor.clinicId, { from: t.startsAt, to: t.roomFreeAt });
      const placed = placeAppointment(ctx, {
        start: t.startsAt.toISOString(),
        service,
        providerId: input.providerId ?? row.provider_id,
        now: deps.clock.now().toISOString(),
        bookingId: id,
      });
      if (!placed.placement) {
        const v = placed.violations[0]!;
        throw new DomainError(v.code, v.message, { details: { violations: placed.violations } });
      }
      const facts = await loadRuleFacts(
        client,
        actor,
        { patientId: row.patient_id, plan: plan ?? null, service, bookingId: id },
        ctx.timeZone,
      );
      const overrideReason = enforceRules(facts, input.start, input.override);
      await repo.moveBooking(client, actor.clinicId, id, { ...placed.placement, ...t, overrideReason });
      await scheduleBookingJobs(client, {
        bookingId: id,
        clinicId: actor.clinicId,
        startsAt: t.startsAt,
        now: deps.clock.now(),
      });
      const sequence = await repo.bumpCalendarSequence(client, actor.clinicId, id);
      await queueSessionMessages(client, (await repo.findBooking(client, actor.clinicId, id))!, {
        kind: 'moved',
        sequence,
        now: deps.clock.now(),
      });
      await recordAudit(client, actor, {
        action: 'booking.moved',
        entityType: 'booking',
        entityId: id,
        patientId: row.patient_id,
        details: {
          from: row.starts_at.toISOString(),
          to: t.startsAt.toISOString(),
          providerId: placed.placement.providerId,
          overrideReason,
        },
      });
      return toBookingDto((await repo.findBooking(client, actor.clinicId, id))!, service);
    })
    .catch(mapExclusion);
}

/** Cancels a booking; its reminders are withdrawn and the freed slot is offered to the waitlist. */
export async function cancel(
  deps: BookingDeps,
  actor: Actor,
  id: string,
  reason: string,
  byPatientId: string | null = null,
): Promise<BookingDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedBooking(client, actor, id);
    if (byPatientId && row.patient_id !== byPatientId) throw new DomainError('NOT_FOUND', 'No such booking');
    takeVisitStep(row.status, 'cancel');
    await repo.setStatus(client, actor.clinicId, id, 'cancelled', reason);
    await unscheduleBookingJobs(client, id);
    await queueCancellation(client, row, {
      sequence: await repo.bumpCalendarSequence(client, actor.clinicId, id),
      now: deps.clock.now(),
    });
    const offered = await offerFreedSlot(client, actor.clinicId, row);
    await recordAudit(client, actor, {
      action: 'booking.cancelled',
      entityType: 'booking',
      entityId: id,
      patientId: row.patient_id,
      details: { reason, waitlistOffered: offered },
    });
    return toBookingDto(
      (await repo.findBooking(client, actor.clinicId, id))!,
      await serviceTypeById(client, actor.clinicId, row.service),
    );
  });
}

export async function markNoShow(
  deps: BookingDeps,
  actor: Actor,
  id: string,
  note: string | undefined,
): Promise<BookingDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedBooking(client, actor, id);
    takeVisitStep(row.status, 'no-show');
    if (row.starts_at > deps.clock.now())
      throw new DomainError(
        'VALIDATION_FAILED',
        'A no-show can be recorded only once the appointment has started',
      );
    await repo.setStatus(client, actor.clinicId, id, 'no-show', note ?? null);
    await unscheduleBookingJobs(client, id);
    await withdrawSessionMessages(client, actor.clinicId, id, 'Did not attend', deps.clock.now());
    await recordAudit(client, actor, {
      action: 'booking.no-show',
      entityType: 'booking',
      entityId: id,
      patientId: row.patient_id,
      details: { note: note ?? null },
    });
    return toBookingDto(
      (await repo.findBooking(client, actor.clinicId, id))!,
      await serviceTypeById(client, actor.clinicId, row.service),
    );
  });
}

/**
 * Marks a session done. When it completes the plan's series, the plan is completed and a maintenance session is
 * proposed on the waitlist for the plan's maintenance window, with a reminder queued for its start.
 */
export async function complete(deps: BookingDeps, actor: Actor, id: string): Promise<BookingDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedBooking(client, actor, id);
    takeVisitStep(row.status, 'complete');
    if (row.starts_at > deps.clock.now())
      throw new DomainError('VALIDATION_FAILED', 'A session can be completed only once it has started');
    await repo.setStatus(client, actor.clinicId, id, 'completed');
    await unscheduleBookingJobs(client, id);
    // The aftercare steps of the timeline go on; a reminder not yet sent is withdrawn.
    await withdrawSessionMessages(client, actor.clinicId, id, 'Session completed', deps.clock.now(), {
      timeline: false,
    });
    const checkInPrompts = await scheduleCheckInPrompts(client, actor.clinicId, {
      appointmentId: id,
      patientId: row.patient_id,
      startsAt: row.starts_at,
    });
    let maintenance: { earliest: string; latest: string } | null = null;
    if (row.plan_id) {
      const plan = (await planOf(client, actor.clinicId, row.plan_id, true))!;
      const sessions = await repo.planBookings(client, actor.clinicId, plan.id);
      const timeZone = await clinicTimeZone(client, actor.clinicId);
      const progress = planProgress(
        plan,
        sessions.map((s) => ({ startsAt: s.starts_at.toISOString(), status: s.status })),
        deps.clock.now().toISOString(),
        timeZone,
      );
      if (progress.seriesComplete && plan.status === 'active') {
        await storePlan(
          client,
          actor.clinicId,
          transitionPlan(plan, 'completed', 'Series complete', deps.clock.now().toISOString()),
        );
        if (progress.maintenance) {
          maintenance = progress.maintenance;
          await proposeMaintenance(client, actor, {
            patientId: row.patient_id,
            planId: plan.id,
            window: progress.maintenance,
          });
        }
      }
    }
    await recordAudit(client, actor, {
      action: 'booking.completed',
      entityType: 'booking',
      entityId: id,
      patientId: row.patient_id,
      details: { maintenance, checkInPrompts },
    });
    return toBookingDto(
      (await repo.findBooking(client, actor.clinicId, id))!,
      await serviceTypeById(client, actor.clinicId, row.service),
    );
  });
}

export async function listCalendar(
  deps: BookingDeps,
  actor: Actor,
  query: BookingListQuery,
): Promise<BookingList> {
  return deps.db.transaction(async (client) => {
    const rows = await repo.listBookings(client, actor.clinicId, {
      ...query,
      includeCancelled: query.includeCancelled === 'true',
    });
    const services = new Map<string, ServiceType>();
    const bookings = [];
    for (const row of rows) {
      if (!services.has(row.service))
        services.set(row.service, await serviceTypeById(client, actor.clinicId, row.service));
      bookings.push({
        ...toBookingDto(row, services.get(row.service)!),
        patientName: row.patient_name,
        providerName: row.provider_name,
        roomName: row.room_name,
      });
    }
    await recordAudit(client, actor, {
      action: 'schedule.viewed',
      entityType: 'booking',
      details: { from: query.from, to: query.to, count: rows.length },
    });
    return { timeZone: await clinicTimeZone(client, actor.clinicId), bookings };
  });
}

/** One booking as stored, for another module's use case (the treatment record opens from it). */
export async function bookingForRecord(
  client: Queryable,
  clinicId: string,
  id: string,
): Promise<repo.CalendarRow | undefined> {
  return repo.findBooking(client, clinicId, id);
}
