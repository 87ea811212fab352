import { urgencyLabels } from '@needlepoint/core/aftercare/advice';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { Mailer } from '../../platform/mail';
import * as repo from './aftercare.repo';

/** The aftercare messages the job queue sends: check-in prompts to patients, urgent alerts to providers. */
export interface AftercareMessageDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
}

/** Asks the patient to check in (email with a portal link); a prompt already answered is left alone. */
export async function sendCheckInPrompt(
  deps: AftercareMessageDeps,
  payload: { clinicId: string; promptId: string },
): Promise<void> {
  const prompt = await repo.findPrompt(deps.db.pool, payload.clinicId, payload.promptId);
  if (!prompt || prompt.status !== 'scheduled') return;
  const clinic = await repo.clinicContact(deps.db.pool, payload.clinicId);
  if (prompt.email) {
    await deps.mailer.send({
      to: prompt.email,
      subject: `${clinic.name}: how is your skin today?`,
      text:
        `Hello ${prompt.given_name},\n\nIt is day ${prompt.day} after your treatment. Please tell us how your skin is doing; ` +
        `it takes about a minute and you will see advice straight away:\n${deps.publicUrl}/portal/check-in\n\n` +
        `If you have trouble breathing, swelling of the face with hives, a change in your vision, or confusion, ` +
        `call your local emergency number now.${clinic.phone ? `\nFor anything else that worries you, call us on ${clinic.phone}.` : ''}\n`,
    });
  }
  // Without an email the portal still asks (the prompt is due); either way it now counts as asked.
  await repo.markPromptSent(deps.db.pool, payload.clinicId, prompt.id, deps.clock.now());
}

/** Emails each alerted provider about an emergency or same-day check-in. */
export async function sendUrgentAlert(
  deps: AftercareMessageDeps,
  payload: { clinicId: string; checkInId: string },
): Promise<void> {
  const checkIn = await repo.findCheckIn(deps.db.pool, payload.clinicId, payload.checkInId);
  if (!checkIn) return;
  const clinic = await repo.clinicContact(deps.db.pool, payload.clinicId);
  const urgency = urgencyLabels[checkIn.triage.urgency].toUpperCase();
  const reasons = checkIn.triage.reasons.map((r) => `- ${r.title} (${r.urgency})`).join('\n');
  for (const to of await repo.alertMailRows(deps.db.pool, payload.clinicId, payload.checkInId)) {
    await deps.mailer.send({
      to: to.email,
      subject: `${clinic.name}: ${urgency} check-in from ${checkIn.patient_name}`,
      text:
        `${checkIn.patient_name} checked in on day ${checkIn.days_since_treatment} after treatment and the answers were triaged as ${urgency}.\n\n` +
        `${reasons}\n\nThe patient was told: ${checkIn.triage.advice.headline}\n\n` +
        `Open the triage queue: ${deps.publicUrl}/aftercare?checkIn=${checkIn.id}\n`,
    });
  }
}
