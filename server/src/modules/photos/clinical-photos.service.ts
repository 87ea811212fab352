import type {
  PatientPhoto,
  PhotoComparisons,
  PhotoGuide,
  PhotoTiming,
} from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import { allowedScopes, type PhotoUse } from '@needlepoint/core/photos/consent-scope';
import { guideFor, photoViews, viewGuides, type PhotoView } from '@needlepoint/core/photos/views';
import { recordAudit, type Actor } from '../../platform/audit';
import { loadRecord, readPatientPart } from '../patients/patients.service';
import {
  activePhotoConsents,
  requireClinicalConsent,
  storePatientPhoto,
  storePhoto,
  toPhoto,
  type PhotoDeps,
  type PhotoUpload,
} from './photo-storage';
import * as repo from './photos.repo';

/** A clinical photo is always part of the record; teaching and marketing are added only with their consents. */
function scopesWithin(requested: PhotoUse[], consents: Parameters<typeof allowedScopes>[0]): PhotoUse[] {
  const scopes = [...new Set<PhotoUse>(['clinical-record', ...requested])];
  const allowed = allowedScopes(consents);
  const missing = scopes.filter((s) => !allowed.includes(s));
  if (missing.length)
    throw new DomainError(
      'PHOTO_SCOPE_NOT_CONSENTED',
      `The patient has not consented to these uses of their photos: ${missing.join(', ')}`,
      { details: { missing } },
    );
  return scopes;
}

/** Staff take a standardized clinical photo, before or after a session when one is named. */
export async function uploadClinicalPhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  input: {
    area: string;
    view: PhotoView;
    appointmentId?: string | undefined;
    timing?: PhotoTiming | undefined;
    scopes: PhotoUse[];
  },
  upload: PhotoUpload,
): Promise<PatientPhoto> {
  const consentsNow = await activePhotoConsents(deps.db.pool, actor.clinicId, patientId);
  requireClinicalConsent(consentsNow, false);
  scopesWithin(input.scopes, consentsNow);
  return storePhoto(
    deps,
    actor,
    patientId,
    {
      purpose: 'clinical',
      area: input.area,
      view: input.view,
      appointmentId: input.appointmentId ?? null,
      timing: input.timing ?? null,
      checkInId: null,
      scopes: scopesWithin(input.scopes, consentsNow),
    },
    upload,
    async (client) => {
      await loadRecord(client, actor.clinicId, patientId);
      const consents = await activePhotoConsents(client, actor.clinicId, patientId);
      requireClinicalConsent(consents, false);
      scopesWithin(input.scopes, consents);
      if (
        input.appointmentId &&
        !(await repo.appointmentOfPatient(client, actor.clinicId, patientId, input.appointmentId))
      )
        throw new DomainError('NOT_FOUND', 'No such session for this patient');
    },
  );
}

/** The patient adds a photo of the treated area to one of their aftercare check-ins. */
export async function uploadCheckInPhoto(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  checkInId: string,
  input: { area: string; view: PhotoView },
  upload: PhotoUpload,
): Promise<PatientPhoto> {
  return storePatientPhoto(
    deps,
    actor,
    patientId,
    { purpose: 'check-in', area: input.area, view: input.view, appointmentId: null, timing: null, checkInId },
    upload,
    async (client) => {
      if (!(await repo.checkInOfPatient(client, actor.clinicId, patientId, checkInId)))
        throw new DomainError('NOT_FOUND', 'No such check-in');
    },
  );
}

/** The guide for the next photo of a view: the first photo of that view (faded over the camera) and how to frame. */
export async function photoGuide(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  view: PhotoView,
): Promise<PhotoGuide> {
  const audit = { action: 'photo.guide-viewed', details: { view } };
  return readPatientPart(deps.db, actor, patientId, audit, async (client) => {
    const rows = await repo.listPhotos(client, actor.clinicId, patientId, ['clinical', 'check-in']);
    const taken = rows.flatMap((r) =>
      r.view ? [{ id: r.id, view: r.view, takenAt: r.taken_at.toISOString() }] : [],
    );
    const guide = guideFor(view, taken);
    return {
      view: guide.view,
      label: guide.label,
      frame: guide.frame,
      instructions: guide.instructions,
      referencePhotoId: guide.referencePhotoId,
    };
  });
}

/** Each view with two or more photos (clinical and check-in), oldest first: before/after by view and date. */
export async function photoComparisons(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
): Promise<PhotoComparisons> {
  return readPatientPart(deps.db, actor, patientId, { action: 'photo.compared' }, async (client) => {
    const rows = await repo.listPhotos(client, actor.clinicId, patientId, ['clinical', 'check-in']);
    const views = photoViews.flatMap((view) => {
      const photos = rows.filter((r) => r.view === view).map(toPhoto);
      return photos.length >= 2 ? [{ view, label: viewGuides[view].label, photos }] : [];
    });
    return { views };
  });
}

/** Staff set which uses a photo may serve; a use needs the patient's matching consent now. */
export async function setPhotoScopes(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  photoId: string,
  requested: PhotoUse[],
): Promise<PatientPhoto> {
  return deps.db.transaction(async (client) => {
    const consents = await activePhotoConsents(client, actor.clinicId, patientId);
    const scopes = scopesWithin(requested, consents);
    const row = await repo.updateScopes(client, actor.clinicId, patientId, photoId, scopes);
    if (!row) throw new DomainError('NOT_FOUND', 'No such photo');
    await recordAudit(client, actor, {
      action: 'photo.scopes-changed',
      entityType: 'photo',
      entityId: photoId,
      patientId,
      details: { scopes },
    });
    return toPhoto(row);
  });
}
