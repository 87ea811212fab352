import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import exifr from 'exifr';
import pLimit from 'p-limit';
import sharp, { type Metadata } from 'sharp';
import { maxPhotoBytes, maxPhotoPixels, type photoContentTypes } from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';

export type PhotoContentType = (typeof photoContentTypes)[number];

/** A photo as it is kept: re-encoded without any metadata, the right way up, with its thumbnail. */
export interface CleanPhoto {
  contentType: PhotoContentType;
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  sha256: string;
  uploadedBytes: number;
  /** EXIF DateTimeOriginal and OffsetTimeOriginal as the camera wrote them (read before stripping). */
  exifDate: { dateTime: string | undefined; offset: string | undefined };
}

/** Thumbnails fit in this square (lists, comparison pickers, the camera guide). */
export const thumbnailSize = 480;

/**
 * Decoding a 12-megapixel photo takes about 50 MB of native memory: at most this many are decoded at once,
 * whatever the number of uploads in flight, so memory stays bounded under a burst of uploads.
 */
const decodeSlots = pLimit(2);
sharp.cache(false);

type Sniffed = PhotoContentType | 'other-image' | null;

/** The image type the first bytes say, whatever the upload claimed. */
export function sniffImageType(head: Buffer): Sniffed {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString('latin1');
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')))
    return 'image/png';
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  // Images we recognise but do not take: GIF, TIFF, BMP, HEIC/AVIF, JPEG 2000, JPEG XL.
  if (/^GIF8[79]a/.test(ascii(0, 6))) return 'other-image';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*' || ascii(0, 2) === 'BM') return 'other-image';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1|avif|hevc)/.test(ascii(8, 12)))
    return 'other-image';
  if (head.subarray(0, 2).equals(Buffer.from('ff0a', 'hex'))) return 'other-image';
  return null;
}

const takes = 'send a JPEG, PNG or WebP photo';

/** Writes the upload to a temporary file, counting bytes: past the limit it stops and nothing is kept. */
async function receiveToFile(body: Readable, path: string, maxBytes: number): Promise<number> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes)
        callback(
          new DomainError('REQUEST_TOO_LARGE', `A photo can be at most ${maxBytes / 1024 / 1024} MB`, {
            details: { maxBytes },
          }),
        );
      else callback(null, chunk);
    },
  });
  await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  return seen;
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await file.read(head, 0, 16, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function readExifDate(path: string): Promise<CleanPhoto['exifDate']> {
  try {
    const tags = (await exifr.parse(path, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    })) as { DateTimeOriginal?: unknown; OffsetTimeOriginal?: unknown } | undefined;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { dateTime: text(tags?.DateTimeOriginal), offset: text(tags?.OffsetTimeOriginal) };
  } catch {
    return { dateTime: undefined, offset: undefined };
  }
}

/** Decodes and re-encodes in its own format (orientation applied, no EXIF/GPS/ICC extras), plus a thumbnail. */
async function reencode(path: string, type: PhotoContentType) {
  const input = () => sharp(path, { limitInputPixels: maxPhotoPixels, failOn: 'error' });
  let meta: Metadata;
  try {
    // The header only: the size is checked here, before any pixel is decoded.
    meta = await sharp(path, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch {
    throw new DomainError('PHOTO_CORRUPT', `The photo could not be read; ${takes}`);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxPhotoPixels)
    throw new DomainError(
      'PHOTO_TOO_MANY_PIXELS',
      `The photo is larger than ${maxPhotoPixels / 1_000_000} megapixels; send a smaller one`,
      { details: { maxPixels: maxPhotoPixels } },
    );
  try {
    const upright = input().rotate();
    const encoded =
      type === 'image/jpeg'
        ? upright.jpeg({ quality: 90 })
        : type === 'image/png'
          ? upright.png()
          : upright.webp({ quality: 90 });
    const { data: image, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await input()
      .rotate()
      .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { image, thumbnail, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('PHOTO_CORRUPT', `The photo could not be read; ${takes}`);
  }
}

/**
 * Receives an uploaded photo: streamed to a temporary file within `maxBytes`, its type checked from its bytes
 * (and against the type the upload declared), decoded and re-encoded. Every refusal is a coded DomainError; the
 * temporary file is always removed.
 */
export async function receivePhoto(
  body: Readable,
  upload: { declaredType: string | undefined; declaredLength: number | undefined; maxBytes?: number },
): Promise<CleanPhoto> {
  const maxBytes = upload.maxBytes ?? maxPhotoBytes;
  if (upload.declaredLength !== undefined && upload.declaredLength > maxBytes)
    throw new DomainError('REQUEST_TOO_LARGE', `A photo can be at most ${maxBytes / 1024 / 1024} MB`, {
      details: { maxBytes },
    });
  const path = join(tmpdir(), `needlepoint-upload-${randomBytes(8).toString('hex')}`);
  try {
    const uploadedBytes = await receiveToFile(body, path, maxBytes);
    if (uploadedBytes === 0) throw new DomainError('PHOTO_NOT_AN_IMAGE', `The photo is empty; ${takes}`);
    const sniffed = sniffImageType(await readHead(path));
    if (sniffed === null) throw new DomainError('PHOTO_NOT_AN_IMAGE', `This file is not a photo; ${takes}`);
    if (sniffed === 'other-image')
      throw new DomainError('PHOTO_TYPE_UNSUPPORTED', `This kind of image is not taken; ${takes}`);
    const declared = upload.declaredType?.split(';')[0]?.trim().toLowerCase();
    if (declared && declared !== 'application/octet-stream' && declared !== sniffed)
      throw new DomainError(
        'PHOTO_TYPE_MISMATCH',
        `The upload says ${declared} but the file is ${sniffed}; send it with its own type`,
        { details: { declared, actual: sniffed } },
      );
    return await decodeSlots(async () => {
      const exifDate = await readExifDate(path);
      const clean = await reencode(path, sniffed);
      return {
        contentType: sniffed,
        ...clean,
        sha256: createHash('sha256').update(clean.image).digest('hex'),
        uploadedBytes,
        exifDate,
      };
    });
  } finally {
    await rm(path, { force: true });
  }
}

/** A thumbnail of a stored photo (photos moved from the database had none). */
export async function makeThumbnail(image: Buffer): Promise<Buffer | null> {
  return decodeSlots(async () => {
    try {
      return await sharp(image, { limitInputPixels: maxPhotoPixels })
        .rotate()
        .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer();
    } catch {
      return null;
    }
  });
}

/** The red and green (and blue) values of a region of a stored photo, for the erythema index. */
export async function regionPixels(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
): Promise<{ width: number; height: number; data: Buffer }> {
  return decodeSlots(async () => {
    const input = sharp(image, { limitInputPixels: maxPhotoPixels });
    const { width = 0, height = 0 } = await input.metadata();
    const box = {
      left: Math.min(width - 1, Math.floor(region.left * width)),
      top: Math.min(height - 1, Math.floor(region.top * height)),
      width: Math.max(1, Math.round(region.width * width)),
      height: Math.max(1, Math.round(region.height * height)),
    };
    box.width = Math.min(box.width, width - box.left);
    box.height = Math.min(box.height, height - box.top);
    const { data, info } = await input
      .extract(box)
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  });
}
