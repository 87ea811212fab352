import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';
import { recordAudit, type Actor } from '../../platform/audit';
import { lockedBooking, toBookingDto, type BookingDeps } from './booking-common';
import { unscheduleBookingJobs } from './booking-jobs';
import { queueCancellation } from './booking-messages';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';
import { offerFreedSlot } from './waitlist.service';

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
