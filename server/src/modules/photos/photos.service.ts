import type { PatientPhoto, PhotoPurpose } from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import { recordAudit, type Actor } from '../../platform/audit';
import { readPatientPart } from '../patients/patients.service';
import { photoBytes, storePatientPhoto, toPhoto, type PhotoDeps, type PhotoUpload } from './photo-storage';
import * as repo from './photos.repo';

/** The patient adds an intake photo of an area of concern (needs their clinical photo consent; counts to quota). */
export async function uploadPhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  area: string,
  upload: PhotoUpload,
): Promise<PatientPhoto> {
  return storePatientPhoto(
    deps,
    actor,
    patientId,
    { purpose: 'intake', area, view: null, appointmentId: null, timing: null, checkInId: null },
    upload,
  );
}

export async function listPhotos(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  purposes?: PhotoPurpose[],
): Promise<PatientPhoto[]> {
  return readPatientPart(deps.db, actor, patientId, { action: 'photo.listed' }, async (client) => {
    const rows = await repo.listPhotos(client, actor.clinicId, patientId, purposes);
    return rows.map(toPhoto).reverse();
  });
}

export async function readPhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  photoId: string,
  size: 'full' | 'thumbnail' = 'full',
): Promise<{ contentType: string; content: Buffer }> {
  const row = await deps.db.transaction(async (client) => {
    const found = await repo.findPhoto(client, actor.clinicId, patientId, photoId);
    if (!found) throw new DomainError('NOT_FOUND', 'No such photo');
    await recordAudit(client, actor, {
      action: 'photo.viewed',
      entityType: 'photo',
      entityId: photoId,
      patientId,
      details: { size },
    });
    return found;
  });
  return photoBytes(deps, actor.clinicId, row, size);
}

/**
 * The patient removes one of their photos from view. The row and its files are kept (the audit trail names
 * them); only the patient's own uploads can be removed this way.
 */
export async function removePhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  photoId: string,
): Promise<void> {
  await deps.db.transaction(async (client) => {
    const found = await repo.findPhoto(client, actor.clinicId, patientId, photoId);
    if (!found || found.purpose === 'clinical') throw new DomainError('NOT_FOUND', 'No such photo');
    await repo.markRemoved(client, actor.clinicId, patientId, photoId);
    await recordAudit(client, actor, {
      action: 'photo.removed',
      entityType: 'photo',
      entityId: photoId,
      patientId,
    });
  });
}
