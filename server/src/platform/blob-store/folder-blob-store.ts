import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore } from './blob-key';

/**
 * Files in a folder (default DATA_DIR/photos). A put writes a temporary file, flushes it to disk and renames it
 * over the key, so a crash leaves either the old file or the new one, never half of one.
 */
export function createFolderBlobStore(dir: string): BlobStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    assertBlobKey(key);
    return join(root, key);
  };
  return {
    kind: 'folder',
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
      try {
        const file = await open(temporary, 'wx', 0o600);
        try {
          await file.writeFile(body);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async read(key): Promise<Readable | null> {
      const path = pathOf(key);
      const stream = createReadStream(path);
      return new Promise((done, fail) => {
        stream.once('open', () => done(stream));
        stream.once('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ENOENT' ? done(null) : fail(error),
        );
      });
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
