import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { queuePatientMessage } from '../messages/outbox.service';
import { findWaitlistEntry } from './bookings.repo';

/** The waitlist's jobs write their messages to the outbox (once per topic, so a rerun after a crash adds none). */
export interface WaitlistMessageDeps {
  db: Database;
  clock: Clock;
}

/** `waitlist-offer`: the freed slot, offered to the patient while the entry is still `offered`. */
export async function sendWaitlistOffer(
  deps: WaitlistMessageDeps,
  payload: { clinicId: string; entryId: string; start: string },
): Promise<void> {
  await deps.db.transaction(async (client) => {
    const entry = await findWaitlistEntry(client, payload.clinicId, payload.entryId);
    if (!entry || entry.status !== 'offered') return;
    await queuePatientMessage(
      client,
      payload.clinicId,
      entry.patient_id,
      'waitlist-offer',
      { startsAt: payload.start },
      { now: deps.clock.now(), topic: `waitlist:${entry.id}:offer:${payload.start}`, once: true },
    );
  });
}

/** `maintenance-reminder`: at the start of the maintenance window, while the patient is still waiting. */
export async function sendMaintenanceReminder(
  deps: WaitlistMessageDeps,
  payload: { clinicId: string; entryId: string },
): Promise<void> {
  await deps.db.transaction(async (client) => {
    const entry = await findWaitlistEntry(client, payload.clinicId, payload.entryId);
    if (!entry || entry.status !== 'waiting') return;
    await queuePatientMessage(
      client,
      payload.clinicId,
      entry.patient_id,
      'maintenance-reminder',
      { latestDate: entry.latest_date },
      { now: deps.clock.now(), topic: `waitlist:${entry.id}:maintenance`, once: true },
    );
  });
}
