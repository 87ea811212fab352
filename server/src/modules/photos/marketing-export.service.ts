import type { z } from 'zod';
import type { MarketingExport, MarketingPhoto } from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import { mayUsePhoto, photosFor, type ActiveConsents } from '@needlepoint/core/photos/consent-scope';
import type { Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import { activePhotoConsents, photoBytes, type PhotoDeps } from './photo-storage';
import * as repo from './photos.repo';

/** Each patient's active photo consents, read once per patient. */
async function consentsByPatient(
  client: Queryable,
  clinicId: string,
  patientIds: string[],
): Promise<Map<string, ActiveConsents>> {
  const consents = new Map<string, ActiveConsents>();
  for (const id of new Set(patientIds)) consents.set(id, await activePhotoConsents(client, clinicId, id));
  return consents;
}

const toMarketingPhoto = (r: repo.PhotoRow): z.infer<typeof MarketingPhoto> => ({
  id: r.id,
  area: r.area as Area,
  view: r.view,
  takenAt: r.taken_at.toISOString(),
  contentType: r.content_type,
  imageUrl: `/api/photo-exports/marketing/${r.id}`,
});

/**
 * The marketing export: only photos whose own scope includes marketing AND whose patient holds the marketing photo
 * consent at this moment (checked on every call, so a revocation hides the photo at once). No names or records.
 */
export async function marketingExport(
  deps: PhotoDeps,
  actor: Actor,
): Promise<z.infer<typeof MarketingExport>> {
  return deps.db.transaction(async (client) => {
    const scoped = await repo.listMarketingScoped(client, actor.clinicId);
    const consents = await consentsByPatient(
      client,
      actor.clinicId,
      scoped.map((r) => r.patient_id),
    );
    const photos = photosFor(
      scoped.map((r) => ({ ...r, patientId: r.patient_id })),
      'marketing',
      (id) => consents.get(id) ?? new Set(),
    );
    for (const photo of photos)
      await recordAudit(client, actor, {
        action: 'photo.marketing-exported',
        entityType: 'photo',
        entityId: photo.id,
        patientId: photo.patient_id,
      });
    return { photos: photos.map(toMarketingPhoto) };
  });
}

/** One photo of the marketing export, with the same check as the list at the moment it is fetched. */
export async function readMarketingPhoto(
  deps: PhotoDeps,
  actor: Actor,
  photoId: string,
): Promise<{ contentType: string; content: Buffer }> {
  const row = await deps.db.transaction(async (client) => {
    const found = await repo.findMarketingScoped(client, actor.clinicId, photoId);
    const consents = found ? await activePhotoConsents(client, actor.clinicId, found.patient_id) : null;
    if (
      !found ||
      !consents ||
      !mayUsePhoto({ id: found.id, patientId: found.patient_id, scopes: found.scopes }, 'marketing', consents)
    )
      throw new DomainError('NOT_FOUND', 'No such photo in the marketing export');
    await recordAudit(client, actor, {
      action: 'photo.marketing-viewed',
      entityType: 'photo',
      entityId: photoId,
      patientId: found.patient_id,
    });
    return found;
  });
  return photoBytes(deps, actor.clinicId, row, 'full');
}
