import type { AdverseEventDto } from '../contracts/adverse-events';
import type { TreatmentRecordDto } from '../contracts/treatment-records';
import { TreatmentRecordDraft } from '../treatment/record';

/** A signed treatment record and an adverse event on it, for tests and examples of the FHIR mappings. */

export const sampleRecord = (over: Partial<TreatmentRecordDto> = {}): TreatmentRecordDto => ({
  id: '11111111-1111-4111-8111-111111111111',
  appointmentId: '22222222-2222-4222-8222-222222222222',
  patientId: '33333333-3333-4333-8333-333333333333',
  patientName: 'Ada Lovelace',
  providerId: '44444444-4444-4444-8444-444444444444',
  providerName: 'Dr Chart',
  appointmentStart: '2026-12-03T09:00:00.000Z',
  planId: '55555555-5555-4555-8555-555555555555',
  planName: 'Acne scars',
  sessionNumber: 1,
  modality: 'mechanical',
  planZones: [],
  status: 'signed',
  version: 3,
  draft: TreatmentRecordDraft.parse({
    deviceId: '66666666-6666-4666-8666-666666666666',
    handpieceSerial: 'HP-7',
    numbing: {
      product: 'lidocaine-prilocaine-2.5-2.5',
      concentration: '2.5%/2.5%',
      amountG: 10,
      areaCm2: 200,
      appliedAt: null,
      removedAt: null,
    },
    consumables: [
      {
        productName: 'Cartridge 36',
        gtin: '04006381333931',
        lot: 'L-1',
        expiry: '2027-06-30',
        needleCount: 36,
      },
    ],
    zones: [
      { zone: 'cheeks', depthMm: 1.5, passes: 3, technique: 'crosshatch', endpoint: 'pinpoint-bleeding' },
    ],
    topicals: [{ role: 'glide', productId: 'sterile-saline-0.9', productName: 'Saline', lot: 'S-1' }],
  }),
  screening: {
    screeningId: null,
    verdict: null,
    cleared: true,
    ranAt: null,
    changes: null,
    openFindings: [],
    override: null,
  },
  consent: {
    kind: 'treatment-mechanical',
    state: 'signed',
    onFile: true,
    signedVersion: 1,
    currentVersion: 1,
  },
  startBlockedReason: null,
  numbingWarnings: [],
  signOffIssues: [],
  prefilledFrom: { planId: null, lastRecordId: null },
  signedAt: '2026-12-03T10:00:00.000Z',
  signedBy: '44444444-4444-4444-8444-444444444444',
  signedByName: 'Dr Chart',
  addenda: [],
  updatedAt: '2026-12-03T10:00:00.000Z',
  ...over,
});

export const sampleEvent: AdverseEventDto = {
  id: '77777777-7777-4777-8777-777777777777',
  patientId: '33333333-3333-4333-8333-333333333333',
  patientName: 'Ada Lovelace',
  treatmentRecordId: '11111111-1111-4111-8111-111111111111',
  type: 'granuloma',
  description: 'Firm papules',
  onsetOn: '2026-12-20',
  serious: false,
  seriousness: [],
  deviceId: '66666666-6666-4666-8666-666666666666',
  deviceName: 'Pen A',
  lots: ['L-1'],
  actions: '',
  outcome: 'recovered',
  followUps: [],
  reportedBy: 'Dr Chart',
  createdAt: '2026-12-21T09:00:00.000Z',
  version: 1,
};
