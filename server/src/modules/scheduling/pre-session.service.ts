import { verdictLabels } from '@needlepoint/core/screening/verdict';
import type { Database } from '../../db/database';
import { systemActor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { queueStaffMessage } from '../messages/outbox.service';
import { planOf } from '../plans/plans.service';
import { screenPatient } from '../screening/screening.service';
import { findBooking } from './bookings.repo';
import { serviceTypeById } from './resources.service';

/**
 * The `pre-session-screening` job, 24 hours before a session: a fresh screening and, when it is not cleared, an
 * email to the provider with what changed, in the same transaction (once per session time).
 */
export async function rescreenBeforeSession(
  deps: { db: Database; clock: Clock },
  payload: { clinicId: string; bookingId: string },
): Promise<void> {
  const { clinicId, bookingId } = payload;
  const b = await findBooking(deps.db.pool, clinicId, bookingId);
  if (!b || b.status !== 'booked') return;
  const plan = b.plan_id ? await planOf(deps.db.pool, clinicId, b.plan_id) : undefined;
  await deps.db.transaction(async (client) => {
    const screening = await screenPatient(
      client,
      deps.clock,
      systemActor(clinicId, `job:pre-session:${bookingId}`, deps.clock),
      b.patient_id,
      { areas: plan?.areas ?? ['face'], modality: plan?.modality ?? 'mechanical' },
      { trigger: 'pre-session', appointmentId: b.id },
    );
    if (screening.cleared) return;
    await queueStaffMessage(
      client,
      clinicId,
      b.provider_id,
      'screening-review',
      {
        patientId: b.patient_id,
        patientName: b.patient_name,
        service: (await serviceTypeById(client, clinicId, b.service)).name,
        startsAt: b.starts_at.toISOString(),
        verdict: verdictLabels[screening.verdict].toLowerCase(),
        changes: screening.changes
          ? {
              previous: verdictLabels[screening.changes.previousVerdict].toLowerCase(),
              added: screening.changes.added.length,
              resolved: screening.changes.resolved.length,
            }
          : null,
        findings: screening.findings.filter((f) => f.open).map((f) => `${f.title}: ${f.action}`),
      },
      {
        now: deps.clock.now(),
        topic: `screening:${bookingId}:${b.starts_at.toISOString()}`,
        once: true,
      },
    );
  });
}
