import { urgencyLabels } from '@needlepoint/core/aftercare/advice';
import type { Database, Queryable } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { queuePatientMessage, queueStaffMessage } from '../messages/outbox.service';
import * as repo from './aftercare.repo';

/** The aftercare messages, written to the outbox (ADR 028): check-in prompts, urgent alerts and advice. */
export interface AftercareMessageDeps {
  db: Database;
  clock: Clock;
}

/**
 * The `aftercare-check-in-prompt` job, when a prompt is due: in one transaction, the message asking the patient to
 * check in and the prompt marked as asked. A prompt already answered is left alone.
 */
export async function sendCheckInPrompt(
  deps: AftercareMessageDeps,
  payload: { clinicId: string; promptId: string },
): Promise<void> {
  await deps.db.transaction(async (client) => {
    const prompt = await repo.findPrompt(client, payload.clinicId, payload.promptId);
    if (!prompt || prompt.status !== 'scheduled') return;
    const now = deps.clock.now();
    await queuePatientMessage(
      client,
      payload.clinicId,
      prompt.patient_id,
      'check-in-prompt',
      { day: prompt.day, appointmentId: prompt.appointment_id },
      { now, topic: `aftercare-prompt:${prompt.id}` },
    );
    await repo.markPromptSent(client, payload.clinicId, prompt.id, now);
  });
}

/**
 * An `emergency` or `same-day` check-in (in the check-in's transaction): an email to each alerted provider, and the
 * patient's own essential message telling them what to do now.
 */
export async function queueUrgentMessages(
  client: Queryable,
  clinicId: string,
  checkInId: string,
  now: Date,
): Promise<void> {
  const checkIn = await repo.findCheckIn(client, clinicId, checkInId);
  if (!checkIn) return;
  for (const userId of await repo.alertedUserIds(client, clinicId, checkInId)) {
    await queueStaffMessage(
      client,
      clinicId,
      userId,
      'urgent-alert',
      {
        checkInId,
        patientName: checkIn.patient_name,
        urgency: urgencyLabels[checkIn.triage.urgency],
        day: checkIn.days_since_treatment,
        headline: checkIn.triage.advice.headline,
        reasons: checkIn.triage.reasons.map((r) => `${r.title} (${r.urgency})`),
      },
      { now },
    );
  }
  await queuePatientMessage(
    client,
    clinicId,
    checkIn.patient_id,
    'urgent-advice',
    { checkInId, urgency: checkIn.triage.urgency },
    { now },
  );
}

/** The `aftercare-urgent-alert` job queued by an earlier version: the same messages, written now. */
export async function sendUrgentAlert(
  deps: AftercareMessageDeps,
  payload: { clinicId: string; checkInId: string },
): Promise<void> {
  await deps.db.transaction((client) =>
    queueUrgentMessages(client, payload.clinicId, payload.checkInId, deps.clock.now()),
  );
}
