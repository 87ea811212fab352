import { describe, expect, it } from 'vitest';
import { erythemaIndexOf, erythemaTrend, meanErythemaIndex, type PixelImage } from './erythema';

/** A synthetic RGB image filled with one colour, with an optional rectangle of another. */
function image(
  width: number,
  height: number,
  fill: [number, number, number],
  patch?: { x: number; y: number; w: number; h: number; rgb: [number, number, number] },
  channels: 3 | 4 = 3,
): PixelImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inPatch = patch && x >= patch.x && x < patch.x + patch.w && y >= patch.y && y < patch.y + patch.h;
      const rgb = inPatch ? patch.rgb : fill;
      data.set(channels === 4 ? [...rgb, 255] : rgb, (y * width + x) * channels);
    }
  return { width, height, channels, data };
}

describe('erythema index of a pixel', () => {
  it.each([
    // [red, green, expected EI]: 100 × log10(R/G)
    [200, 200, 0], // grey: no redness
    [200, 100, 30.1], // green half of red: log10(2) = 0.30103
    [100, 200, -30.1], // greener than red
    [250, 25, 100], // log10(10) = 1
    [0, 0, 0], // black: both clipped to 1
    [255, 0, 240.65], // pure red: G clipped to 1
  ])('R=%i G=%i -> %f', (r, g, expected) => {
    expect(erythemaIndexOf(r, g)).toBeCloseTo(expected, 1);
  });
});

describe('mean erythema index of a region (synthetic images)', () => {
  const skin: [number, number, number] = [220, 170, 150];
  const red: [number, number, number] = [220, 110, 100];
  const photo = image(40, 30, skin, { x: 10, y: 10, w: 10, h: 10, rgb: red });

  it('is the index of the colour for a uniform region', () => {
    const result = meanErythemaIndex(photo, { x: 0, y: 0, width: 5, height: 5 });
    expect(result).toEqual({ ok: true, meanIndex: 11.2, pixels: 25 });
  });

  it('is higher over a reddened patch than over normal skin', () => {
    const patch = meanErythemaIndex(photo, { x: 10, y: 10, width: 10, height: 10 });
    const normal = meanErythemaIndex(photo, { x: 25, y: 0, width: 10, height: 10 });
    expect(patch).toMatchObject({ ok: true, meanIndex: 30.1 });
    expect(normal).toMatchObject({ ok: true, meanIndex: 11.2 });
  });

  it('averages the pixels of a region half on the patch', () => {
    // 5 columns on the patch (30.1) and 5 off it (11.2): mean 20.65
    const half = meanErythemaIndex(photo, { x: 15, y: 10, width: 10, height: 10 });
    expect(half.ok && half.meanIndex).toBeCloseTo(20.65, 1);
  });

  it('reads RGBA pixels the same as RGB', () => {
    const rgba = image(40, 30, skin, { x: 10, y: 10, w: 10, h: 10, rgb: red }, 4);
    expect(meanErythemaIndex(rgba, { x: 10, y: 10, width: 10, height: 10 })).toEqual(
      meanErythemaIndex(photo, { x: 10, y: 10, width: 10, height: 10 }),
    );
  });

  it('does not change when the whole image is darker by the same factor (a ratio)', () => {
    const darker = image(10, 10, [110, 85, 75]);
    const result = meanErythemaIndex(darker, { x: 0, y: 0, width: 10, height: 10 });
    expect(result.ok && result.meanIndex).toBeCloseTo(11.2, 0);
  });

  it.each([
    [{ x: 35, y: 0, width: 10, height: 5 }, 'region-outside-image'],
    [{ x: -1, y: 0, width: 5, height: 5 }, 'region-outside-image'],
    [{ x: 0, y: 0, width: 0, height: 5 }, 'region-empty'],
    [{ x: 0, y: 0, width: 2.5, height: 5 }, 'region-empty'],
  ])('refuses %j (%s)', (region, reason) => {
    expect(meanErythemaIndex(photo, region)).toEqual({ ok: false, reason });
  });
});

describe('erythema trend across check-in photos', () => {
  it('orders readings by date and says whether redness fell', () => {
    const trend = erythemaTrend([
      { photoId: 'c', takenAt: '2026-03-05T10:00:00Z', meanIndex: 12 },
      { photoId: 'a', takenAt: '2026-03-01T10:00:00Z', meanIndex: 30 },
      { photoId: 'b', takenAt: '2026-03-02T10:00:00Z', meanIndex: 21.5 },
    ]);
    expect(trend.readings.map((r) => r.photoId)).toEqual(['a', 'b', 'c']);
    expect(trend).toMatchObject({ change: -18, direction: 'falling' });
  });

  it.each([
    [[30, 31], 'steady'],
    [[20, 26], 'rising'],
    [[20], 'not-enough-photos'],
  ] as const)('%j -> %s', (values, direction) => {
    const readings = values.map((meanIndex, i) => ({
      photoId: `p${i}`,
      takenAt: `2026-03-0${i + 1}T10:00:00Z`,
      meanIndex,
    }));
    expect(erythemaTrend(readings).direction).toBe(direction);
  });
});
