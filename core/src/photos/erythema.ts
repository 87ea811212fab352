import type { EvidenceLevel } from '../knowledge/knowledge.schema';

/**
 * Erythema index (EI) of a region of a photo: redness from haemoglobin, the way reflectance erythema meters
 * compute it. Haemoglobin absorbs green light strongly and red light little, so more blood in the skin lowers the
 * green reflectance against the red one:
 *
 *   EI = 100 × [log10(1/G) − log10(1/R)] = 100 × log10(R / G)
 *
 * with R and G the red and green values of a pixel (0-255; the scale cancels in the ratio). Diffey et al. defined
 * the index on narrow-band green and red reflectance; Yamamoto et al. applied the same formula to the red and green
 * channels of digital camera images and found it tracked a meter's reading. The mean over the pixels of the region
 * is the region's index.
 *
 * The number depends on the camera, its white balance and the light: it compares photos of the same patient taken
 * the same way (same device, room and light), never one patient with another or with a meter's scale.
 */

export const erythemaIndexMethod = {
  id: 'erythema-index-rgb',
  version: 1,
  formula: 'EI = 100 × log10(R / G), averaged over the region',
  note: 'Relative only: compare photos taken with the same camera in the same light, never across cameras or patients.',
  sources: [
    {
      citation:
        'Diffey BL, Oliver RJ, Farr PM. A portable instrument for quantifying erythema induced by ultraviolet radiation. Br J Dermatol 1984;111:663–672.',
      url: 'https://doi.org/10.1111/j.1365-2133.1984.tb14149.x',
      evidenceLevel: 'expert' as EvidenceLevel,
    },
    {
      citation:
        'Takiwaki H. Measurement of skin color: practical application and theoretical considerations. J Med Invest 1998;44:121–126.',
      url: 'http://medical.med.tokushima-u.ac.jp/jmi/vol44/text/v44_n3-4_p121.html',
      evidenceLevel: 'expert' as EvidenceLevel,
    },
    {
      citation:
        'Yamamoto T, Takiwaki H, Arase S, Ohshima H. Derivation and clinical application of special imaging by means of digital cameras and Image J freeware for quantification of erythema and pigmentation. Skin Res Technol 2008;14:26–34.',
      url: 'https://doi.org/10.1111/j.1600-0846.2007.00256.x',
      evidenceLevel: 'series' as EvidenceLevel,
    },
  ],
} as const;

/** Decoded pixels, row by row: `channels` bytes per pixel, red first then green (RGB or RGBA). */
export interface PixelImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** A rectangle in pixels from the top-left corner. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ErythemaResult =
  | { ok: true; meanIndex: number; pixels: number }
  | { ok: false; reason: 'region-outside-image' | 'region-empty' };

/** A zero channel (pure black) would be log(0): clip to 1, the darkest value a camera records as light. */
const atLeastOne = (v: number) => (v < 1 ? 1 : v);

/** The erythema index of one pixel's red and green values. */
export function erythemaIndexOf(red: number, green: number): number {
  return 100 * Math.log10(atLeastOne(red) / atLeastOne(green));
}

/** The mean erythema index over a region of the image (rounded to 0.01). */
export function meanErythemaIndex(image: PixelImage, region: Region): ErythemaResult {
  const { x, y, width, height } = region;
  if (![x, y, width, height].every(Number.isInteger) || width <= 0 || height <= 0)
    return { ok: false, reason: 'region-empty' };
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height)
    return { ok: false, reason: 'region-outside-image' };
  let sum = 0;
  for (let row = y; row < y + height; row++) {
    let offset = (row * image.width + x) * image.channels;
    for (let col = 0; col < width; col++, offset += image.channels) {
      sum += erythemaIndexOf(image.data[offset]!, image.data[offset + 1]!);
    }
  }
  const pixels = width * height;
  return { ok: true, meanIndex: Math.round((sum / pixels) * 100) / 100, pixels };
}

export interface ErythemaReading {
  photoId: string;
  takenAt: string;
  meanIndex: number;
}

export interface ErythemaTrend {
  readings: ErythemaReading[];
  /** Latest minus first reading; null with fewer than two. */
  change: number | null;
  direction: 'falling' | 'steady' | 'rising' | 'not-enough-photos';
}

/** Changes smaller than this are within what light and framing alone move the index (steady). */
export const steadyErythemaChange = 2;

/** Readings in time order and how the redness moved from the first to the latest. */
export function erythemaTrend(readings: ErythemaReading[]): ErythemaTrend {
  const ordered = [...readings].sort(
    (a, b) => a.takenAt.localeCompare(b.takenAt) || a.photoId.localeCompare(b.photoId),
  );
  if (ordered.length < 2) return { readings: ordered, change: null, direction: 'not-enough-photos' };
  const change = Math.round((ordered.at(-1)!.meanIndex - ordered[0]!.meanIndex) * 100) / 100;
  const direction = Math.abs(change) < steadyErythemaChange ? 'steady' : change < 0 ? 'falling' : 'rising';
  return { readings: ordered, change, direction };
}
