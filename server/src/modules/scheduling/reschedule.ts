import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import type { RescheduleRequest } from '@needlepoint/core/contracts/bookings';
import { DomainError } from '@needlepoint/core/errors';
import { patientChangeRefusal } from '@needlepoint/core/scheduling/booking-rules';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';
import { recordAudit, type Actor } from '../../platform/audit';
import { clinicSettingsOf } from '../clinic/clinic.service';
import { planOf } from '../plans/plans.service';
import {
  lockedBooking,
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
import { enforceRules, loadRuleFacts } from './booking-rules.service';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

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
          (await clinicSettingsOf(client, actor.clinicId)).rescheduleNoticeHours,
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
      const placement = placedOrRefused(placed);
      const facts = await loadRuleFacts(
        client,
        actor,
        { patientId: row.patient_id, plan: plan ?? null, service, bookingId: id },
        ctx.timeZone,
      );
      const overrideReason = enforceRules(facts, input.start, input.override);
      await repo.moveBooking(client, actor.clinicId, id, { ...placement, ...t, overrideReason });
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
          providerId: placement.providerId,
          overrideReason,
        },
      });
      return toBookingDto((await repo.findBooking(client, actor.clinicId, id))!, service);
    })
    .catch(mapExclusion);
}
