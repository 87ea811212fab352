import type { photoConsentKinds } from '../consents/kinds';

/**
 * Per-photo consent scope: each photo carries the uses it was taken for, and a use is allowed only while the patient
 * also holds the matching photo consent, signed and not revoked. Checked at every read, so revoking a consent hides
 * the photo from that use at once.
 */

export const photoUses = ['clinical-record', 'teaching', 'marketing'] as const;
export type PhotoUse = (typeof photoUses)[number];

export const consentKindForUse: Record<PhotoUse, (typeof photoConsentKinds)[number]> = {
  'clinical-record': 'photo-clinical',
  teaching: 'photo-teaching',
  marketing: 'photo-marketing',
};

export interface ScopedPhoto {
  id: string;
  patientId: string;
  scopes: PhotoUse[];
}

/** The photo consents a patient holds now: signed and not revoked. */
export type ActiveConsents = ReadonlySet<(typeof photoConsentKinds)[number]>;

export function mayUsePhoto(photo: ScopedPhoto, use: PhotoUse, consents: ActiveConsents): boolean {
  return photo.scopes.includes(use) && consents.has(consentKindForUse[use]);
}

/** The photos a use (e.g. a marketing export) may include, given each patient's active consents. */
export function photosFor<P extends ScopedPhoto>(
  photos: P[],
  use: PhotoUse,
  consentsOf: (patientId: string) => ActiveConsents,
): P[] {
  return photos.filter((p) => mayUsePhoto(p, use, consentsOf(p.patientId)));
}

/** Scopes a new photo may be given: only uses the patient has consented to. */
export function allowedScopes(consents: ActiveConsents): PhotoUse[] {
  return photoUses.filter((use) => consents.has(consentKindForUse[use]));
}
