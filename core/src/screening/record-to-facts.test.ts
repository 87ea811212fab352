import { describe, expect, it } from 'vitest';
import type { ClinicalEntry, PatientRecord } from '../contracts/patients';
import { clinicalKnowledge } from '../knowledge/knowledge';
import { answerKeys } from '../knowledge/knowledge.schema';
import { defaultScreeningSettings } from '../knowledge/settings';
import { evaluate } from './evaluate';
import { recordToFacts } from './record-to-facts';

const asOf = '2026-11-25';
let n = 0;
const entry = (
  e: Partial<ClinicalEntry> & Pick<ClinicalEntry, 'kind' | 'display' | 'status'>,
): ClinicalEntry => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  system: null,
  code: null,
  codes: [],
  startDate: null,
  endDate: null,
  value: null,
  bodySites: [],
  source: 'clinic',
  ...e,
});

/** A record with every question answered "no" and every list confirmed empty: the baseline that proceeds. */
function record(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    givenName: 'Test',
    familyName: 'Patient',
    birthDate: '1970-01-01',
    sex: 'male',
    email: null,
    phone: null,
    archived: false,
    address: '',
    fitzpatrick: 2,
    concerns: [],
    notes: '',
    answers: Object.fromEntries(
      answerKeys.filter((k) => k !== 'pregnant' && k !== 'breastfeeding').map((k) => [k, { value: 'no' }]),
    ),
    listsReviewed: { conditions: '2026-11-20', medications: '2026-11-20', allergies: '2026-11-20' },
    version: 1,
    mergedInto: null,
    entries: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const screen = (r: PatientRecord) =>
  evaluate(recordToFacts(r), clinicalKnowledge, defaultScreeningSettings, asOf, {
    areas: ['face'],
    modality: 'mechanical',
  });
const codes = (r: PatientRecord) => screen(r).findings.map((f) => f.code);
const rxnorm = 'http://www.nlm.nih.gov/research/umls/rxnorm';

describe('screening a clinic record', () => {
  it('proceeds when everything is answered and nothing applies', () => {
    expect(screen(record())).toMatchObject({ verdict: 'proceed', findings: [] });
  });

  it.each([
    [
      'coded apixaban',
      entry({
        kind: 'medication',
        display: 'apixaban 5 MG Oral Tablet',
        status: 'active',
        codes: [{ system: rxnorm, code: '1364445' }],
      }),
      'ANTICOAGULANT',
    ],
    [
      'free-text brand Eliquis',
      entry({ kind: 'medication', display: 'Eliquis', status: 'active' }),
      'ANTICOAGULANT',
    ],
    [
      'clopidogrel by name',
      entry({ kind: 'medication', display: 'clopidogrel 75 mg', status: 'active' }),
      'ANTIPLATELET',
    ],
    [
      'isotretinoin stopped 2 months ago',
      entry({
        kind: 'medication',
        display: 'Absorica',
        status: 'stopped',
        startDate: '2026-01-01',
        endDate: '2026-09-25',
      }),
      'ISOTRETINOIN',
    ],
  ])('%s gives %s', (_name, e, code) => {
    expect(codes(record({ entries: [e] }))).toContain(code);
  });

  it.each([
    [
      'isotretinoin stopped 3 years ago',
      entry({
        kind: 'medication',
        display: 'isotretinoin',
        status: 'stopped',
        startDate: '2023-01-01',
        endDate: '2023-06-01',
      }),
    ],
    [
      'an entered-in-error anticoagulant',
      entry({ kind: 'medication', display: 'warfarin', status: 'entered-in-error' }),
    ],
  ])('%s gives nothing', (_name, e) => {
    expect(screen(record({ entries: [e] })).verdict).toBe('proceed');
  });

  it('asks for prescriber clearance for an anticoagulant, never to stop it', () => {
    const result = screen(
      record({ entries: [entry({ kind: 'medication', display: 'Xarelto', status: 'active' })] }),
    );
    expect(result.verdict).toBe('needs-clearance');
    const action = result.findings.find((f) => f.code === 'ANTICOAGULANT')!.action;
    expect(action).toMatch(/prescriber/i);
    expect(action).not.toMatch(/\b(stop|discontinue)\b/i);
  });

  it('reads HbA1c values recorded as text against the clinic threshold', () => {
    const entries = [
      entry({
        kind: 'condition',
        display: 'Diabetes mellitus type 2',
        status: 'active',
        codes: [{ system: 'http://snomed.info/sct', code: '44054006' }],
      }),
      entry({
        kind: 'observation',
        display: 'Hemoglobin A1c',
        status: 'final',
        codes: [{ system: 'http://loinc.org', code: '4548-4' }],
        startDate: '2026-10-01',
        value: '9.1 %',
      }),
    ];
    expect(
      codes(record({ entries, answers: { ...record().answers, diabetes: { value: 'yes' } } })),
    ).toContain('UNCONTROLLED_DIABETES');
  });

  it('says what is missing instead of assuming none', () => {
    const result = screen(record({ listsReviewed: {}, answers: {} }));
    expect(result.verdict).not.toBe('proceed');
    expect(result.findings.map((f) => f.code)).toContain('MISSING_INFORMATION');
    expect(JSON.stringify(result.findings)).toMatch(/medication list/);
  });

  it('takes a yes to pregnancy from the intake answers', () => {
    const result = screen(
      record({
        sex: 'female',
        birthDate: '1995-01-01',
        answers: { ...record().answers, pregnant: { value: 'yes' }, breastfeeding: { value: 'no' } },
      }),
    );
    expect(result.findings.map((f) => f.code)).toContain('PREGNANCY');
  });
});
