import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { planProgress, transitionPlan } from '@needlepoint/core/plans/plan';
import { takeVisitStep } from '@needlepoint/core/scheduling/visit';
import { recordAudit, type Actor } from '../../platform/audit';
import { scheduleCheckInPrompts } from '../aftercare/aftercare.service';
import { clinicTimeZone } from '../clinic/clinic.service';
import { planOf, storePlan } from '../plans/plans.service';
import { lockedBooking, toBookingDto, type BookingDeps } from './booking-common';
import { unscheduleBookingJobs } from './booking-jobs';
import { withdrawSessionMessages } from './booking-messages';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';
import { proposeMaintenance } from './waitlist.service';

/**
 * Marks a session done. When it completes the plan's series, the plan is completed and a maintenance session is
 * proposed on the waitlist for the plan's maintenance window, with a reminder queued for its start.
 */
export async function complete(deps: BookingDeps, actor: Actor, id: string): Promise<BookingDto> {
  return deps.db.transaction(async (client) => {
    const row = await lockedBooking(client, actor, id);
    takeVisitStep(row.status, 'complete');
    if (row.starts_at > deps.clock.now())
      throw new DomainError('BOOKING_NOT_STARTED', 'A session can be completed only once it has started');
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
