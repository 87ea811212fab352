import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderBlobStore, readBlob, type BlobStore } from '../../platform/blob-store/blob-store';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { makePng } from '../../testing/images';
import { makeCheckIn, signPhotoConsent } from '../../testing/photos';
import { startTestS3, type TestS3 } from '../../testing/s3';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** Every file under a folder (the folder store's root, or the S3 server's own folder). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A real JPEG cut off after its first 600 bytes. */
const truncatedJpeg = (
  await sharp({ create: { width: 300, height: 300, channels: 3, background: '#c88' } })
    .jpeg()
    .toBuffer()
).subarray(0, 600);

let s3: TestS3;
let folder: string;
beforeAll(async () => {
  s3 = await startTestS3();
  folder = await mkdtemp(join(tmpdir(), 'needlepoint-photo-store-'));
});
afterAll(async () => {
  await s3?.close();
  await rm(folder, { recursive: true, force: true });
});

describe.each(['folder', 's3'] as const)('photo uploads on the %s store', (kind) => {
  let t: TestApp;
  let store: BlobStore;
  let storeFolder: string;
  let portal: string;
  let provider: string;
  let patientId: string;
  let checkInId: string;

  beforeAll(async () => {
    store = kind === 'folder' ? createFolderBlobStore(folder) : s3.store;
    storeFolder = kind === 'folder' ? folder : s3.directory;
    t = await createTestApp({ photoStore: store });
    const clinicId = (await makeClinic(t.database.db, { timeZone: 'Europe/Madrid' })).id;
    patientId = (await makePatient(t.database.db, clinicId)).id;
    const patientUser = await makeUser(t.database.db, clinicId, 'patient', { patientId });
    const providerUser = await makeUser(t.database.db, clinicId, 'provider');
    portal = await signInCookie(t.app, patientUser);
    provider = await signInCookie(t.app, providerUser);
    await signPhotoConsent(t.app, portal);
    ({ checkInId } = await makeCheckIn(t.database.db, {
      clinicId,
      patientId,
      providerId: providerUser.id,
      patientUserId: patientUser.id,
      at: '2026-11-03T10:00:00Z',
    }));
  });
  afterAll(async () => t?.close());

  const uploadClinical = (body: Buffer, type: string, query = 'area=face&view=face-front') =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/clinical-photos?${query}`,
      headers: { cookie: provider, 'content-type': type },
      payload: body,
    });
  const rowCount = async () =>
    (await t.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patient_photos')).rows[0]!.n;

  it('stores the cleaned photo and its thumbnail in the store, and only metadata and the checksum in PostgreSQL', async () => {
    // A 12-megapixel-like phone photo, small here: sideways with an orientation tag and a capture date.
    const original = await sharp({
      create: { width: 900, height: 600, channels: 3, background: { r: 210, g: 150, b: 130 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD2: { DateTimeOriginal: '2026:11:01 09:30:00' } })
      .toBuffer();
    const uploaded = await uploadClinical(original, 'image/jpeg');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const photo = uploaded.json();
    // Orientation applied; the capture date kept (Madrid wall clock, UTC+1 in November).
    expect(photo).toMatchObject({
      purpose: 'clinical',
      view: 'face-front',
      width: 600,
      height: 900,
      capturedAt: '2026-11-01T08:30:00.000Z',
      takenAt: '2026-11-01T08:30:00.000Z',
      scopes: ['clinical-record'],
    });
    const row = (
      await t.database.db.query<{
        content: Buffer | null;
        sha256: string;
        blob_key: string;
        thumbnail_key: string;
      }>('SELECT content, sha256, blob_key, thumbnail_key FROM patient_photos WHERE id = $1', [photo.id])
    ).rows[0]!;
    expect(row.content).toBeNull();
    const stored = (await readBlob(store, row.blob_key))!;
    expect(createHash('sha256').update(stored).digest('hex')).toBe(row.sha256);
    expect(stored.includes('PhoneMaker')).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    const thumbnail = await sharp((await readBlob(store, row.thumbnail_key))!).metadata();
    expect(Math.max(thumbnail.width, thumbnail.height)).toBeLessThanOrEqual(480);
    // Served back through the API, full and thumbnail.
    const full = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}/photos/${photo.id}`,
      headers: { cookie: provider },
    });
    expect(Buffer.compare(full.rawPayload, stored)).toBe(0);
    const thumb = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientId}/photos/${photo.id}?size=thumbnail`,
      headers: { cookie: provider },
    });
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length);
  });

  const jpegHead = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  /** A PNG header that claims 30000 x 30000 pixels (900 megapixels) in a few bytes. */
  const pixelBomb = (() => {
    const png = makePng(8, 8);
    png.writeUInt32BE(30_000, 16);
    png.writeUInt32BE(30_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29); // the header chunk's checksum, so only its size is wrong
    return png;
  })();
  it.each([
    [
      'a huge file (over 20 MB)',
      Buffer.alloc(21 * 1024 * 1024, 0xff),
      'image/jpeg',
      413,
      'REQUEST_TOO_LARGE',
    ],
    ['a huge image (900 megapixels)', pixelBomb, 'image/png', 413, 'PHOTO_TOO_MANY_PIXELS'],
    [
      'a non-image',
      Buffer.from('%PDF-1.7 not a photo at all'),
      'application/octet-stream',
      400,
      'PHOTO_NOT_AN_IMAGE',
    ],
    ['an empty body', Buffer.alloc(0), 'image/jpeg', 400, 'PHOTO_NOT_AN_IMAGE'],
    [
      'a corrupt JPEG',
      Buffer.concat([jpegHead, Buffer.alloc(4000, 0x42)]),
      'image/jpeg',
      400,
      'PHOTO_CORRUPT',
    ],
    ['a truncated JPEG', truncatedJpeg, 'image/jpeg', 400, 'PHOTO_CORRUPT'],
    [
      'a GIF (not a type we take)',
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      'application/octet-stream',
      415,
      'PHOTO_TYPE_UNSUPPORTED',
    ],
    ['a PNG sent as a JPEG', makePng(16, 16), 'image/jpeg', 415, 'PHOTO_TYPE_MISMATCH'],
    [
      'a GIF declared as image/gif',
      Buffer.from('GIF89a'),
      'image/gif',
      415,
      'REQUEST_CONTENT_TYPE_UNSUPPORTED',
    ],
  ])('refuses %s with a clear code and keeps nothing', async (name, body, type, status, code) => {
    const filesBefore = await filesUnder(storeFolder);
    const rowsBefore = await rowCount();
    const response = await uploadClinical(body, type);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/); // no ids meant for people
    expect(await filesUnder(storeFolder)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('removes the stored files when the row cannot be written (unknown check-in): no orphan file', async () => {
    const filesBefore = await filesUnder(storeFolder);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/portal/check-ins/00000000-0000-4000-8000-000000000000/photos?area=face&view=face-front',
      headers: { cookie: portal, 'content-type': 'image/png' },
      payload: makePng(64, 64),
    });
    expect(response.statusCode).toBe(404);
    expect(await filesUnder(storeFolder)).toEqual(filesBefore);
  });

  it('lets the patient attach a photo to their own check-in', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/portal/check-ins/${checkInId}/photos?area=face&view=face-front`,
      headers: { cookie: portal, 'content-type': 'image/png' },
      payload: makePng(64, 64),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ purpose: 'check-in', checkInId, view: 'face-front' });
    const row = (
      await t.database.db.query<{ blob_key: string }>('SELECT blob_key FROM patient_photos WHERE id = $1', [
        response.json().id,
      ])
    ).rows[0]!;
    expect(await readBlob(store, row.blob_key)).not.toBeNull();
  });
});
