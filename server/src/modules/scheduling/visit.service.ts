import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { localDate } from '@needlepoint/core/scheduling/time-zone';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';
import { recordAudit, type Actor } from '../../platform/audit';
import { clinicTimeZone } from '../clinic/clinic.service';
import type { BookingDeps } from './bookings.service';
import { lockedBooking, toBookingDto } from './bookings.service';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

/**
 * The front desk checks a patient in (arrived), or the provider starts treatment (in treatment). Both happen on
 * the appointment's day at the clinic; the treatment record starts from "in treatment".
 */
export async function takeVisitStepNow(
  deps: BookingDeps,
  actor: Actor,
  id: string,
  step: 'check-in' | 'start-treatment',
): Promise<BookingDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedBooking(client, actor, id);
    const next = takeVisitStep(row.status, step) as 'arrived' | 'in-treatment';
    const now = deps.clock.now();
    const timeZone = await clinicTimeZone(client, actor.clinicId);
    if (localDate(row.starts_at.getTime(), timeZone) !== localDate(now.getTime(), timeZone)) {
      throw new DomainError(
        'BOOKING_NOT_TODAY',
        'Patients are checked in and treated on the day of their appointment',
        {
          details: { startsAt: row.starts_at.toISOString() },
        },
      );
    }
    await repo.setVisitStatus(client, actor.clinicId, id, next, now);
    await recordAudit(client, actor, {
      action: step === 'check-in' ? 'booking.arrived' : 'booking.treatment-started',
      entityType: 'booking',
      entityId: id,
      patientId: row.patient_id,
    });
    return toBookingDto(
      (await repo.findBooking(client, actor.clinicId, id))!,
      await serviceTypeById(client, actor.clinicId, row.service),
    );
  });
}
