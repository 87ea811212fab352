/** What a patient can consent to: a treatment (or adjunct), or a use of their photos. */
export const treatmentConsentKinds = ['treatment-mechanical', 'treatment-rf', 'adjunct-prp'] as const;
export const photoConsentKinds = ['photo-clinical', 'photo-teaching', 'photo-marketing'] as const;
export const consentKinds = [...treatmentConsentKinds, ...photoConsentKinds] as const;
export type ConsentKind = (typeof consentKinds)[number];

/**
 * Photo consents are optional and the patient may revoke each at any time in the portal. Treatment consents
 * are not revocable there: stopping a treatment is a conversation with the clinic, not a button.
 */
export function isRevocableKind(kind: ConsentKind): boolean {
  return (photoConsentKinds as readonly string[]).includes(kind);
}

export const consentStates = ['signed', 'needs-re-consent', 'not-signed', 'revoked'] as const;
export type ConsentState = (typeof consentStates)[number];

export interface SignatureFacts {
  documentVersion: number;
  signedAt: string;
  revoked: boolean;
}

/**
 * A patient's state for one kind, from the current version and their signatures of that kind.
 * The most recent signature decides: revoked stays revoked (a new version does not ask a patient who
 * withdrew to sign again), an older version needs re-consent, the current version is signed.
 */
export function consentStateOf(currentVersion: number, signatures: readonly SignatureFacts[]): ConsentState {
  const latest = [...signatures].sort((a, b) =>
    a.signedAt === b.signedAt ? b.documentVersion - a.documentVersion : a.signedAt < b.signedAt ? 1 : -1,
  )[0];
  if (!latest) return 'not-signed';
  if (latest.revoked) return 'revoked';
  return latest.documentVersion >= currentVersion ? 'signed' : 'needs-re-consent';
}
