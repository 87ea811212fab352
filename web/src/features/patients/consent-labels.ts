import type { ConsentKind, ConsentState } from '@needlepoint/core/consents/kinds';

export const consentKindLabels: Record<ConsentKind, string> = {
  'treatment-mechanical': 'Treatment: mechanical microneedling',
  'treatment-rf': 'Treatment: RF microneedling',
  'adjunct-prp': 'Treatment: PRP with microneedling',
  'photo-clinical': 'Photos for the clinical record',
  'photo-teaching': 'Photos for teaching',
  'photo-marketing': 'Photos for marketing',
};

/** Each standing in words, with a colour and a symbol (never the colour alone). */
export const consentStateInfo: Record<ConsentState, { label: string; color: string; icon: string }> = {
  signed: { label: 'Signed', color: 'green', icon: '✓' },
  'needs-re-consent': { label: 'Needs to sign the new version', color: 'orange', icon: '!' },
  'not-signed': { label: 'Not signed', color: 'gray', icon: '–' },
  revoked: { label: 'Withdrawn', color: 'red', icon: '✕' },
};
