import type { Queryable } from '../../db/database';

// The portal's tables: invitations to the patient portal and intake questionnaires.

export interface FormRow {
  id: string;
  status: 'draft' | 'submitted';
  draft: unknown;
  step: string;
  submitted: unknown;
  screening_id: string | null;
  updated_at: Date;
  submitted_at: Date | null;
}

/** The open draft if any, else the latest submission. */
export async function currentIntakeForm(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<FormRow | undefined> {
  const { rows } = await db.query<FormRow>(
    `SELECT * FROM intake_forms WHERE clinic_id = $1 AND patient_id = $2 ORDER BY (status = 'draft') DESC, updated_at DESC LIMIT 1`,
    [clinicId, patientId],
  );
  return rows[0];
}

/** Saves the patient's one open draft (creating it on the first save); returns its id. */
export async function saveIntakeDraft(
  db: Queryable,
  clinicId: string,
  patientId: string,
  draftJson: string,
  step: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO intake_forms (clinic_id, patient_id, status, draft, step) VALUES ($1, $2, 'draft', $3, $4)
     ON CONFLICT (patient_id) WHERE status = 'draft' DO UPDATE SET draft = EXCLUDED.draft, step = EXCLUDED.step, updated_at = now()
     RETURNING id`,
    [clinicId, patientId, draftJson, step],
  );
  return rows[0]!.id;
}

/** Submits the open draft, or a new form when there is none; returns the form's id. */
export async function submitIntakeForm(
  db: Queryable,
  clinicId: string,
  patientId: string,
  intakeJson: string,
): Promise<string> {
  const draft = await db.query<{ id: string }>(
    `UPDATE intake_forms SET status = 'submitted', submitted = $3, submitted_at = now(), updated_at = now()
      WHERE clinic_id = $1 AND patient_id = $2 AND status = 'draft' RETURNING id`,
    [clinicId, patientId, intakeJson],
  );
  if (draft.rows[0]) return draft.rows[0].id;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO intake_forms (clinic_id, patient_id, status, submitted, submitted_at) VALUES ($1, $2, 'submitted', $3, now()) RETURNING id`,
    [clinicId, patientId, intakeJson],
  );
  return rows[0]!.id;
}

export async function linkIntakeScreening(
  db: Queryable,
  clinicId: string,
  formId: string,
  screeningId: string,
): Promise<void> {
  await db.query('UPDATE intake_forms SET screening_id = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    formId,
    screeningId,
  ]);
}

/** The patient's forms: an open draft first, then submissions newest first. */
export async function intakeFormsOf(db: Queryable, clinicId: string, patientId: string): Promise<FormRow[]> {
  const { rows } = await db.query<FormRow>(
    'SELECT * FROM intake_forms WHERE clinic_id = $1 AND patient_id = $2 ORDER BY submitted_at DESC NULLS FIRST',
    [clinicId, patientId],
  );
  return rows;
}

export interface InvitationRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  patient_id: string;
  given_name: string;
  email: string;
  expires_at: Date;
  accepted_at: Date | null;
}

export interface SentInvitationRow {
  id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

/** Whether the patient already has a portal account. */
export async function patientHasAccount(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE clinic_id = $1 AND patient_id = $2', [
    clinicId,
    patientId,
  ]);
  return Boolean(rowCount);
}

/**
 * Whether an account exists for the email (sign-in is by email alone, so an address is taken on the whole
 * server) or for the patient.
 */
export async function accountTaken(
  db: Queryable,
  clinicId: string,
  email: string,
  patientId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM users WHERE lower(email) = lower($2) OR (clinic_id = $1 AND patient_id = $3)',
    [clinicId, email, patientId],
  );
  return Boolean(rowCount);
}

export async function insertInvitation(
  db: Queryable,
  i: {
    clinicId: string;
    patientId: string;
    email: string;
    tokenHash: string;
    createdBy: string;
    now: Date;
    expiresAt: Date;
  },
): Promise<SentInvitationRow> {
  const { rows } = await db.query<SentInvitationRow>(
    `INSERT INTO portal_invitations (clinic_id, patient_id, email, token_hash, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, email, created_at, expires_at, accepted_at`,
    [i.clinicId, i.patientId, i.email, i.tokenHash, i.createdBy, i.now, i.expiresAt],
  );
  return rows[0]!;
}

export async function invitationsOf(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<SentInvitationRow[]> {
  const { rows } = await db.query<SentInvitationRow>(
    `SELECT id, email, created_at, expires_at, accepted_at FROM portal_invitations
      WHERE clinic_id = $1 AND patient_id = $2 ORDER BY created_at DESC`,
    [clinicId, patientId],
  );
  return rows;
}

/**
 * The invitation a link's token names. The token is the only key a patient holds (their clinic is not known
 * yet), so this lookup is by token hash; the clinic and patient come from the invitation's own row.
 */
export async function invitationByToken(
  db: Queryable,
  tokenHash: string,
  forUpdate: boolean,
): Promise<InvitationRow | undefined> {
  const { rows } = await db.query<InvitationRow>(
    `SELECT i.id, i.clinic_id, c.name AS clinic_name, i.patient_id, p.given_name, i.email, i.expires_at, i.accepted_at
       FROM portal_invitations i
       JOIN clinics c ON c.id = i.clinic_id
       JOIN patients p ON p.clinic_id = i.clinic_id AND p.id = i.patient_id
      WHERE i.token_hash = $1${forUpdate ? ' FOR UPDATE OF i' : ''}`,
    [tokenHash],
  );
  return rows[0];
}

export async function insertPatientAccount(
  db: Queryable,
  a: { clinicId: string; email: string; name: string; patientId: string; passwordHash: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (clinic_id, email, name, role, patient_id, password_hash) VALUES ($1, $2, $3, 'patient', $4, $5) RETURNING id`,
    [a.clinicId, a.email, a.name, a.patientId, a.passwordHash],
  );
  return rows[0]!.id;
}

export async function markInvitationAccepted(
  db: Queryable,
  clinicId: string,
  invitationId: string,
  now: Date,
): Promise<void> {
  await db.query('UPDATE portal_invitations SET accepted_at = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    invitationId,
    now,
  ]);
}
