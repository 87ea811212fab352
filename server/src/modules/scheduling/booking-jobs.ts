import { preSessionScreeningAt } from '@needlepoint/core/scheduling/booking-decisions';
import type { Queryable } from '../../db/database';
import { cancelJob, enqueueJob, type NewJob } from '../../platform/jobs';

/**
 * Job names: the tasks in server/src/jobs/tasks.ts handle them. `booking-notice` and `session-reminder` are no
 * longer queued (the outbox carries those messages, booking-messages.ts); their tasks stay for jobs queued before.
 */
export const jobNames = {
  bookingNotice: 'booking-notice',
  sessionReminder: 'session-reminder',
  preSessionScreening: 'pre-session-screening',
  waitlistOffer: 'waitlist-offer',
  maintenanceReminder: 'maintenance-reminder',
} as const;

/**
 * Queues, in the booking's own transaction, a fresh screening 24 hours before the session. A moved booking replaces
 * its pending job (same job key). The messages themselves are outbox rows (booking-messages.ts).
 */
export async function scheduleBookingJobs(
  client: Queryable,
  b: { bookingId: string; clinicId: string; startsAt: Date; now: Date },
): Promise<void> {
  const payload = { bookingId: b.bookingId, clinicId: b.clinicId };
  const runAt = preSessionScreeningAt(b.startsAt, b.now);
  if (runAt) {
    await enqueueJob(client, jobNames.preSessionScreening, payload, {
      runAt,
      jobKey: `rescreen:${b.bookingId}`,
    });
  } else {
    await cancelJob(client, `rescreen:${b.bookingId}`);
  }
}

/** A new booking's jobs (nothing to replace yet), for the caller to queue with its others in one statement. */
export function newBookingJobs(b: {
  bookingId: string;
  clinicId: string;
  startsAt: Date;
  now: Date;
}): NewJob[] {
  const runAt = preSessionScreeningAt(b.startsAt, b.now);
  if (!runAt) return [];
  return [
    {
      task: jobNames.preSessionScreening,
      payload: { bookingId: b.bookingId, clinicId: b.clinicId },
      runAt,
      jobKey: `rescreen:${b.bookingId}`,
    },
  ];
}

export async function unscheduleBookingJobs(client: Queryable, bookingId: string): Promise<void> {
  await cancelJob(client, `reminder:${bookingId}`);
  await cancelJob(client, `rescreen:${bookingId}`);
}
