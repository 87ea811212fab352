import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';
import { recordAudit, type Actor } from '../../platform/audit';
import { lockedBooking, toBookingDto, type BookingDeps } from './booking-common';
import { unscheduleBookingJobs } from './booking-jobs';
import { withdrawSessionMessages } from './booking-messages';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

/** Records that the patient did not attend a session that has started; its reminders are withdrawn. */
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
        'BOOKING_NOT_STARTED',
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
