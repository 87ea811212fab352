import type { BookingDto, BookingRequest } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { transitionPlan } from '@needlepoint/core/plans/plan';
import {
  governingPlan,
  nextSessionNumber,
  rescreenBeforeBooking,
} from '@needlepoint/core/scheduling/booking-decisions';
import { localDate } from '@needlepoint/core/scheduling/time-zone';
import { constantPart, readTogether } from '../../db/read-together';
import { recordAudits, type Actor, type AuditInput } from '../../platform/audit';
import { clinicTimeZonePart } from '../clinic/clinic.service';
import { consentStatePart } from '../consents/consents.service';
import { recordPart } from '../patients/patients.service';
import { planOf, planPart, plansOfPatientPart, storePlan } from '../plans/plans.service';
import { settingsIn } from '../screening/screening-settings.service';
import { screeningStartPart, storeScreening } from '../screening/screening.service';
import {
  mapExclusion,
  placedOrRefused,
  refuseOverrideWithoutPermission,
  times,
  toBookingDto,
  type BookingDeps,
} from './booking-common';
import { bookingContextParts, placeAppointment, toBookingContext, type Placement } from './booking-context';
import { newBookingJobs } from './booking-jobs';
import { queueSessionMessages, sessionMessageParts } from './booking-messages';
import { consentKindFor, enforceRules, ruleFacts, type RuleFacts } from './booking-rules.service';
import * as repo from './bookings.repo';
import { clinicServiceTypesPart, serviceTypeIn } from './resources.service';

const unknownPlan = () =>
  new DomainError('NOT_FOUND', 'No such plan for this patient', {
    fields: [{ path: 'body.planId', message: 'Unknown plan for this patient' }],
  });

const DAY = 86_400_000;

/**
 * What booking reads before anything else, in one statement (each part its owner's read): the patient's record,
 * the clinic's service types and time zone, the named plan (locked) or else the patient's plans, where a fresh
 * screening starts from, both treatment consents, and what the session's messages need.
 */
function firstReads(clinicId: string, request: BookingRequest) {
  const { patientId, planId } = request;
  return {
    record: recordPart(clinicId, patientId),
    services: clinicServiceTypesPart(clinicId),
    timeZone: clinicTimeZonePart(clinicId),
    plan: planId ? planPart(clinicId, planId, true) : constantPart(undefined),
    plansOfPatient: planId ? constantPart([]) : plansOfPatientPart(clinicId, patientId),
    screening: screeningStartPart(clinicId, patientId),
    mechanicalConsent: consentStatePart(clinicId, patientId, 'treatment-mechanical'),
    rfConsent: consentStatePart(clinicId, patientId, 'treatment-rf'),
    ...sessionMessageParts(clinicId, patientId),
  };
}

/**
 * Books an appointment in one transaction. The first statement reads what the booking starts from (`firstReads`),
 * the named plan locked; the second, once the plan is locked, the clinic's resources and busy times around the
 * session and the plan's sessions. Then the decisions: the patient (not deceased), the service and the governing
 * plan; for a plan session a fresh screening with the plan's areas and modality, which is stored even when the
 * booking is then refused; placement, the plan's interval, screening and consent rules, the session's number. The
 * writes follow: the insert (where the database's exclusion constraints decide races), the plan's activation, the
 * messages with every job in one statement, and the audit events in one.
 */
export async function book(deps: BookingDeps, actor: Actor, request: BookingRequest): Promise<BookingDto> {
  refuseOverrideWithoutPermission(actor, request.override);
  const now = deps.clock.now();
  const outcome = await deps.db
    .transaction(async (client): Promise<{ booking: BookingDto } | { refusal: DomainError }> => {
      const first = await readTogether(client, firstReads(actor.clinicId, request));
      const { record } = first;
      if (record.deceased)
        throw new DomainError(
          'PATIENT_DECEASED',
          'This patient is recorded as deceased and cannot be booked',
        );
      const service = serviceTypeIn(first.services, request.serviceTypeId);
      const choice = governingPlan({
        planId: request.planId,
        isPlanSession: service.isPlanSession,
        plansOfPatient: first.plansOfPatient,
      });
      if ('refusal' in choice) {
        const { code, message, planIds } = choice.refusal;
        throw new DomainError(code, message, {
          fields: [{ path: 'body.planId', message: 'Choose the plan' }],
          details: { planIds },
        });
      }
      // A plan chosen for the patient (none named) is locked now, before its sessions are read.
      const plan = request.planId
        ? first.plan
        : choice.planId
          ? await planOf(client, actor.clinicId, choice.planId, true)
          : undefined;
      if (choice.planId && (!plan || plan.patientId !== request.patientId)) throw unknownPlan();
      const t = times(request.start, service);
      // A session lasts less than a day: the context around [start, start + a day] holds every conflict.
      const window = { from: t.startsAt, to: new Date(t.startsAt.getTime() + DAY) };
      const { sessions, ...context } = await readTogether(client, {
        ...bookingContextParts(actor.clinicId, window, { timeZone: first.timeZone }),
        sessions: plan ? repo.planBookingsPart(actor.clinicId, plan.id) : constantPart([]),
      });
      const ctx = toBookingContext(context);
      const audits: AuditInput[] = [];
      let latestScreening: RuleFacts['latestScreening'] = null;
      let settings = settingsIn(first.screening.settings).settings;
      if (rescreenBeforeBooking(service)) {
        const screening = await storeScreening(client, actor, first.screening, {
          record,
          asOf: localDate(now.getTime(), first.timeZone),
          areas: plan?.areas ?? ['face'],
          modality: plan?.modality ?? 'mechanical',
          trigger: 'booking',
          appointmentId: null,
        });
        audits.push(screening.audit);
        latestScreening = { cleared: screening.cleared, verdict: screening.verdict };
        settings = screening.settings;
      }
      let placement: Placement;
      let overrideReason: string | null;
      try {
        placement = placedOrRefused(
          placeAppointment(ctx, {
            start: t.startsAt.toISOString(),
            service,
            providerId: request.providerId,
            now: now.toISOString(),
          }),
        );
        const consentKind = consentKindFor(plan ?? null);
        const facts = ruleFacts(actor, {
          plan: plan ?? null,
          service,
          sessions,
          latestScreening,
          consent: {
            kind: consentKind,
            state: consentKind === 'treatment-rf' ? first.rfConsent : first.mechanicalConsent,
          },
          timeZone: ctx.timeZone,
        });
        overrideReason = enforceRules(facts, request.start, request.override);
      } catch (error) {
        // Refused: the fresh screening stays stored (and audited); the refusal is answered once it is committed.
        if (!(error instanceof DomainError)) throw error;
        await recordAudits(client, actor, audits);
        return { refusal: error };
      }
      const row = await repo.insertBooking(client, {
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
      await queueSessionMessages(client, row, {
        kind: 'booked',
        sequence: 0,
        now,
        service,
        known: {
          retinoidHoldDays: settings.topicalRetinoidHoldDays,
          timeZone: first.timeZone,
          timeline: first.timeline,
          recipient: first.recipient,
        },
        jobs: newBookingJobs({ bookingId: row.id, clinicId: actor.clinicId, startsAt: t.startsAt, now }),
      });
      audits.push({
        action: 'booking.created',
        entityType: 'booking',
        entityId: row.id,
        patientId: request.patientId,
        details: {
          service: service.id,
          start: t.startsAt.toISOString(),
          planId: plan?.id ?? null,
          overrideReason,
        },
      });
      await recordAudits(client, actor, audits);
      return { booking: toBookingDto(row, service) };
    })
    .catch(mapExclusion);
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.booking;
}
