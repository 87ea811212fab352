import type { ErythemaTrendAnswer, PhotoRegion } from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import {
  erythemaIndexMethod,
  erythemaTrend,
  meanErythemaIndex,
  type ErythemaReading,
} from '@needlepoint/core/photos/erythema';
import type { PhotoView } from '@needlepoint/core/photos/views';
import { recordAudit, type Actor } from '../../platform/audit';
import { readPatientPart } from '../patients/patients.service';
import { regionPixels } from './photo-image';
import { photoBytes, type PhotoDeps } from './photo-storage';
import * as repo from './photos.repo';

async function readingOf(
  deps: PhotoDeps,
  clinicId: string,
  row: repo.PhotoRow,
  region: PhotoRegion,
): Promise<ErythemaReading & { pixels: number }> {
  const { content } = await photoBytes(deps, clinicId, row, 'full');
  const pixels = await regionPixels(content, region);
  const result = meanErythemaIndex(
    { width: pixels.width, height: pixels.height, channels: 3, data: pixels.data },
    { x: 0, y: 0, width: pixels.width, height: pixels.height },
  );
  if (!result.ok) throw new DomainError('PHOTO_REGION_INVALID', 'Choose a region inside the photo');
  return {
    photoId: row.id,
    takenAt: row.taken_at.toISOString(),
    meanIndex: result.meanIndex,
    pixels: result.pixels,
  };
}

/** The mean erythema index of a region of one photo (relative: same camera and light only). */
export async function photoErythema(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  photoId: string,
  region: PhotoRegion,
) {
  const row = await deps.db.transaction(async (client) => {
    const found = await repo.findPhoto(client, actor.clinicId, patientId, photoId);
    if (!found) throw new DomainError('NOT_FOUND', 'No such photo');
    await recordAudit(client, actor, {
      action: 'photo.erythema-measured',
      entityType: 'photo',
      entityId: photoId,
      patientId,
      details: { region },
    });
    return found;
  });
  return { ...(await readingOf(deps, actor.clinicId, row, region)), note: erythemaIndexMethod.note };
}

/** The erythema index of the same region across the patient's aftercare check-in photos of one view. */
export async function checkInErythemaTrend(
  deps: PhotoDeps,
  actor: Actor,
  patientId: string,
  view: PhotoView,
  region: PhotoRegion,
): Promise<ErythemaTrendAnswer> {
  const audit = { action: 'photo.erythema-trend', details: { view, region } };
  const rows = await readPatientPart(deps.db, actor, patientId, audit, async (client) => {
    const found = await repo.listPhotos(client, actor.clinicId, patientId, ['check-in']);
    return found.filter((r) => r.view === view);
  });
  const readings: ErythemaReading[] = [];
  for (const row of rows) {
    const { pixels: _pixels, ...reading } = await readingOf(deps, actor.clinicId, row, region);
    readings.push(reading);
  }
  return { view, ...erythemaTrend(readings), note: erythemaIndexMethod.note };
}
