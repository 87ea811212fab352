import type { TreatmentRecordDraft } from '@needlepoint/core/treatment/record';
import type { Queryable } from '../../db/database';

export interface ScreeningOverride {
  screeningId: string;
  reason: string;
  by: string;
  byName: string;
  at: string;
}

export interface RecordRow {
  id: string;
  appointment_id: string;
  patient_id: string;
  patient_name: string;
  provider_id: string;
  provider_name: string;
  appointment_start: Date;
  plan_id: string | null;
  plan_name: string | null;
  session_number: number | null;
  modality: 'mechanical' | 'rf';
  status: 'draft' | 'signed';
  version: number;
  draft: TreatmentRecordDraft;
  screening_id: string | null;
  screening_override: ScreeningOverride | null;
  prefilled_from: { planId?: string | null; lastRecordId?: string | null };
  signed_at: Date | null;
  signed_by: string | null;
  signed_by_name: string | null;
  updated_at: Date;
}

const recordSelect = `SELECT r.id, r.appointment_id, r.patient_id, p.given_name || ' ' || p.family_name AS patient_name,
    r.provider_id, u.name AS provider_name, a.starts_at AS appointment_start, r.plan_id, tp.plan->>'name' AS plan_name,
    a.session_number, r.modality, r.status, r.version, r.draft, r.screening_id, r.screening_override, r.prefilled_from,
    r.signed_at, r.signed_by, s.name AS signed_by_name, r.updated_at
  FROM treatment_records r
  JOIN appointments a ON a.id = r.appointment_id
  JOIN patients p ON p.id = r.patient_id
  JOIN users u ON u.id = r.provider_id
  LEFT JOIN users s ON s.id = r.signed_by
  LEFT JOIN treatment_plans tp ON tp.id = r.plan_id`;

export async function findRecord(
  db: Queryable,
  clinicId: string,
  id: string,
  lock = false,
): Promise<RecordRow | undefined> {
  const { rows } = await db.query<RecordRow>(
    `${recordSelect} WHERE r.clinic_id = $1 AND r.id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
    [clinicId, id],
  );
  return rows[0];
}

export async function recordIdForAppointment(
  db: Queryable,
  clinicId: string,
  appointmentId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM treatment_records WHERE clinic_id = $1 AND appointment_id = $2',
    [clinicId, appointmentId],
  );
  return rows[0]?.id;
}

/** The patient's latest signed record before this one: what the next session is pre-filled from. */
export async function lastSignedRecord(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<{ id: string; draft: TreatmentRecordDraft } | undefined> {
  const { rows } = await db.query<{ id: string; draft: TreatmentRecordDraft }>(
    `SELECT id, draft FROM treatment_records WHERE clinic_id = $1 AND patient_id = $2 AND status = 'signed'
     ORDER BY signed_at DESC LIMIT 1`,
    [clinicId, patientId],
  );
  return rows[0];
}

export interface NewRecord {
  clinicId: string;
  appointmentId: string;
  patientId: string;
  providerId: string;
  planId: string | null;
  modality: 'mechanical' | 'rf';
  draft: TreatmentRecordDraft;
  screeningId: string | null;
  prefilledFrom: { planId: string | null; lastRecordId: string | null };
  createdBy: string;
}

/** One record per appointment: a second open of the same appointment inserts nothing and returns undefined. */
export async function insertRecord(db: Queryable, r: NewRecord): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO treatment_records (clinic_id, appointment_id, patient_id, provider_id, plan_id, modality, draft,
       screening_id, prefilled_from, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (appointment_id) DO NOTHING RETURNING id`,
    [
      r.clinicId,
      r.appointmentId,
      r.patientId,
      r.providerId,
      r.planId,
      r.modality,
      JSON.stringify(r.draft),
      r.screeningId,
      JSON.stringify(r.prefilledFrom),
      r.createdBy,
    ],
  );
  return rows[0]?.id;
}

/** Saves the draft only if it is still at `expectedVersion` and unsigned; returns the new version or null. */
export async function saveDraft(
  db: Queryable,
  clinicId: string,
  id: string,
  expectedVersion: number,
  draft: TreatmentRecordDraft,
): Promise<number | null> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE treatment_records SET draft = $4, version = version + 1, updated_at = now()
     WHERE clinic_id = $1 AND id = $2 AND version = $3 AND status = 'draft' RETURNING version`,
    [clinicId, id, expectedVersion, JSON.stringify(draft)],
  );
  return rows[0]?.version ?? null;
}

export async function setScreening(
  db: Queryable,
  clinicId: string,
  id: string,
  screeningId: string,
): Promise<void> {
  await db.query(
    `UPDATE treatment_records SET screening_id = $3, updated_at = now() WHERE clinic_id = $1 AND id = $2 AND status = 'draft'`,
    [clinicId, id, screeningId],
  );
}

export async function setOverride(
  db: Queryable,
  clinicId: string,
  id: string,
  override: ScreeningOverride,
): Promise<void> {
  await db.query(
    `UPDATE treatment_records SET screening_override = $3, updated_at = now() WHERE clinic_id = $1 AND id = $2 AND status = 'draft'`,
    [clinicId, id, JSON.stringify(override)],
  );
}

export interface RecordLot {
  lotId: string | null;
  productName: string;
  gtin: string | null;
  lot: string;
  expiry: string | null;
  quantity: number;
}

export async function replaceLots(
  db: Queryable,
  clinicId: string,
  recordId: string,
  patientId: string,
  lots: readonly RecordLot[],
): Promise<void> {
  await db.query('DELETE FROM treatment_record_lots WHERE clinic_id = $1 AND record_id = $2', [
    clinicId,
    recordId,
  ]);
  if (lots.length === 0) return;
  await db.query(
    `INSERT INTO treatment_record_lots (clinic_id, record_id, patient_id, lot_id, product_name, gtin, lot, expiry, quantity)
     SELECT $1, $2, $3, x.lot_id, x.product_name, x.gtin, x.lot, x.expiry, x.quantity
       FROM jsonb_to_recordset($4::jsonb) AS x(lot_id uuid, product_name text, gtin text, lot text, expiry date, quantity int)`,
    [
      clinicId,
      recordId,
      patientId,
      JSON.stringify(
        lots.map((l) => ({
          lot_id: l.lotId,
          product_name: l.productName,
          gtin: l.gtin,
          lot: l.lot,
          expiry: l.expiry,
          quantity: l.quantity,
        })),
      ),
    ],
  );
}

export async function signRecord(
  db: Queryable,
  clinicId: string,
  id: string,
  expectedVersion: number,
  by: string,
): Promise<{ version: number; signed_at: Date } | undefined> {
  const { rows } = await db.query<{ version: number; signed_at: Date }>(
    `UPDATE treatment_records SET status = 'signed', signed_at = now(), signed_by = $4, version = version + 1,
       updated_at = now()
     WHERE clinic_id = $1 AND id = $2 AND version = $3 AND status = 'draft' RETURNING version, signed_at`,
    [clinicId, id, expectedVersion, by],
  );
  return rows[0];
}

export interface AddendumRow {
  id: string;
  text: string;
  signed_by: string;
  signed_by_name: string;
  signed_at: Date;
}

export async function listAddenda(db: Queryable, clinicId: string, recordId: string): Promise<AddendumRow[]> {
  const { rows } = await db.query<AddendumRow>(
    `SELECT d.id, d.text, d.signed_by, u.name AS signed_by_name, d.signed_at FROM treatment_record_addenda d
       JOIN users u ON u.id = d.signed_by WHERE d.clinic_id = $1 AND d.record_id = $2 ORDER BY d.signed_at, d.id`,
    [clinicId, recordId],
  );
  return rows;
}

export async function insertAddendum(
  db: Queryable,
  clinicId: string,
  recordId: string,
  text: string,
  by: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO treatment_record_addenda (clinic_id, record_id, text, signed_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [clinicId, recordId, text, by],
  );
  return rows[0]!.id;
}

export async function statusesInWindow(
  db: Queryable,
  clinicId: string,
  from: string,
  to: string,
): Promise<{ appointment_id: string; id: string; status: 'draft' | 'signed'; signed_at: Date | null }[]> {
  const { rows } = await db.query<{
    appointment_id: string;
    id: string;
    status: 'draft' | 'signed';
    signed_at: Date | null;
  }>(
    `SELECT r.appointment_id, r.id, r.status, r.signed_at FROM treatment_records r JOIN appointments a ON a.id = r.appointment_id
      WHERE r.clinic_id = $1 AND a.starts_at < $3 AND a.ends_at > $2 ORDER BY a.starts_at`,
    [clinicId, from, to],
  );
  return rows;
}

export async function listForPatient(db: Queryable, clinicId: string, patientId: string) {
  const { rows } = await db.query<{
    id: string;
    appointment_id: string;
    appointment_start: Date;
    status: 'draft' | 'signed';
    provider_name: string;
    signed_at: Date | null;
  }>(
    `SELECT r.id, r.appointment_id, a.starts_at AS appointment_start, r.status, u.name AS provider_name, r.signed_at
       FROM treatment_records r JOIN appointments a ON a.id = r.appointment_id JOIN users u ON u.id = r.provider_id
      WHERE r.clinic_id = $1 AND r.patient_id = $2 ORDER BY a.starts_at DESC`,
    [clinicId, patientId],
  );
  return rows;
}

/** A staff member's name as it is written on the record ('' when unknown). */
export async function staffName(db: Queryable, clinicId: string, userId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    'SELECT name FROM users WHERE clinic_id = $1 AND id = $2',
    [clinicId, userId],
  );
  return rows[0]?.name ?? '';
}
