import type { Queryable } from '../../db/database';
import { cancelJob, enqueueJob } from '../../platform/jobs';

const HOUR = 3_600_000;

/** Job names: the tasks in server/src/jobs/tasks.ts handle them. */
export const jobNames = {
  bookingNotice: 'booking-notice',
  sessionReminder: 'session-reminder',
  preSessionScreening: 'pre-session-screening',
  waitlistOffer: 'waitlist-offer',
  maintenanceReminder: 'maintenance-reminder',
} as const;

/**
 * Queues, in the booking's own transaction: the confirmation (now), and 24 hours before the session a reminder with
 * preparation guidance and a fresh screening. A moved booking replaces its pending jobs (same job keys).
 */
export async function scheduleBookingJobs(
  client: Queryable,
  b: { bookingId: string; clinicId: string; startsAt: Date; now: Date; notify: 'booked' | 'moved' },
): Promise<void> {
  const payload = { bookingId: b.bookingId, clinicId: b.clinicId };
  await enqueueJob(client, jobNames.bookingNotice, { ...payload, kind: b.notify });
  const dayBefore = new Date(b.startsAt.getTime() - 24 * HOUR);
  if (dayBefore > b.now) {
    await enqueueJob(client, jobNames.sessionReminder, payload, {
      runAt: dayBefore,
      jobKey: `reminder:${b.bookingId}`,
    });
    await enqueueJob(client, jobNames.preSessionScreening, payload, {
      runAt: dayBefore,
      jobKey: `rescreen:${b.bookingId}`,
    });
  } else {
    await cancelJob(client, `reminder:${b.bookingId}`);
    await cancelJob(client, `rescreen:${b.bookingId}`);
  }
}

export async function unscheduleBookingJobs(client: Queryable, bookingId: string): Promise<void> {
  await cancelJob(client, `reminder:${bookingId}`);
  await cancelJob(client, `rescreen:${bookingId}`);
}
