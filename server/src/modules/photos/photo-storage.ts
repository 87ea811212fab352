import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  maxPhotoBytesPerPatient,
  maxPhotosPerPatient,
  type PatientPhoto,
  type PhotoPurpose,
  type PhotoTiming,
} from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import { captureInstant } from '@needlepoint/core/photos/capture-date';
import type { ActiveConsents, PhotoUse } from '@needlepoint/core/photos/consent-scope';
import type { PhotoView } from '@needlepoint/core/photos/views';
import type { PoolClient } from 'pg';
import type { Database, Queryable } from '../../db/database';
import { readBlob, type BlobStore } from '../../platform/blob-store/blob-store';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { consentStatesOf } from '../consents/consents.service';
import { receivePhoto, type CleanPhoto } from './photo-image';
import { clinicTimeZone } from '../clinic/clinic.service';
import * as repo from './photos.repo';

/** What every photo use case needs: the database, the blob store and the clock. */
export interface PhotoDeps {
  db: Database;
  store: BlobStore;
  clock: Clock;
}

/** An upload as the route hands it over: the body stream and what its headers declared. */
export interface PhotoUpload {
  body: Readable;
  declaredType: string | undefined;
  declaredLength: number | undefined;
}

export const toPhoto = (r: repo.PhotoRow): PatientPhoto => ({
  id: r.id,
  purpose: r.purpose,
  area: r.area,
  view: r.view,
  contentType: r.content_type,
  byteSize: r.byte_size,
  width: r.width,
  height: r.height,
  takenAt: r.taken_at.toISOString(),
  capturedAt: r.captured_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  appointmentId: r.appointment_id,
  timing: r.timing,
  checkInId: r.check_in_id,
  scopes: r.scopes,
});

const extensionOf: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
export const blobKeysOf = (clinicId: string, photoId: string, contentType: string) => ({
  image: `photos/${clinicId}/${photoId}.${extensionOf[contentType] ?? 'bin'}`,
  thumbnail: `photos/${clinicId}/${photoId}-thumb.jpg`,
});

/** The photo consents a patient holds now (latest signature of the kind not revoked). */
export async function activePhotoConsents(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<ActiveConsents> {
  const states = await consentStatesOf(client, clinicId, patientId);
  return new Set(
    states
      .filter((s) => s.state === 'signed' || s.state === 'needs-re-consent')
      .map((s) => s.kind)
      .filter((k) => k.startsWith('photo-')),
  ) as ActiveConsents;
}

export function requireClinicalConsent(consents: ActiveConsents, forPatient: boolean): void {
  if (!consents.has('photo-clinical'))
    throw new DomainError(
      'PHOTO_CONSENT_REQUIRED',
      forPatient
        ? 'Photos for your clinical record need your photo consent first (Consent forms)'
        : 'Clinical photos need the patient’s photo consent first',
    );
}

/** Refuses a photo beyond the patient's own quota (count or bytes). Locks the patient: concurrent uploads queue. */
export async function checkQuota(client: Queryable, clinicId: string, patientId: string, adding: number) {
  await repo.lockPatient(client, clinicId, patientId);
  const used = await repo.patientUsage(client, clinicId, patientId);
  if (used.photos + 1 > maxPhotosPerPatient || used.bytes + adding > maxPhotoBytesPerPatient) {
    throw new DomainError(
      'PHOTO_QUOTA_EXCEEDED',
      `You can keep up to ${maxPhotosPerPatient} photos (${maxPhotoBytesPerPatient / 1024 / 1024} MB); remove one first`,
      { details: { ...used, maxPhotos: maxPhotosPerPatient, maxBytes: maxPhotoBytesPerPatient } },
    );
  }
}

/**
 * Stores a photo a patient adds to their own clinical record. Their clinical photo consent is checked before the
 * upload is read, so they are told at once, and again with their quota inside the write, after `check`.
 */
export async function storePatientPhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  meta: Omit<PhotoMeta, 'scopes'>,
  upload: PhotoUpload,
  check: (client: PoolClient) => Promise<void> = async () => undefined,
): Promise<PatientPhoto> {
  requireClinicalConsent(await activePhotoConsents(deps.db.pool, actor.clinicId, patientId), true);
  return storePhoto(
    deps,
    actor,
    patientId,
    { ...meta, scopes: ['clinical-record'] },
    upload,
    async (client, clean) => {
      await check(client);
      requireClinicalConsent(await activePhotoConsents(client, actor.clinicId, patientId), true);
      await checkQuota(client, actor.clinicId, patientId, clean.image.length);
    },
  );
}

export interface PhotoMeta {
  purpose: PhotoPurpose;
  area: string;
  view: PhotoView | null;
  appointmentId: string | null;
  timing: PhotoTiming | null;
  checkInId: string | null;
  scopes: PhotoUse[];
}

/**
 * Receives, cleans and stores one photo. The files go to the blob store first under the new photo's id, then the
 * row is written in one transaction with `check` (consent, quota, ownership) and the audit event; if anything
 * fails after the files were written they are removed, so there is never a file without a row or a row without
 * its file.
 */
export async function storePhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  meta: PhotoMeta,
  upload: PhotoUpload,
  check: (client: PoolClient, clean: CleanPhoto) => Promise<void>,
): Promise<PatientPhoto> {
  const clean = await receivePhoto(upload.body, upload);
  const id = randomUUID();
  const keys = blobKeysOf(actor.clinicId, id, clean.contentType);
  const removeFiles = () =>
    Promise.all([deps.store.remove(keys.image), deps.store.remove(keys.thumbnail)]).catch(() => undefined);
  try {
    await deps.store.put(keys.image, clean.image, clean.contentType);
    await deps.store.put(keys.thumbnail, clean.thumbnail, 'image/jpeg');
  } catch {
    await removeFiles();
    throw new DomainError('PHOTO_STORAGE_UNAVAILABLE', 'Photos cannot be stored right now; try again later');
  }
  try {
    return await deps.db.transaction(async (client) => {
      await check(client, clean);
      const now = deps.clock.now();
      const capturedAt = captureInstant(
        clean.exifDate.dateTime,
        clean.exifDate.offset,
        await clinicTimeZone(client, actor.clinicId),
        now,
      );
      const row = await repo.insertPhoto(client, {
        id,
        clinicId: actor.clinicId,
        patientId,
        ...meta,
        contentType: clean.contentType,
        byteSize: clean.image.length,
        width: clean.width,
        height: clean.height,
        sha256: clean.sha256,
        blobKey: keys.image,
        thumbnailKey: keys.thumbnail,
        takenAt: capturedAt ?? now.toISOString(),
        capturedAt,
        uploadedBy: actor.userId,
      });
      await recordAudit(client, actor, {
        action: 'photo.uploaded',
        entityType: 'photo',
        entityId: id,
        patientId,
        details: {
          purpose: meta.purpose,
          area: meta.area,
          view: meta.view,
          bytes: clean.image.length,
          uploadedBytes: clean.uploadedBytes,
        },
      });
      return toPhoto(row);
    });
  } catch (error) {
    await removeFiles();
    throw error;
  }
}

/** The bytes of a stored photo (or its thumbnail), from the blob store or, before the mover ran, the database. */
export async function photoBytes(
  deps: PhotoDeps,
  clinicId: string,
  row: repo.PhotoRow,
  size: 'full' | 'thumbnail',
): Promise<{ contentType: string; content: Buffer }> {
  const key = size === 'thumbnail' && row.thumbnail_key ? row.thumbnail_key : row.blob_key;
  const contentType = key === row.thumbnail_key ? 'image/jpeg' : row.content_type;
  const content = key
    ? await readBlob(deps.store, key)
    : await repo.findPhotoContent(deps.db.pool, clinicId, row.id);
  if (!content) throw new DomainError('PHOTO_STORAGE_UNAVAILABLE', 'This photo’s file cannot be found');
  return { contentType, content };
}
