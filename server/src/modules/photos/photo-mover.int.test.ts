import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderBlobStore, readBlob, type BlobStore } from '../../platform/blob-store/blob-store';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { makePng } from '../../testing/images';
import { startTestS3, type TestS3 } from '../../testing/s3';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { movePhotosToStore } from './photo-mover';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let s3: TestS3;
let folder: string;
beforeAll(async () => {
  s3 = await startTestS3();
  folder = await mkdtemp(join(tmpdir(), 'needlepoint-mover-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
});

interface Legacy {
  id: string;
  clinicId: string;
  content: Buffer;
}

/** Intake photos as the app stored them before the blob store: bytes in `patient_photos.content`. */
async function insertLegacyPhotos(database: TestDatabase): Promise<{ photos: Legacy[]; corrupt: string }> {
  const db = database.db;
  const photos: Legacy[] = [];
  const jpeg = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#d9a08b' } })
    .jpeg()
    .toBuffer();
  for (const name of ['North', 'South']) {
    const clinicId = (await makeClinic(db, { name: `${name} clinic` })).id;
    const patientId = (await makePatient(db, clinicId)).id;
    const user = await makeUser(db, clinicId, 'patient', { patientId });
    for (const [content, type, removed] of [
      [makePng(40, 30), 'image/png', false],
      [jpeg, 'image/jpeg', false],
      [makePng(10, 10, true), 'image/png', true], // removed from view: still kept, still moved
    ] as const) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO patient_photos (clinic_id, patient_id, area, content_type, byte_size, sha256, content, uploaded_by,
           removed_at) VALUES ($1, $2, 'face', $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          clinicId,
          patientId,
          type,
          content.length,
          sha256(content),
          content,
          user.id,
          removed ? new Date() : null,
        ],
      );
      photos.push({ id: rows[0]!.id, clinicId, content });
    }
  }
  // One row whose bytes no longer match its checksum: it must stay where it is and be reported.
  const first = photos[0]!;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patient_photos (clinic_id, patient_id, area, content_type, byte_size, sha256, content, uploaded_by)
     SELECT clinic_id, patient_id, area, content_type, byte_size, repeat('0', 64), content, uploaded_by
       FROM patient_photos WHERE id = $1 RETURNING id`,
    [first.id],
  );
  return { photos, corrupt: rows[0]!.id };
}

describe.each(['folder', 's3'] as const)('moving intake photos out of PostgreSQL (%s store)', (kind) => {
  let database: TestDatabase;
  let store: BlobStore;
  let legacy: { photos: Legacy[]; corrupt: string };

  beforeAll(async () => {
    store = kind === 'folder' ? createFolderBlobStore(folder) : s3.store;
    database = await createTestDatabase({ migrateBefore: '030' });
    legacy = await insertLegacyPhotos(database);
    await database.migrateRest();
  });
  afterAll(async () => database?.drop());

  it('keeps every photo in the database through the migration itself (SQL cannot write files)', async () => {
    const { rows } = await database.db.query<{ n: number; kept: number }>(
      'SELECT count(*)::int AS n, count(content)::int AS kept FROM patient_photos WHERE blob_key IS NULL',
    );
    expect(rows[0]).toEqual({ n: 7, kept: 7 });
  });

  it('moves each photo to the store byte for byte, then empties its database copy; none lost', async () => {
    const report = await movePhotosToStore(database.db, store, { batchSize: 2 });
    expect(report).toEqual({ moved: 6, mismatched: [legacy.corrupt] });
    for (const photo of legacy.photos) {
      const { rows } = await database.db.query<{
        content: Buffer | null;
        blob_key: string;
        thumbnail_key: string;
        sha256: string;
        width: number;
      }>('SELECT content, blob_key, thumbnail_key, sha256, width FROM patient_photos WHERE id = $1', [
        photo.id,
      ]);
      const row = rows[0]!;
      expect(row.content).toBeNull();
      expect(row.blob_key).toContain(`photos/${photo.clinicId}/${photo.id}.`);
      const stored = (await readBlob(store, row.blob_key))!;
      expect(Buffer.compare(stored, photo.content)).toBe(0);
      expect(sha256(stored)).toBe(row.sha256);
      expect(await readBlob(store, row.thumbnail_key)).not.toBeNull();
      expect(row.width).toBeGreaterThan(0);
    }
    const left = await database.db.query<{ id: string; content: Buffer | null }>(
      'SELECT id, content FROM patient_photos WHERE blob_key IS NULL',
    );
    expect(left.rows.map((r) => r.id)).toEqual([legacy.corrupt]);
    expect(left.rows[0]!.content).not.toBeNull();
  });

  it('does nothing the second time', async () => {
    expect(await movePhotosToStore(database.db, store)).toEqual({ moved: 0, mismatched: [legacy.corrupt] });
  });

  it('refuses a row with its bytes in neither place', async () => {
    await expect(
      database.db.query('UPDATE patient_photos SET content = NULL WHERE id = $1', [legacy.corrupt]),
    ).rejects.toThrow(/patient_photos_stored_check/);
  });
});
