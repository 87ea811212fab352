import { openDatabase } from '../main';
import { movePhotosToStore } from '../modules/photos/photo-mover';
import { createBlobStore } from '../platform/blob-store/blob-store';
import { loadConfig } from '../platform/config';

export interface PhotosIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

export const photosUsage = `usage: needlepoint photos move
  move photos still kept in the database to the photo store (PHOTO_STORE: a folder, or S3); each file is read
  back and checked against its checksum before the database copy is emptied. The app also does this on start.`;

/** `needlepoint photos move`: exit 0 when every photo is in the store, 1 when some had to stay, 2 for bad usage. */
export async function runPhotos(args: string[], io: PhotosIo): Promise<number> {
  if (args[0] !== 'move' || args.length > 1) {
    io.stderr(photosUsage);
    return 2;
  }
  const config = loadConfig(io.env);
  const { db, embedded } = await openDatabase(config);
  try {
    const report = await movePhotosToStore(db, createBlobStore(config.photoStore));
    io.stdout(`moved ${report.moved} photo(s) to the ${config.photoStore.kind} store`);
    if (report.mismatched.length) {
      io.stderr(
        `${report.mismatched.length} photo(s) left in the database: their bytes do not match their checksum (${report.mismatched.join(', ')})`,
      );
      return 1;
    }
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
