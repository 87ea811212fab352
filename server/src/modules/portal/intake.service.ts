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
import { loadRecord } from '../patients/patients.service';
import * as patientsRepo from '../patients/patients.repo';
import { screenPatient } from '../screening/screening.service';

const maxDraftBytes = 256 * 1024;

interface FormRow {
  id: string;
  status: 'draft' | 'submitted';
  draft: unknown;
  step: string;
  submitted: unknown;
  screening_id: string | null;
  updated_at: Date;
  submitted_at: Date | null;
}

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
  const { rows } = await db.query<FormRow>(
    `SELECT * FROM intake_forms WHERE clinic_id = $1 AND patient_id = $2 ORDER BY (status = 'draft') DESC, updated_at DESC LIMIT 1`,
    [actor.clinicId, patientId],
  );
  const form = rows[0];
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
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO intake_forms (clinic_id, patient_id, status, draft, step) VALUES ($1, $2, 'draft', $3, $4)
       ON CONFLICT (patient_id) WHERE status = 'draft' DO UPDATE SET draft = EXCLUDED.draft, step = EXCLUDED.step, updated_at = now()
       RETURNING id`,
      [actor.clinicId, patientId, json, input.step],
    );
    await recordAudit(client, actor, {
      action: 'intake.draft-saved',
      entityType: 'intake',
      entityId: rows[0]!.id,
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
    const patient = await patientsRepo.findPatient(client, actor.clinicId, patientId, { forUpdate: true });
    if (!patient) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient');
    const draft = await client.query<{ id: string }>(
      `UPDATE intake_forms SET status = 'submitted', submitted = $3, submitted_at = now(), updated_at = now()
        WHERE clinic_id = $1 AND patient_id = $2 AND status = 'draft' RETURNING id`,
      [actor.clinicId, patientId, JSON.stringify(intake)],
    );
    const formId =
      draft.rows[0]?.id ??
      (
        await client.query<{ id: string }>(
          `INSERT INTO intake_forms (clinic_id, patient_id, status, submitted, submitted_at) VALUES ($1, $2, 'submitted', $3, now()) RETURNING id`,
          [actor.clinicId, patientId, JSON.stringify(intake)],
        )
      ).rows[0]!.id;
    const changes = intakeToRecordChanges(intake, formId);
    const replaced = await client.query(
      "DELETE FROM patient_entries WHERE clinic_id = $1 AND patient_id = $2 AND source = 'intake'",
      [actor.clinicId, patientId],
    );
    for (const entry of changes.entries) {
      await patientsRepo.insertEntry(client, {
        ...entry,
        clinicId: actor.clinicId,
        patientId,
        source: 'intake',
        sourceRef: entry.sourceRef,
      });
    }
    const after = await patientsRepo.updatePatientFields(client, actor.clinicId, patientId, {
      answers: { ...patient.answers, ...changes.answers },
      listsReviewed: { ...patient.lists_reviewed, ...changes.listsReviewed },
      concerns: [...new Set([...patient.concerns, ...changes.concerns])],
      ...(changes.fitzpatrick !== null ? { fitzpatrick: changes.fitzpatrick } : {}),
    });
    await patientsRepo.insertVersion(client, {
      clinicId: actor.clinicId,
      patientId,
      version: after.version,
      changedBy: actor.userId,
      summary: `Intake questionnaire submitted (${changes.entries.length} entries${replaced.rowCount ? `, replacing ${replaced.rowCount} from an earlier intake` : ''})`,
      changes: { answers: { from: patient.answers, to: after.answers } },
    });
    const screening = await screenPatient(
      client,
      deps.clock,
      actor,
      patientId,
      { areas: intake.requestedAreas.length > 0 ? intake.requestedAreas : ['face'], modality: 'mechanical' },
      { trigger: 'intake' },
    );
    await client.query('UPDATE intake_forms SET screening_id = $2 WHERE id = $1', [formId, screening.id]);
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
    };
  });
}

/** Staff view of a patient's submitted questionnaires, newest first. */
export async function listPatientIntakes(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientIntakes> {
  return db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, patientId);
    const { rows } = await client.query<FormRow>(
      'SELECT * FROM intake_forms WHERE clinic_id = $1 AND patient_id = $2 ORDER BY submitted_at DESC NULLS FIRST',
      [actor.clinicId, patientId],
    );
    await recordAudit(client, actor, {
      action: 'intake.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
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
