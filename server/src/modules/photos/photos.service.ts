import { createHash } from 'node:crypto';
import type { photoContentTypes } from '@needlepoint/core/contracts/photos';
import sharp from 'sharp';
import {
  maxPhotoBytes,
  maxPhotoBytesPerPatient,
  maxPhotosPerPatient,
  type PatientPhoto,
} from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import { loadRecord } from '../patients/patients.service';

type ContentType = (typeof photoContentTypes)[number];

/** The image type its first bytes say, whatever the upload claimed. */
function sniff(bytes: Buffer): ContentType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (
    bytes.length > 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

interface PhotoRow {
  id: string;
  area: string;
  content_type: ContentType;
  byte_size: number;
  created_at: Date;
}

const toPhoto = (r: PhotoRow): PatientPhoto => ({
  id: r.id,
  area: r.area,
  contentType: r.content_type,
  byteSize: r.byte_size,
  createdAt: r.created_at.toISOString(),
});

/** Clinical-record photos need the patient's current clinical photo consent (signed and not withdrawn). */
async function hasClinicalPhotoConsent(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<boolean> {
  const { rows } = await client.query<{ revoked: boolean }>(
    `SELECT r.id IS NOT NULL AS revoked FROM consent_signatures s LEFT JOIN consent_revocations r ON r.signature_id = s.id
      WHERE s.clinic_id = $1 AND s.patient_id = $2 AND s.kind = 'photo-clinical' ORDER BY s.signed_at DESC LIMIT 1`,
    [clinicId, patientId],
  );
  return rows[0] !== undefined && !rows[0].revoked;
}

/** Decoding stops above this many pixels (a small file can claim a huge image). */
const maxPixels = 50_000_000;

/**
 * Re-encodes the photo in its own format with the camera's orientation applied, so nothing of the original
 * file's metadata survives: no EXIF, no GPS position, no camera serial, no embedded thumbnail.
 */
async function cleanPhoto(bytes: Buffer, type: ContentType): Promise<Buffer> {
  try {
    const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    const encoded =
      type === 'image/jpeg'
        ? image.jpeg({ quality: 90, mozjpeg: false })
        : type === 'image/png'
          ? image.png()
          : image.webp({ quality: 90 });
    return await encoded.toBuffer();
  } catch {
    throw new DomainError('PHOTO_INVALID', 'The photo could not be read; send a JPEG, PNG or WebP photo');
  }
}

/** Refuses a photo beyond the patient's quota (count or bytes). Locks the patient: concurrent uploads queue. */
async function checkQuota(client: Queryable, clinicId: string, patientId: string, adding: number) {
  await client.query('SELECT 1 FROM patients WHERE clinic_id = $1 AND id = $2 FOR UPDATE', [
    clinicId,
    patientId,
  ]);
  const { rows } = await client.query<{ photos: number; bytes: string }>(
    `SELECT count(*)::int AS photos, coalesce(sum(byte_size), 0)::bigint AS bytes FROM patient_photos
      WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL`,
    [clinicId, patientId],
  );
  const used = { photos: rows[0]!.photos, bytes: Number(rows[0]!.bytes) };
  if (used.photos + 1 > maxPhotosPerPatient || used.bytes + adding > maxPhotoBytesPerPatient) {
    throw new DomainError(
      'PHOTO_QUOTA_EXCEEDED',
      `You can keep up to ${maxPhotosPerPatient} photos (${maxPhotoBytesPerPatient / 1024 / 1024} MB); remove one first`,
      { details: { ...used, maxPhotos: maxPhotosPerPatient, maxBytes: maxPhotoBytesPerPatient } },
    );
  }
}

export async function uploadPhoto(
  db: Database,
  actor: Actor,
  patientId: string,
  area: string,
  bytes: Buffer,
): Promise<PatientPhoto> {
  if (bytes.length === 0) throw new DomainError('PHOTO_INVALID', 'The photo is empty');
  if (bytes.length > maxPhotoBytes)
    throw new DomainError('REQUEST_TOO_LARGE', `A photo can be at most ${maxPhotoBytes / 1024 / 1024} MB`);
  const contentType = sniff(bytes);
  if (!contentType) throw new DomainError('PHOTO_INVALID', 'Send a JPEG, PNG or WebP photo');
  const cleaned = await cleanPhoto(bytes, contentType);
  return db.transaction(async (client) => {
    if (!(await hasClinicalPhotoConsent(client, actor.clinicId, patientId))) {
      throw new DomainError(
        'PHOTO_CONSENT_REQUIRED',
        'Photos for your clinical record need your photo consent first (Consent forms)',
      );
    }
    await checkQuota(client, actor.clinicId, patientId, cleaned.length);
    const { rows } = await client.query<PhotoRow>(
      `INSERT INTO patient_photos (clinic_id, patient_id, area, content_type, byte_size, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, area, content_type, byte_size, created_at`,
      [
        actor.clinicId,
        patientId,
        area,
        contentType,
        cleaned.length,
        createHash('sha256').update(cleaned).digest('hex'),
        cleaned,
        actor.userId,
      ],
    );
    await recordAudit(client, actor, {
      action: 'photo.uploaded',
      entityType: 'photo',
      entityId: rows[0]!.id,
      patientId,
      details: { area, bytes: cleaned.length, uploadedBytes: bytes.length },
    });
    return toPhoto(rows[0]!);
  });
}

export async function listPhotos(db: Database, actor: Actor, patientId: string): Promise<PatientPhoto[]> {
  return db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, patientId);
    const { rows } = await client.query<PhotoRow>(
      'SELECT id, area, content_type, byte_size, created_at FROM patient_photos WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL ORDER BY created_at DESC',
      [actor.clinicId, patientId],
    );
    await recordAudit(client, actor, {
      action: 'photo.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
    return rows.map(toPhoto);
  });
}

export async function readPhoto(
  db: Database,
  actor: Actor,
  patientId: string,
  photoId: string,
): Promise<{ contentType: string; content: Buffer }> {
  return db.transaction(async (client) => {
    const { rows } = await client.query<{ content_type: string; content: Buffer }>(
      'SELECT content_type, content FROM patient_photos WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND removed_at IS NULL',
      [actor.clinicId, patientId, photoId],
    );
    if (!rows[0]) throw new DomainError('NOT_FOUND', 'No such photo');
    await recordAudit(client, actor, {
      action: 'photo.viewed',
      entityType: 'photo',
      entityId: photoId,
      patientId,
    });
    return { contentType: rows[0].content_type, content: rows[0].content };
  });
}

export async function removePhoto(
  db: Database,
  actor: Actor,
  patientId: string,
  photoId: string,
): Promise<void> {
  await db.transaction(async (client) => {
    const { rowCount } = await client.query(
      'UPDATE patient_photos SET removed_at = now() WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND removed_at IS NULL',
      [actor.clinicId, patientId, photoId],
    );
    if (!rowCount) throw new DomainError('NOT_FOUND', 'No such photo');
    await recordAudit(client, actor, {
      action: 'photo.removed',
      entityType: 'photo',
      entityId: photoId,
      patientId,
    });
  });
}
