import type { Readable } from 'node:stream';

/**
 * Where large files (photos and their thumbnails) live: outside PostgreSQL, which keeps their metadata and
 * checksums. Keys are paths such as `photos/<clinic>/<photo>.jpg`; a put of an existing key replaces it whole
 * (a reader never sees half a file).
 */
export interface BlobStore {
  readonly kind: 'folder' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file as a stream; `null` when no file has that key. */
  read(key: string): Promise<Readable | null>;
  /** Removes the file; a missing key is not an error. */
  remove(key: string): Promise<void>;
}

/** Keys are plain relative paths: no `..`, no leading slash, only these characters. */
export function assertBlobKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9._/-]*$/i.test(key) || key.split('/').some((part) => part === '..' || part === ''))
    throw new Error(`Invalid blob key ${JSON.stringify(key)}`);
}
