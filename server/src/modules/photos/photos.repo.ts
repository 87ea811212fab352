import type { PatientPhoto, PhotoPurpose, PhotoTiming } from '@needlepoint/core/contracts/photos';
import type { PhotoUse } from '@needlepoint/core/photos/consent-scope';
import type { PhotoView } from '@needlepoint/core/photos/views';
import type { Queryable } from '../../db/database';

export interface PhotoRow {
  id: string;
  patient_id: string;
  purpose: PhotoPurpose;
  area: string;
  view: PhotoView | null;
  content_type: PatientPhoto['contentType'];
  byte_size: number;
  width: number | null;
  height: number | null;
  taken_at: Date;
  captured_at: Date | null;
  created_at: Date;
  appointment_id: string | null;
  timing: PhotoTiming | null;
  check_in_id: string | null;
  scopes: PhotoUse[];
  blob_key: string | null;
  thumbnail_key: string | null;
}

const columns = `id, patient_id, purpose, area, view, content_type, byte_size, width, height, taken_at, captured_at,
  created_at, appointment_id, timing, check_in_id, scopes, blob_key, thumbnail_key`;

export interface NewPhoto {
  id: string;
  clinicId: string;
  patientId: string;
  purpose: PhotoPurpose;
  area: string;
  view: PhotoView | null;
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  blobKey: string;
  thumbnailKey: string;
  takenAt: string;
  capturedAt: string | null;
  appointmentId: string | null;
  timing: PhotoTiming | null;
  checkInId: string | null;
  scopes: PhotoUse[];
  uploadedBy: string;
}

export async function insertPhoto(db: Queryable, p: NewPhoto): Promise<PhotoRow> {
  const { rows } = await db.query<PhotoRow>(
    `INSERT INTO patient_photos (id, clinic_id, patient_id, purpose, area, view, content_type, byte_size, width, height,
       sha256, blob_key, thumbnail_key, taken_at, captured_at, appointment_id, timing, check_in_id, scopes, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     RETURNING ${columns}`,
    [
      p.id,
      p.clinicId,
      p.patientId,
      p.purpose,
      p.area,
      p.view,
      p.contentType,
      p.byteSize,
      p.width,
      p.height,
      p.sha256,
      p.blobKey,
      p.thumbnailKey,
      p.takenAt,
      p.capturedAt,
      p.appointmentId,
      p.timing,
      p.checkInId,
      p.scopes,
      p.uploadedBy,
    ],
  );
  return rows[0]!;
}

/** A patient's photos (not removed), oldest taken first; `purposes` narrows them. */
export async function listPhotos(
  db: Queryable,
  clinicId: string,
  patientId: string,
  purposes?: PhotoPurpose[],
): Promise<PhotoRow[]> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${columns} FROM patient_photos
      WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL AND ($3::text[] IS NULL OR purpose = ANY ($3))
      ORDER BY taken_at, id`,
    [clinicId, patientId, purposes ?? null],
  );
  return rows;
}

export async function findPhoto(
  db: Queryable,
  clinicId: string,
  patientId: string,
  photoId: string,
): Promise<PhotoRow | undefined> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${columns} FROM patient_photos
      WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND removed_at IS NULL`,
    [clinicId, patientId, photoId],
  );
  return rows[0];
}

/** Bytes still kept in the database (a photo the mover has not reached yet). */
export async function findPhotoContent(
  db: Queryable,
  clinicId: string,
  photoId: string,
): Promise<Buffer | null> {
  const { rows } = await db.query<{ content: Buffer | null }>(
    'SELECT content FROM patient_photos WHERE clinic_id = $1 AND id = $2',
    [clinicId, photoId],
  );
  return rows[0]?.content ?? null;
}

export async function markRemoved(
  db: Queryable,
  clinicId: string,
  patientId: string,
  photoId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE patient_photos SET removed_at = now() WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND removed_at IS NULL',
    [clinicId, patientId, photoId],
  );
  return Boolean(rowCount);
}

export async function updateScopes(
  db: Queryable,
  clinicId: string,
  patientId: string,
  photoId: string,
  scopes: PhotoUse[],
): Promise<PhotoRow | undefined> {
  const { rows } = await db.query<PhotoRow>(
    `UPDATE patient_photos SET scopes = $4
      WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND removed_at IS NULL RETURNING ${columns}`,
    [clinicId, patientId, photoId, scopes],
  );
  return rows[0];
}

/** Serialises a patient's uploads (quota) by locking the patient's row. */
export async function lockPatient(db: Queryable, clinicId: string, patientId: string): Promise<void> {
  await db.query('SELECT 1 FROM patients WHERE clinic_id = $1 AND id = $2 FOR UPDATE', [clinicId, patientId]);
}

/** What the patient keeps of their own uploads (intake and check-in photos), for the quota. */
export async function patientUsage(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<{ photos: number; bytes: number }> {
  const { rows } = await db.query<{ photos: number; bytes: number }>(
    `SELECT count(*)::int AS photos, coalesce(sum(byte_size), 0)::bigint AS bytes FROM patient_photos
      WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL AND purpose IN ('intake', 'check-in')`,
    [clinicId, patientId],
  );
  return rows[0]!;
}

/** Every photo in the clinic whose own scope includes marketing (consent is checked by the caller). */
export async function listMarketingScoped(db: Queryable, clinicId: string): Promise<PhotoRow[]> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${columns} FROM patient_photos
      WHERE clinic_id = $1 AND removed_at IS NULL AND 'marketing' = ANY (scopes) ORDER BY taken_at DESC, id`,
    [clinicId],
  );
  return rows;
}

export async function findMarketingScoped(
  db: Queryable,
  clinicId: string,
  photoId: string,
): Promise<PhotoRow | undefined> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${columns} FROM patient_photos
      WHERE clinic_id = $1 AND id = $2 AND removed_at IS NULL AND 'marketing' = ANY (scopes)`,
    [clinicId, photoId],
  );
  return rows[0];
}

/** The check-in belongs to this patient (and clinic). */
export async function checkInOfPatient(
  db: Queryable,
  clinicId: string,
  patientId: string,
  checkInId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM aftercare_check_ins WHERE clinic_id = $1 AND patient_id = $2 AND id = $3',
    [clinicId, patientId, checkInId],
  );
  return Boolean(rowCount);
}

/** The session (appointment) belongs to this patient (and clinic). */
export async function appointmentOfPatient(
  db: Queryable,
  clinicId: string,
  patientId: string,
  appointmentId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM appointments WHERE clinic_id = $1 AND patient_id = $2 AND id = $3',
    [clinicId, patientId, appointmentId],
  );
  return Boolean(rowCount);
}

// The mover: photos whose bytes are still in the database.

export interface UnmovedPhoto {
  id: string;
  content_type: string;
  sha256: string;
  content: Buffer;
}

/** The next unmoved photos of a clinic, locked (another mover skips them). */
export async function lockUnmovedPhotos(
  db: Queryable,
  clinicId: string,
  limit: number,
): Promise<UnmovedPhoto[]> {
  const { rows } = await db.query<UnmovedPhoto>(
    `SELECT id, content_type, sha256, content FROM patient_photos
      WHERE clinic_id = $1 AND blob_key IS NULL ORDER BY created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [clinicId, limit],
  );
  return rows;
}

export async function markMoved(
  db: Queryable,
  clinicId: string,
  photoId: string,
  moved: { blobKey: string; thumbnailKey: string | null; width: number | null; height: number | null },
): Promise<void> {
  await db.query(
    `UPDATE patient_photos SET blob_key = $3, thumbnail_key = $4, width = $5, height = $6, content = NULL
      WHERE clinic_id = $1 AND id = $2`,
    [clinicId, photoId, moved.blobKey, moved.thumbnailKey, moved.width, moved.height],
  );
}
