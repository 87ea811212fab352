import type { PatientPhoto, PhotoTiming } from '@needlepoint/core/contracts/photos';
import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { areas, type Area } from '@needlepoint/core/knowledge/knowledge.schema';
import type { PhotoUse } from '@needlepoint/core/photos/consent-scope';
import { photoViews, viewGuides, viewsByArea, type PhotoView } from '@needlepoint/core/photos/views';
import { ApiError, messageOf } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { todayIso } from '../../lib/clinic-time';

/** The clinic's calendar date of an instant, e.g. `3 Mar 2026`. */
export const clinicDate = (iso: string) => formatDate(todayIso(new Date(iso)));

export const areaLabels: Record<Area, string> = {
  face: 'Face',
  periorbital: 'Around the eyes',
  perioral: 'Around the mouth',
  neck: 'Neck',
  chest: 'Chest',
  scalp: 'Scalp',
  hands: 'Hands',
  body: 'Body',
};
export const areaOptions = areas.map((a) => ({ value: a, label: areaLabels[a] }));
export const viewLabel = (view: PhotoView) => viewGuides[view].label;
export const viewOptionsFor = (area: Area) =>
  viewsByArea[area].map((v) => ({ value: v, label: viewLabel(v) }));
export const timingLabels: Record<PhotoTiming, string> = { before: 'Before', after: 'After' };
export const useLabels: Record<PhotoUse, string> = {
  'clinical-record': 'Clinical record',
  teaching: 'Teaching',
  marketing: 'Marketing',
};

/** Photos with a standard view, grouped in the order of the view list; photos without one (intake) come last. */
export function groupByView(photos: PatientPhoto[]): {
  view: PhotoView | null;
  label: string;
  photos: PatientPhoto[];
}[] {
  const byTime = [...photos].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const groups = photoViews.flatMap((view) => {
    const mine = byTime.filter((p) => p.view === view);
    return mine.length ? [{ view, label: viewLabel(view), photos: mine }] : [];
  });
  const other = byTime.filter((p) => p.view === null);
  return other.length ? [...groups, { view: null, label: 'Intake photos', photos: other }] : groups;
}

/** A session as people name it: its date and, in a plan, its number. */
export function sessionLabel(booking: Pick<BookingDto, 'startsAt' | 'sessionNumber'>): string {
  const date = clinicDate(booking.startsAt);
  return booking.sessionNumber ? `Session ${booking.sessionNumber}, ${date}` : `Session of ${date}`;
}

/** What a photo belongs to: a session (before or after it), an aftercare check-in, or the intake. */
export function occasionOf(
  photo: PatientPhoto,
  sessions: Pick<BookingDto, 'id' | 'startsAt' | 'sessionNumber'>[],
) {
  if (photo.appointmentId) {
    const when = photo.timing === 'after' ? 'After' : 'Before';
    const session = sessions.find((s) => s.id === photo.appointmentId);
    if (!session) return `${when} a session`;
    const date = clinicDate(session.startsAt);
    return session.sessionNumber
      ? `${when} session ${session.sessionNumber} (${date})`
      : `${when} the session of ${date}`;
  }
  if (photo.checkInId) return 'Aftercare check-in';
  if (photo.purpose === 'intake') return 'Intake';
  return 'No session';
}

const refusals: Record<string, { title: string; advice: string }> = {
  PHOTO_CONSENT_REQUIRED: {
    title: 'No photo consent',
    advice:
      'The patient has not signed the clinical photo consent (or has revoked it). Ask them to sign it in the portal, then take the photo.',
  },
  PHOTO_SCOPE_NOT_CONSENTED: {
    title: 'That use is not consented',
    advice:
      'The patient has not agreed to their photos being used for teaching or marketing. Untick that use, or ask for that consent first.',
  },
  PHOTO_NOT_AN_IMAGE: {
    title: 'Not a photo',
    advice: 'That file is not a picture. Choose a JPEG, PNG or WebP photo.',
  },
  PHOTO_CORRUPT: {
    title: 'The photo could not be read',
    advice: 'The file is damaged or incomplete. Take the photo again or choose another file.',
  },
  PHOTO_TYPE_UNSUPPORTED: {
    title: 'Unsupported kind of image',
    advice:
      'Only JPEG, PNG and WebP photos are kept. On an iPhone or iPad, set Camera › Formats to “Most Compatible”, or export the photo as JPEG.',
  },
  PHOTO_TYPE_MISMATCH: {
    title: 'The file is not what its name says',
    advice:
      'The file’s content does not match its type (for example a PNG named .jpg). Save it again as JPEG.',
  },
  PHOTO_TOO_MANY_PIXELS: {
    title: 'The image is too large',
    advice: 'It has more pixels than a photo can have here. Use the camera’s normal size, or resize it.',
  },
  REQUEST_TOO_LARGE: {
    title: 'The file is too big',
    advice: 'A photo can be at most 20 MB. Use the camera’s normal quality, or resize it.',
  },
  PHOTO_QUOTA_EXCEEDED: {
    title: 'Too many photos',
    advice: 'This patient has as many photos as can be kept. Remove one first.',
  },
  PHOTO_STORAGE_UNAVAILABLE: {
    title: 'Photos cannot be stored right now',
    advice: 'The photo store did not answer. Nothing was saved; try again in a moment.',
  },
  PHOTO_REGION_INVALID: {
    title: 'Choose a region inside the photo',
    advice: 'Draw the region again, inside the edges of the photo.',
  },
};

/** A refusal from the server in plain words: what happened, what to do, and the server's own message. */
export function photoRefusal(error: unknown): { title: string; advice: string; detail: string | null } {
  const code = error instanceof ApiError ? error.code : null;
  const known = code ? refusals[code] : undefined;
  if (known) return { ...known, detail: messageOf(error) };
  return { title: 'The photo was not saved', advice: messageOf(error), detail: null };
}
