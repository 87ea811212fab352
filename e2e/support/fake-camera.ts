import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';

const width = 640;
const height = 480;

/**
 * A video file Chromium plays as its camera (`--use-file-for-fake-video-capture`): a barcode drawn by bwip-js,
 * centred on white, as a Y4M (YUV 4:2:0, full range) of a few identical frames that Chromium loops.
 * `symbology` is a bwip-js name, e.g. `gs1datamatrix` with the text `(01)...(17)...(10)...`.
 */
export async function writeFakeCameraVideo(
  dir: string,
  name: string,
  barcode: { symbology: string; text: string },
): Promise<string> {
  const png = await bwipjs.toBuffer({ bcid: barcode.symbology, text: barcode.text, scale: 8, padding: 4 });
  const symbol = await sharp(png)
    .resize({ width: 320, height: 320, fit: 'inside', kernel: 'nearest' })
    .flatten({ background: '#ffffff' })
    .toBuffer({ resolveWithObject: true });
  const left = Math.floor((width - symbol.info.width) / 2);
  const top = Math.floor((height - symbol.info.height) / 2);
  const { data } = await sharp(symbol.data)
    .extend({
      top,
      bottom: height - symbol.info.height - top,
      left,
      right: width - symbol.info.width - left,
      background: '#ffffff',
    })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const frame = toI420(data);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const frames = Array.from({ length: 5 }, () => [frameHeader, frame]).flat();
  const path = join(dir, `${name}.y4m`);
  writeFileSync(path, Buffer.concat([header, ...frames]));
  return path;
}

/** Packed RGB to planar YUV 4:2:0 (BT.601, full range as Y4M `C420jpeg` states), chroma averaged over 2x2. */
function toI420(rgb: Buffer): Buffer {
  const out = Buffer.alloc(width * height * 1.5);
  const chromaWidth = width / 2;
  const uOffset = width * height;
  const vOffset = uOffset + (width * height) / 4;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  for (let y = 0; y < height / 2; y++)
    for (let x = 0; x < chromaWidth; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[i]!;
        g += rgb[i + 1]!;
        b += rgb[i + 2]!;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
      out[uOffset + y * chromaWidth + x] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[vOffset + y * chromaWidth + x] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  return out;
}
