import { describe, expect, it } from 'vitest';
import { areas } from '../knowledge/knowledge.schema';
import { allowedScopes, mayUsePhoto, photosFor, type ActiveConsents } from './consent-scope';
import { captureInstant } from './capture-date';
import { comparisonPairs, guideFor, photoViews, viewGuides, viewsByArea } from './views';

describe('standardized views', () => {
  it('has views for every treatment area, each with a guide', () => {
    for (const area of areas) expect(viewsByArea[area].length, area).toBeGreaterThan(0);
    for (const view of photoViews) expect(viewGuides[view].instructions).toContain('same light, no flash');
    expect(viewsByArea.face).toEqual([
      'face-front',
      'face-left-45',
      'face-right-45',
      'face-profile-left',
      'face-profile-right',
    ]);
    expect(viewsByArea.scalp).toEqual(['scalp-vertex', 'scalp-frontal']);
  });

  it('guides a later photo with the first photo of the same view', () => {
    const taken = [
      { id: 'b', view: 'face-front' as const, takenAt: '2026-03-01T10:00:00Z' },
      { id: 'a', view: 'face-front' as const, takenAt: '2026-01-01T10:00:00Z' },
      { id: 'c', view: 'scalp-vertex' as const, takenAt: '2025-12-01T10:00:00Z' },
    ];
    expect(guideFor('face-front', taken).referencePhotoId).toBe('a');
    expect(guideFor('face-left-45', taken)).toMatchObject({
      referencePhotoId: null,
      frame: 'face-oval-turned',
    });
    expect(comparisonPairs(taken)).toEqual([{ view: 'face-front', before: taken[1], after: taken[0] }]);
  });
});

describe('per-photo consent scope', () => {
  const all: ActiveConsents = new Set(['photo-clinical', 'photo-teaching', 'photo-marketing']);
  const clinicalOnly: ActiveConsents = new Set(['photo-clinical']);
  const photo = { id: 'p', patientId: 'x', scopes: ['clinical-record' as const, 'marketing' as const] };

  it.each([
    ['clinical-record', all, true],
    ['marketing', all, true],
    ['teaching', all, false], // not in the photo's scope
    ['marketing', clinicalOnly, false], // consent revoked or never given
    ['clinical-record', new Set() as ActiveConsents, false],
  ] as const)('%s with %j -> %s', (use, consents, allowed) => {
    expect(mayUsePhoto(photo, use, consents)).toBe(allowed);
  });

  it('keeps a photo without marketing consent out of a marketing export, at once after revocation', () => {
    const photos = [photo, { id: 'q', patientId: 'y', scopes: ['clinical-record' as const] }];
    const consents = new Map<string, ActiveConsents>([
      ['x', all],
      ['y', all],
    ]);
    expect(photosFor(photos, 'marketing', (id) => consents.get(id)!).map((p) => p.id)).toEqual(['p']);
    consents.set('x', clinicalOnly); // the patient revokes marketing consent
    expect(photosFor(photos, 'marketing', (id) => consents.get(id)!)).toEqual([]);
    expect(allowedScopes(clinicalOnly)).toEqual(['clinical-record']);
  });
});

describe('capture date from EXIF', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it.each([
    ['2026:03:01 10:15:30', undefined, 'UTC', '2026-03-01T10:15:30.000Z'],
    ['2026:03:01 10:15:30', '+01:00', 'UTC', '2026-03-01T09:15:30.000Z'],
    ['2026:03:01 10:15:30', '-05:00', 'Europe/Madrid', '2026-03-01T15:15:30.000Z'],
    ['2026:03:01 10:15:30', undefined, 'America/New_York', '2026-03-01T15:15:30.000Z'],
    ['2026:07:01 10:15:30', undefined, 'UTC', null], // after now: a wrong camera clock
    ['0000:00:00 00:00:00', undefined, 'UTC', null], // unset clock
    ['2026:02:31 10:00:00', undefined, 'UTC', null], // no such day
    [undefined, undefined, 'UTC', null],
  ] as const)('%s %s in %s -> %s', (dateTime, offset, zone, expected) => {
    expect(captureInstant(dateTime, offset, zone, now)).toBe(expected);
  });
});
