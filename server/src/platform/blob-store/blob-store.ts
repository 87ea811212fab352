import type { PhotoStoreConfig } from '../config';
import { assertBlobKey, type BlobStore } from './blob-key';
import { createFolderBlobStore } from './folder-blob-store';
import { createS3BlobStore } from './s3-blob-store';

export { assertBlobKey, createFolderBlobStore, type BlobStore };

/** The whole file in memory (thumbnails, erythema regions, checksum checks); `null` when missing. */
export async function readBlob(store: BlobStore, key: string): Promise<Buffer | null> {
  const stream = await store.read(key);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function createBlobStore(config: PhotoStoreConfig): BlobStore {
  return config.kind === 'folder' ? createFolderBlobStore(config.dir) : createS3BlobStore(config);
}
