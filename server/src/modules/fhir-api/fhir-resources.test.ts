import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityStatement } from '@needlepoint/core/fhir/capability-statement';
import { searchParams, servedTypes } from '@needlepoint/core/fhir/fhir-search';
import {
  toFhirAppointment,
  toFhirConsent,
  toFhirEntry,
  toFhirPatient,
  toFhirQuestionnaireResponse,
  type EntryData,
} from '@needlepoint/core/fhir/record-to-fhir';
import { fhirProblem } from '../imports/fhir-validation';
import { sources } from './fhir-sources.repo';

/** Every resource the API can serve, validated with Medplum's R4 validator: 0 errors is the bar. */
const at = '2026-05-01T10:00:00.000Z';
const entry = (over: Partial<EntryData>): EntryData => ({
  id: '0b0e7c1e-0000-4000-8000-000000000001',
  patientId: '0b0e7c1e-0000-4000-8000-0000000000aa',
  kind: 'condition',
  sourceRef: null,
  codes: [{ system: 'http://snomed.info/sct', code: '398909004', display: 'Rosacea' }],
  display: 'Rosacea',
  status: 'active',
  startDate: '2020-01-01',
  endDate: null,
  value: null,
  bodySites: ['face'],
  updatedAt: at,
  ...over,
});

const cases: [string, Record<string, unknown>][] = [
  [
    'patient',
    toFhirPatient({
      id: 'p1',
      version: 2,
      updatedAt: at,
      givenName: 'Ann Marie',
      familyName: 'Lee',
      birthDate: '1980-01-01',
      sex: 'female',
      email: 'ann@example.org',
      phone: '+1 555 0100',
      address: '1 Main St',
      archived: false,
      mergedInto: 'p2',
      identifiers: [
        { system: 'urn:mrn', value: '1' },
        { system: 'urn:needlepoint:fhir-source', value: 'Patient/x' },
      ],
    }),
  ],
  ['condition, resolved with an end', toFhirEntry(entry({ status: 'resolved', endDate: '2021-01-01' }))],
  ['condition, refuted', toFhirEntry(entry({ status: 'refuted' }))],
  ['condition, clinic wording', toFhirEntry(entry({ status: 'controlled' }))],
  ['condition, active with an end', toFhirEntry(entry({ status: 'active', endDate: '2021-01-01' }))],
  ['allergy, refuted', toFhirEntry(entry({ kind: 'allergy', status: 'refuted' }))],
  ['allergy, clinic wording', toFhirEntry(entry({ kind: 'allergy', status: 'severe' }))],
  [
    'allergy without codes',
    toFhirEntry(entry({ kind: 'allergy', codes: [], display: 'Latex', status: 'active' })),
  ],
  ['allergy, entered in error', toFhirEntry(entry({ kind: 'allergy', status: 'entered-in-error' }))],
  [
    'medication statement',
    toFhirEntry(entry({ kind: 'medication', status: 'active', endDate: '2026-01-01' })),
  ],
  [
    'medication request',
    toFhirEntry(
      entry({
        kind: 'medication',
        sourceRef: 'MedicationRequest/9',
        status: 'stopped',
        endDate: '2026-01-01',
      }),
    ),
  ],
  [
    'medication, clinic wording',
    toFhirEntry(entry({ kind: 'medication', status: 'taking', startDate: null })),
  ],
  [
    'procedure with a period',
    toFhirEntry(entry({ kind: 'procedure', status: 'completed', endDate: '2020-01-02' })),
  ],
  ['observation with a value', toFhirEntry(entry({ kind: 'observation', status: 'final', value: '6.1 %' }))],
  [
    'appointment, cancelled',
    toFhirAppointment({
      id: 'a1',
      patientId: 'p1',
      providerName: 'Dr Who',
      service: 'microneedling-face',
      startsAt: at,
      endsAt: '2026-05-01T11:00:00.000Z',
      status: 'cancelled',
      cancelReason: 'unwell',
      updatedAt: at,
    }),
  ],
  [
    'consent, revoked',
    toFhirConsent({
      id: 'c1',
      patientId: 'p1',
      kind: 'photo-marketing',
      documentVersion: 2,
      documentTitle: 'Photos for marketing',
      signedAt: at,
      revokedAt: '2026-06-01T00:00:00.000Z',
      updatedAt: at,
    }),
  ],
  [
    'questionnaire response',
    toFhirQuestionnaireResponse({
      id: 'q1',
      patientId: 'p1',
      submittedAt: at,
      updatedAt: at,
      answers: {
        kind: 'needlepoint.intake',
        version: 1,
        pregnancy: { pregnant: 'no', breastfeeding: 'unknown' },
        requestedAreas: ['face', 'neck'],
        medications: [{ name: 'Warfarin', dose: 5 }, { name: 'Isotretinoin' }],
        health: { latestHba1c: { percent: 6.1, date: '2026-01-01' }, diabetes: 'yes' },
        empty: [],
        nothing: null,
        flag: true,
      },
    }),
  ],
  [
    'capability statement',
    capabilityStatement({ baseUrl: 'https://clinic.test/fhir/R4', version: '1', date: at }),
  ],
];

// Loading the R4 definitions takes a few seconds on a busy machine.
beforeAll(() => void fhirProblem({ resourceType: 'Basic', code: { text: 'warm-up' } }), 60_000);

describe('served resources validate (Medplum R4 validator)', () => {
  it.each(cases)('%s', (_name, resource) => {
    expect(fhirProblem(resource)).toBeNull();
  });

  it('keeps a status FHIR cannot carry as a note, and hides internal identifiers', () => {
    const condition = toFhirEntry(entry({ status: 'controlled' }));
    expect(condition.note).toEqual([{ text: 'Status as recorded: controlled' }]);
    expect(cases[0]![1].identifier).toEqual([{ system: 'urn:mrn', value: '1' }]);
  });
});

describe('search parameters', () => {
  it.each(servedTypes)('%s: every parameter the CapabilityStatement names has SQL', (type) => {
    expect(Object.keys(sources[type].params).sort()).toEqual(Object.keys(searchParams[type]).sort());
  });
});
