import type { ConsumableUse, NumbingProduct } from '@needlepoint/core/treatment/record';

export const numbingProductLabels: Record<NumbingProduct, string> = {
  'lidocaine-prilocaine-2.5-2.5': 'Lidocaine/prilocaine 2.5%/2.5% (EMLA)',
  'lidocaine-4': 'Lidocaine 4%',
  'lidocaine-5': 'Lidocaine 5%',
  'bl-t-compounded': 'Benzocaine/lidocaine/tetracaine (compounded)',
  'lidocaine-tetracaine-23-7': 'Lidocaine 23% / tetracaine 7% (compounded)',
  other: 'Other',
};

export const techniqueLabels: Record<string, string> = {
  crosshatch: 'Crosshatch',
  stamping: 'Stamping',
  circular: 'Circular',
  linear: 'Linear',
  'roller-4-directions': 'Roller, 4 directions',
  other: 'Other',
};

export const endpointLabels: Record<string, string> = {
  'uniform-erythema': 'Uniform erythema',
  'pinpoint-bleeding': 'Pinpoint bleeding',
  'not-reached': 'Not reached',
};

export const topicalRoleLabels: Record<string, string> = { glide: 'Glide medium', adjunct: 'Adjunct' };
export const topicalRouteLabels: Record<string, string> = {
  'topical-during-needling': 'Topical during needling',
  intradermal: 'Intradermal',
  'after-needling': 'After needling',
};

export const recordStatusLabels: Record<string, string> = { draft: 'Draft', signed: 'Signed' };

export const draftSectionLabels: Record<string, string> = {
  checklist: 'Checklist',
  numbing: 'Numbing',
  deviceId: 'Device',
  handpieceSerial: 'Handpiece serial',
  consumables: 'Cartridges and lots',
  rf: 'RF settings',
  zones: 'Zones',
  topicals: 'Glide medium and adjuncts',
  immediateReaction: 'Immediate reaction',
  pain: 'Pain score',
  aftercareGiven: 'Aftercare given',
  aftercareNotes: 'Aftercare notes',
};

export const consumableKindLabels: Record<ConsumableUse['kind'], string> = {
  cartridge: 'Cartridge',
  roller: 'Roller',
  other: 'Other',
};
