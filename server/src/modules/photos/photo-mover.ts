import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Database } from '../../db/database';
import { readBlob, type BlobStore } from '../../platform/blob-store/blob-store';
import { listClinics } from '../clinic/clinic.service';
import { makeThumbnail } from './photo-image';
import { blobKeysOf } from './photo-storage';
import * as repo from './photos.repo';

export interface MoveReport {
  moved: number;
  /** Photos left in the database because their bytes do not match their stored checksum (reported, never lost). */
  mismatched: string[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Moves photos still kept in PostgreSQL (from before the blob store) to the blob store, a few at a time. Each
 * photo's file is written, read back and checked against the row's checksum before the row's bytes are emptied,
 * in the same transaction that holds the row locked: a photo is never in neither place. Safe to run again and
 * from two processes at once (locked rows are skipped; a re-run overwrites a file the crashed run left).
 */
export async function movePhotosToStore(
  db: Database,
  store: BlobStore,
  options: { batchSize?: number } = {},
): Promise<MoveReport> {
  const report: MoveReport = { moved: 0, mismatched: [] };
  const batchSize = options.batchSize ?? 10;
  for (const { id: clinicId } of await listClinics(db.pool)) {
    for (;;) {
      const done = await db.transaction(async (client) => {
        const batch = (
          await repo.lockUnmovedPhotos(client, clinicId, batchSize + report.mismatched.length)
        ).filter((p) => !report.mismatched.includes(p.id));
        for (const photo of batch) {
          if (sha256(photo.content) !== photo.sha256) {
            report.mismatched.push(photo.id);
            continue;
          }
          const keys = blobKeysOf(clinicId, photo.id, photo.content_type);
          await store.put(keys.image, photo.content, photo.content_type);
          const stored = await readBlob(store, keys.image);
          if (!stored || sha256(stored) !== photo.sha256)
            throw new Error(`The stored copy of photo ${photo.id} does not match its checksum`);
          const thumbnail = await makeThumbnail(photo.content);
          if (thumbnail) await store.put(keys.thumbnail, thumbnail, 'image/jpeg');
          const size = await sharp(photo.content)
            .metadata()
            .then((m) => ({
              width: m.autoOrient?.width ?? m.width ?? null,
              height: m.autoOrient?.height ?? m.height ?? null,
            }))
            .catch(() => ({ width: null, height: null }));
          await repo.markMoved(client, clinicId, photo.id, {
            blobKey: keys.image,
            thumbnailKey: thumbnail ? keys.thumbnail : null,
            ...size,
          });
          report.moved++;
        }
        return batch.length === 0;
      });
      if (done) break;
    }
  }
  return report;
}
