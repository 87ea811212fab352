import type {
  IntakeState,
  PatientIntakes,
  SaveIntakeDraftRequest,
  SubmitIntakeResponse,
} from '@needlepoint/core/contracts/portal';
import { DomainError } from '@needlepoint/core/errors';
import { IntakeRecord } from '@needlepoint/core/intake/intake-record';
import { intakeToRecordChanges } from '@needlepoint/core/intake/intake-to-record';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { fillRecordFromIntake, lockPatient, readPatientPart } from '../patients/patients.service';
import { screenPatient } from '../screening/screening.service';
import * as repo from './portal.repo';

const maxDraftBytes = 256 * 1024;

function portalPatient(actor: Actor, patientId: string | null): string {
  if (!patientId) throw new DomainError('AUTH_FORBIDDEN', 'This account is not linked to a patient record');
  return patientId;
}

/** The patient's questionnaire: the open draft if any, else the last submission. */
export async function getIntake(
  db: Database,
  actor: Actor,
  patientIdOfUser: string | null,
): Promise<IntakeState> {
  const patientId = portalPatient(actor, patientIdOfUser);
  const form = await repo.currentIntakeForm(db.pool, actor.clinicId, patientId);
  if (!form)
    return { formId: null, status: 'not-started', draft: {}, step: '', updatedAt: null, submittedAt: null };
  return {
    formId: form.id,
    status: form.status,
    draft: form.status === 'draft' ? form.draft : form.submitted,
    step: form.step,
    updatedAt: form.updated_at.toISOString(),
    submittedAt: form.submitted_at?.toISOString() ?? null,
  };
}

/** Saves what the patient has typed so far; nothing is lost on a closed tab. */
export async function saveIntakeDraft(
  db: Database,
  actor: Actor,
  patientIdOfUser: string | null,
  input: SaveIntakeDraftRequest,
): Promise<IntakeState> {
  const patientId = portalPatient(actor, patientIdOfUser);
  const json = JSON.stringify(input.draft);
  if (Buffer.byteLength(json) > maxDraftBytes)
    throw new DomainError('REQUEST_TOO_LARGE', 'The questionnaire is too large to save');
  await db.transaction(async (client) => {
    const formId = await repo.saveIntakeDraft(client, actor.clinicId, patientId, json, input.step);
    await recordAudit(client, actor, {
      action: 'intake.draft-saved',
      entityType: 'intake',
      entityId: formId,
      patientId,
      details: { step: input.step },
    });
  });
  return getIntake(db, actor, patientId);
}

/**
 * Submits the questionnaire: validates it, writes it into the record (answers, confirmed lists, entries marked
 * as intake, replacing those of an earlier intake), and screens the patient for the provider. The patient is told
 * their provider will review; never a verdict.
 */
export async function submitIntake(
  deps: { db: Database; clock: Clock },
  actor: Actor,
  patientIdOfUser: string | null,
  raw: unknown,
): Promise<SubmitIntakeResponse> {
  const patientId = portalPatient(actor, patientIdOfUser);
  const parsed = IntakeRecord.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: ['body', 'record', ...i.path].join('.'),
      message: i.message,
    }));
    throw new DomainError('VALIDATION_FAILED', `${fields[0]!.path}: ${fields[0]!.message}`, { fields });
  }
  const intake = parsed.data;
  return deps.db.transaction(async (client) => {
    const patient = await lockPatient(client, actor.clinicId, patientId);
    const formId = await repo.submitIntakeForm(client, actor.clinicId, patientId, JSON.stringify(intake));
    await fillRecordFromIntake(client, actor, patient, intakeToRecordChanges(intake, formId));
    const screening = await screenPatient(
      client,
      deps.clock,
      actor,
      patientId,
      { areas: intake.requestedAreas.length > 0 ? intake.requestedAreas : ['face'], modality: 'mechanical' },
      { trigger: 'intake' },
    );
    await repo.linkIntakeScreening(client, actor.clinicId, formId, screening.id);
    await recordAudit(client, actor, {
      action: 'intake.submitted',
      entityType: 'intake',
      entityId: formId,
      patientId,
    });
    return {
      status: 'submitted' as const,
      submittedAt: deps.clock.now().toISOString(),
      message:
        'Thank you. Your provider will review your answers before your consultation and contact you if anything needs discussing.',
      messageKey: 'intake.sent.thanks' as const,
    };
  });
}

/** Staff view of a patient's submitted questionnaires, newest first. */
export async function listPatientIntakes(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientIntakes> {
  return readPatientPart(db, actor, patientId, { action: 'intake.viewed' }, async (client) => {
    const rows = await repo.intakeFormsOf(client, actor.clinicId, patientId);
    return {
      intakes: rows
        .filter((r) => r.status === 'submitted')
        .map((r) => ({
          id: r.id,
          submittedAt: r.submitted_at!.toISOString(),
          screeningId: r.screening_id,
          record: r.submitted,
        })),
      draftUpdatedAt: rows.find((r) => r.status === 'draft')?.updated_at.toISOString() ?? null,
    };
  });
}
