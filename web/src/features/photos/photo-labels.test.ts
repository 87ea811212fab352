import { describe, expect, it } from 'vitest';
import type { PatientPhoto } from '@needlepoint/core/contracts/photos';
import { ApiError } from '../../lib/api';
import { groupByView, occasionOf, photoRefusal } from './photo-labels';
import { regionBetween } from './region-picker';

const photo = (over: Partial<PatientPhoto>): PatientPhoto => ({
  id: crypto.randomUUID(),
  purpose: 'clinical',
  area: 'face',
  view: 'face-front',
  contentType: 'image/jpeg',
  byteSize: 1000,
  width: 640,
  height: 480,
  takenAt: '2026-11-02T09:00:00.000Z',
  capturedAt: null,
  createdAt: '2026-11-02T09:00:00.000Z',
  appointmentId: null,
  timing: null,
  checkInId: null,
  scopes: ['clinical-record'],
  ...over,
});

describe('groupByView', () => {
  it('groups by standard view in the order of the view list, oldest first, intake photos last', () => {
    const later = photo({ view: 'face-front', takenAt: '2026-11-20T09:00:00.000Z' });
    const first = photo({ view: 'face-front', takenAt: '2026-10-01T09:00:00.000Z' });
    const scalp = photo({ view: 'scalp-vertex', area: 'scalp' });
    const left = photo({ view: 'face-left-45' });
    const intake = photo({ view: null, purpose: 'intake' });
    const groups = groupByView([scalp, intake, later, left, first]);
    expect(groups.map((g) => g.label)).toEqual([
      'Face, front',
      'Face, 45° left',
      'Scalp, vertex',
      'Intake photos',
    ]);
    expect(groups[0]!.photos.map((p) => p.id)).toEqual([first.id, later.id]);
  });
});

describe('occasionOf', () => {
  const session = { id: crypto.randomUUID(), startsAt: '2026-11-02T10:00:00.000Z', sessionNumber: 2 };
  it.each([
    [{ appointmentId: session.id, timing: 'before' as const }, 'Before session 2 (2 Nov 2026)'],
    [{ appointmentId: session.id, timing: 'after' as const }, 'After session 2 (2 Nov 2026)'],
    [{ appointmentId: crypto.randomUUID(), timing: 'after' as const }, 'After a session'],
    [{ checkInId: crypto.randomUUID(), purpose: 'check-in' as const }, 'Aftercare check-in'],
    [{ purpose: 'intake' as const, view: null }, 'Intake'],
    [{}, 'No session'],
  ])('names %o as %s', (over, expected) => {
    expect(occasionOf(photo(over), [session])).toBe(expected);
  });
});

describe('photoRefusal', () => {
  it('puts a coded refusal in plain words and keeps the server message', () => {
    const refusal = photoRefusal(
      new ApiError({ code: 'PHOTO_CONSENT_REQUIRED', status: 409, message: 'Clinical photos need consent' }),
    );
    expect(refusal.title).toBe('No photo consent');
    expect(refusal.advice).toMatch(/sign it in the portal/);
    expect(refusal.detail).toBe('Clinical photos need consent');
  });

  it('falls back to the server message for other errors', () => {
    const refusal = photoRefusal(
      new ApiError({ code: 'NOT_FOUND', status: 404, message: 'No such session' }),
    );
    expect(refusal).toEqual({ title: 'The photo was not saved', advice: 'No such session', detail: null });
  });
});

describe('regionBetween', () => {
  it('orders the corners and keeps the region inside the photo', () => {
    expect(regionBetween({ x: 0.6, y: 0.7 }, { x: 0.2, y: 0.1 })).toEqual({
      left: 0.2,
      top: 0.1,
      width: 0.4,
      height: 0.6,
    });
    expect(regionBetween({ x: 0.5, y: 0.5 }, { x: 1.4, y: -0.2 })).toEqual({
      left: 0.5,
      top: 0,
      width: 0.5,
      height: 0.5,
    });
  });
});
