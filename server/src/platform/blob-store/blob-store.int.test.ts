import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../testing/s3';
import { createFolderBlobStore, readBlob, type BlobStore } from './blob-store';

let s3: TestS3;
let folder: string;
const backends: Record<string, () => BlobStore> = {};

beforeAll(async () => {
  s3 = await startTestS3();
  folder = await mkdtemp(join(tmpdir(), 'needlepoint-blobs-'));
  backends.folder = () => createFolderBlobStore(folder);
  backends.s3 = () => s3.store;
});
afterAll(async () => {
  await s3.close();
  await rm(folder, { recursive: true, force: true });
});

describe.each(['folder', 's3'])('blob store: %s', (kind) => {
  const store = () => backends[kind]!();
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));

  it('keeps a file and gives back the same bytes', async () => {
    await store().put('photos/clinic-a/one.jpg', bytes, 'image/jpeg');
    expect(Buffer.compare((await readBlob(store(), 'photos/clinic-a/one.jpg'))!, bytes)).toBe(0);
    expect(store().kind).toBe(kind);
  });

  it('replaces a file whole when the same key is put again', async () => {
    await store().put('photos/clinic-a/two.jpg', bytes, 'image/jpeg');
    await store().put('photos/clinic-a/two.jpg', Buffer.from('second'), 'image/jpeg');
    expect((await readBlob(store(), 'photos/clinic-a/two.jpg'))!.toString()).toBe('second');
  });

  it('answers null for a missing key, and removing one twice is no error', async () => {
    expect(await store().read('photos/clinic-a/none.jpg')).toBeNull();
    await store().put('photos/clinic-a/three.jpg', bytes, 'image/jpeg');
    await store().remove('photos/clinic-a/three.jpg');
    await store().remove('photos/clinic-a/three.jpg');
    expect(await store().read('photos/clinic-a/three.jpg')).toBeNull();
  });

  it.each(['../escape.jpg', '/absolute.jpg', 'photos//double.jpg', 'photos/a b.jpg'])(
    'refuses the key %s',
    async (key) => {
      await expect(store().put(key, bytes, 'image/jpeg')).rejects.toThrow(/Invalid blob key/);
    },
  );
});

it('leaves no temporary files behind in the folder store', async () => {
  const files = await readdir(join(folder, 'photos', 'clinic-a'));
  expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
  expect(files).toContain('one.jpg');
});
