import { describe, expect, it } from 'vitest';
import { clinicalKnowledge } from '../knowledge/knowledge';
import { defaultScreeningSettings } from '../knowledge/settings';
import { evaluate } from '../screening/evaluate';
import { recordToFacts } from '../screening/record-to-facts';
import { bundleRecordToFactsRecord, bundleToRecord } from './bundle-to-record';
import type { Json } from './fhir-json';

/**
 * Every way a medication or a screening concept can arrive in FHIR R4, each alone in a Bundle, read through
 * the one mapping (FHIR -> record entries -> facts) and screened. Each case must flag on its own.
 */

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const asOf = '2026-03-01';
const patientUrl = 'urn:uuid:5d4c1a2e-0000-4000-8000-000000000001';
const subject = { reference: patientUrl };
const warfarin = { coding: [{ system: RX, code: '855332', display: 'warfarin sodium 5 MG Oral Tablet' }] };

const patient = (extra: Json = {}): Json => ({
  resourceType: 'Patient',
  id: 'p1',
  name: [{ family: 'Shaw', given: ['Amy'] }],
  gender: 'female',
  birthDate: '1990-02-03',
  ...extra,
});

function bundle(...entries: Array<Json | { fullUrl: string; resource: Json }>): Json {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: patientUrl, resource: patient() },
      ...entries.map((e) => ('fullUrl' in e ? e : { resource: e })),
    ],
  };
}

function screen(doc: Json, date = asOf) {
  const record = bundleToRecord(doc);
  const facts = recordToFacts(bundleRecordToFactsRecord(record, date));
  const result = evaluate(facts, clinicalKnowledge, defaultScreeningSettings, date, {
    areas: ['face'],
    modality: 'mechanical',
  });
  return { record, result, codes: result.findings.map((f) => f.code) };
}

const request = (medication: Json, extra: Json = {}): Json => ({
  resourceType: 'MedicationRequest',
  id: 'mr1',
  status: 'active',
  intent: 'order',
  subject,
  authoredOn: '2026-01-10',
  ...medication,
  ...extra,
});
const medication = (id: string, code: Json | null = warfarin): Json => ({
  resourceType: 'Medication',
  id,
  ...(code ? { code } : {}),
});

describe('a medication is read however it is named (each alone flags ANTICOAGULANT)', () => {
  it.each<[string, Json]>([
    ['MedicationRequest.medicationCodeableConcept', bundle(request({ medicationCodeableConcept: warfarin }))],
    [
      'MedicationStatement.medicationCodeableConcept (text only)',
      bundle({
        resourceType: 'MedicationStatement',
        id: 'ms1',
        status: 'active',
        subject,
        medicationCodeableConcept: { text: 'Coumadin 5 mg' },
        effectivePeriod: { start: '2025-11' },
      }),
    ],
    [
      'MedicationAdministration (in progress)',
      bundle({
        resourceType: 'MedicationAdministration',
        id: 'ma1',
        status: 'in-progress',
        subject,
        medicationCodeableConcept: warfarin,
        effectiveDateTime: '2026-02-27T10:00:00Z',
      }),
    ],
    [
      'MedicationDispense handed over two days ago',
      bundle({
        resourceType: 'MedicationDispense',
        id: 'md1',
        status: 'completed',
        subject,
        medicationCodeableConcept: warfarin,
        whenHandedOver: '2026-02-27',
      }),
    ],
    [
      'a reference to a contained Medication',
      bundle(
        request({
          contained: [medication('med1')],
          medicationReference: { reference: '#med1' },
        }),
      ),
    ],
    [
      'a Medication earlier in the Bundle, by urn:uuid fullUrl',
      bundle(
        { fullUrl: 'urn:uuid:0b1c6a36-1111-4000-8000-000000000002', resource: medication('w1') },
        request({ medicationReference: { reference: 'urn:uuid:0b1c6a36-1111-4000-8000-000000000002' } }),
      ),
    ],
    [
      'a Medication later in the Bundle, by Medication/id',
      bundle(request({ medicationReference: { reference: 'Medication/w2' } }), medication('w2')),
    ],
    [
      'a Medication with an absolute fullUrl, referenced as Medication/id',
      bundle(
        { fullUrl: 'http://example.org/fhir/Medication/w3', resource: medication('w3') },
        request({ medicationReference: { reference: 'Medication/w3' } }),
      ),
    ],
    [
      'a Medication referenced by its absolute URL',
      bundle(request({ medicationReference: { reference: 'http://example.org/fhir/Medication/w4' } }), {
        fullUrl: 'http://example.org/fhir/Medication/w4',
        resource: medication('w4'),
      }),
    ],
    [
      'a reference whose Medication is missing but whose display names it',
      bundle(request({ medicationReference: { reference: 'Medication/gone', display: 'Warfarin 5 mg' } })),
    ],
  ])('%s', (_label, doc) => {
    const { codes, result } = screen(doc);
    expect(codes).toContain('ANTICOAGULANT');
    expect(result.verdict).toBe('needs-clearance');
  });
});

describe('a medication that cannot be named is kept for review, never dropped', () => {
  it.each<[string, Json]>([
    [
      'a reference to a Medication that is nowhere',
      bundle(request({ medicationReference: { reference: 'Medication/nowhere' } })),
    ],
    [
      'a Medication without a code',
      bundle(request({ medicationReference: { reference: 'Medication/w5' } }), medication('w5', null)),
    ],
    [
      'a contained reference that does not resolve',
      bundle(request({ medicationReference: { reference: '#nope' } })),
    ],
    ['no medication[x] at all', bundle(request({}))],
    [
      'a MedicationDispense naming nothing readable',
      bundle({
        resourceType: 'MedicationDispense',
        id: 'md2',
        status: 'completed',
        subject,
        medicationReference: { reference: 'Medication/x' },
      }),
    ],
  ])('%s: MISSING_INFORMATION, verdict at least needs-review', (_label, doc) => {
    const { record, result } = screen(doc);
    const kept = record.entries.filter((e) => e.kind === 'medication');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.review).toMatch(/not (named|readable)/);
    const missing = result.findings.find(
      (f) => f.code === 'MISSING_INFORMATION' && f.evidence.some((e) => e.source === 'medication'),
    );
    expect(missing?.title).toMatch(/medication entry that could not be read/);
    expect(['needs-review', 'needs-clearance', 'defer', 'do-not-treat']).toContain(result.verdict);
  });
});

describe('a concept is recognised from every resource type that carries it', () => {
  const obs = (code: string, value: Json): Json => ({
    resourceType: 'Observation',
    id: `o-${code}`,
    status: 'final',
    subject,
    code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: '2026-02-20',
    ...value,
  });
  const condition = (code: Json, extra: Json = {}): Json => ({
    resourceType: 'Condition',
    id: 'c1',
    subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    code,
    onsetDateTime: '2025-12-01',
    ...extra,
  });
  const procedure = (code: Json, extra: Json = {}): Json => ({
    resourceType: 'Procedure',
    id: 'pr1',
    status: 'completed',
    subject,
    code,
    performedDateTime: '2026-01-15',
    ...extra,
  });
  const allergy = (code: Json, extra: Json = {}): Json => ({
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    patient: subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    code,
    ...extra,
  });

  it.each<[string, Json, string]>([
    [
      'chemotherapy as a Procedure (SNOMED)',
      bundle(procedure({ coding: [{ system: SCT, code: '367336001' }] })),
      'CHEMOTHERAPY',
    ],
    [
      'chemotherapy as a Procedure (text)',
      bundle(procedure({ text: 'Antineoplastic chemotherapy' })),
      'CHEMOTHERAPY',
    ],
    [
      'chemotherapy as a medication',
      bundle(request({ medicationCodeableConcept: { text: 'cisplatin 50 MG injection' } })),
      'CHEMOTHERAPY',
    ],
    [
      'radiotherapy as a Procedure',
      bundle(procedure({ coding: [{ system: SCT, code: '108290001' }] })),
      'RADIOTHERAPY_AREA',
    ],
    [
      'pregnancy as a Condition',
      bundle(condition({ coding: [{ system: SCT, code: '77386006' }] })),
      'PREGNANCY',
    ],
    [
      'pregnancy as an Observation (LOINC 82810-3, coded)',
      bundle(
        obs('82810-3', {
          valueCodeableConcept: { coding: [{ system: SCT, code: '77386006', display: 'Pregnant' }] },
        }),
      ),
      'PREGNANCY',
    ],
    [
      'pregnancy as an Observation (coded without display)',
      bundle(obs('82810-3', { valueCodeableConcept: { coding: [{ system: SCT, code: '77386006' }] } })),
      'PREGNANCY',
    ],
    [
      'breastfeeding as a Condition',
      bundle(condition({ coding: [{ system: SCT, code: '169750002' }] })),
      'BREASTFEEDING',
    ],
    [
      'breastfeeding as an Observation (LOINC 63895-7)',
      bundle(obs('63895-7', { valueCodeableConcept: { text: 'Breastfeeding' } })),
      'BREASTFEEDING',
    ],
    [
      'an active malignancy (SNOMED)',
      bundle(condition({ coding: [{ system: SCT, code: '363346000' }] })),
      'ACTIVE_MALIGNANCY',
    ],
    [
      'an active malignancy (ICD-10)',
      bundle(condition({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C50.911' }] })),
      'ACTIVE_MALIGNANCY',
    ],
    ['an allergy by code', bundle(allergy({ coding: [{ system: RX, code: '6387' }] })), 'ANESTHETIC_ALLERGY'],
    ['an allergy by text', bundle(allergy({ text: 'Lidocaine' })), 'ANESTHETIC_ALLERGY'],
    ['a metal allergy by text', bundle(allergy({ text: 'Nickel' })), 'METAL_ALLERGY'],
  ])('%s flags %s', (_label, doc, code) => {
    expect(screen(doc).codes).toContain(code);
  });

  it('a resolved malignancy and an unrelated condition do not flag ACTIVE_MALIGNANCY', () => {
    const resolved = condition(
      { coding: [{ system: SCT, code: '363346000' }] },
      { clinicalStatus: { coding: [{ code: 'resolved' }] }, abatementDateTime: '2015-01-01' },
    );
    expect(screen(bundle(resolved)).codes).not.toContain('ACTIVE_MALIGNANCY');
    expect(screen(bundle(condition({ text: 'Seasonal allergic rhinitis' }))).codes).not.toContain(
      'ACTIVE_MALIGNANCY',
    );
  });

  it('an allergy with a reaction but no manifestation is kept for review, not rejected', () => {
    const { record, result } = screen(
      bundle(allergy({ text: 'Latex' }, { reaction: [{ severity: 'severe' }] })),
    );
    expect(record.entries).toMatchObject([{ kind: 'allergy', display: 'Latex', review: expect.any(String) }]);
    expect(result.verdict).toBe('needs-review');
  });

  it('a latex allergy by text is kept on the record', () => {
    const { record } = screen(bundle(allergy({ text: 'Latex' })));
    expect(record.entries).toMatchObject([{ kind: 'allergy', display: 'Latex', review: null }]);
  });
});

describe('patient facts', () => {
  const only = (p: Json) =>
    bundleToRecord({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: p }] });

  it.each<[string, Json, boolean, string | null]>([
    ['deceasedBoolean', { deceasedBoolean: true }, true, null],
    ['deceasedDateTime (year only)', { deceasedDateTime: '2019' }, true, '2019'],
    ['deceasedDateTime', { deceasedDateTime: '2019-04-05T10:00:00Z' }, true, '2019-04-05'],
    ['alive', { deceasedBoolean: false }, false, null],
  ])('%s', (_label, extra, deceased, date) => {
    expect(only(patient(extra)).patient).toMatchObject({ deceased, deceasedDate: date });
  });

  it('reads US Core birth sex and individual sex when gender is missing', () => {
    const birthSex = only(
      patient({
        gender: undefined,
        extension: [
          { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' },
        ],
      }),
    ).patient!;
    expect(birthSex).toMatchObject({ sex: 'female', birthSex: 'female' });
    const individual = only(
      patient({
        gender: 'unknown',
        extension: [
          {
            url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-individual-sex',
            valueCoding: { system: SCT, code: '248153007' },
          },
        ],
      }),
    ).patient!;
    expect(individual).toMatchObject({ sex: 'male' });
  });

  it('a birth sex that differs from gender keeps pregnancy status open (child-bearing potential)', () => {
    const doc = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: patient({
            gender: 'male',
            extension: [
              { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' },
            ],
          }),
        },
      ],
    };
    const missing = screen(doc).result.findings.filter((f) => f.code === 'MISSING_INFORMATION');
    expect(missing.map((f) => f.ruleId)).toContain('pregnancy');
  });

  it('partial dates keep their precision and count for their whole period', () => {
    const stopped = (end: string) =>
      bundle({
        resourceType: 'MedicationStatement',
        id: 'iso1',
        status: 'completed',
        subject,
        medicationCodeableConcept: { text: 'isotretinoin 20 mg' },
        effectivePeriod: { start: '2023-11', end },
      });
    const month = screen(stopped('2024-05'), '2024-11-15');
    expect(month.record.entries[0]).toMatchObject({ startDate: '2023-11', endDate: '2024-05' });
    // Stopped some time in May 2024: the 6-month wait runs from the end of May.
    expect(month.codes).toContain('ISOTRETINOIN');
    expect(screen(stopped('2024-05-01'), '2024-11-15').codes).not.toContain('ISOTRETINOIN');
    expect(screen(stopped('2024'), '2025-06-15').codes).toContain('ISOTRETINOIN');
  });
});

describe('what the command line accepts', () => {
  it('a Bundle with several patients needs a patient id, and lists them', () => {
    const two = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: patient() }, { resource: patient({ id: 'p2' }) }],
    };
    expect(() => bundleToRecord(two)).toThrow(/2 patients; choose one with --patient <id>: p1, p2/);
    expect(bundleToRecord(two, { patientId: 'p2' }).patient?.sourceRef).toBe('Patient/p2');
    expect(() => bundleToRecord(two, { patientId: 'p9' })).toThrow(
      /no Patient with id p9 \(patients: p1, p2\)/,
    );
  });

  it('a single resource file is accepted', () => {
    const record = bundleToRecord(
      request({ medicationCodeableConcept: warfarin }, { subject: { reference: 'Patient/x' } }),
    );
    expect(record.entries).toHaveLength(1);
  });

  it('a malformed entry is a warning and the rest is screened', () => {
    const doc = bundle(request({ medicationCodeableConcept: warfarin }));
    (doc.entry as unknown[]).push({ nothing: true }, 'junk');
    const { record, codes } = screen(doc);
    expect(record.warnings).toHaveLength(2);
    expect(codes).toContain('ANTICOAGULANT');
  });

  it('entries about another patient are left out', () => {
    const other = request(
      { medicationCodeableConcept: warfarin },
      { subject: { reference: 'Patient/someone-else' } },
    );
    expect(screen(bundle(other)).codes).not.toContain('ANTICOAGULANT');
  });
});
