import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { bundleToFacts } from './bundle-to-facts';

const patient = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990-02-03' };
const rx = (extra: Record<string, unknown>) => ({
  resourceType: 'MedicationRequest',
  id: 'abc',
  status: 'active',
  subject: { reference: 'Patient/p1' },
  ...extra,
});
const bundle = (type: string, ...resources: unknown[]) => ({
  resourceType: 'Bundle',
  type,
  entry: resources.map((resource) => ({ resource })),
});

function errorOf(input: unknown): DomainError {
  try {
    bundleToFacts(input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('bundleToFacts', () => {
  it.each(['collection', 'transaction', 'searchset', 'document'])('accepts a %s Bundle', (type) => {
    const facts = bundleToFacts(
      bundle(type, patient, rx({ medicationCodeableConcept: { text: 'Eliquis 5 mg' } })),
    );
    expect(facts.patient).toEqual({ ref: 'Patient/p1', sex: 'female', birthDate: '1990-02-03' });
    expect(facts.medications).toEqual([
      { ref: 'MedicationRequest/abc', codes: [], text: 'Eliquis 5 mg', status: 'active' },
    ]);
  });

  it.each([
    [[1, 2], 'not a FHIR Bundle: expected a JSON object'],
    [{ resourceType: 'Patient' }, 'not a FHIR Bundle: resourceType is "Patient"'],
    [{ resourceType: 'Bundle', type: 'history' }, 'Bundle.type "history" is not supported'],
    [
      bundle('collection', patient, rx({})),
      'entry[1] (MedicationRequest/abc): medicationCodeableConcept missing',
    ],
    [
      bundle('collection', rx({ medicationCodeableConcept: { text: 'x' }, status: 'taken' })),
      'entry[0] (MedicationRequest/abc): status "taken" is not one of',
    ],
    [
      bundle('collection', rx({ medicationCodeableConcept: { text: 'x' }, authoredOn: '03/02/2020' })),
      'entry[0] (MedicationRequest/abc): authoredOn "03/02/2020" is not a FHIR date',
    ],
    [bundle('collection', { resourceType: 'Condition', id: 'c1' }), 'entry[0] (Condition/c1): code missing'],
    [
      bundle('collection', {
        resourceType: 'Condition',
        id: 'c1',
        code: { text: 'acne' },
        clinicalStatus: { coding: [{ code: 'gone' }] },
      }),
      'entry[0] (Condition/c1): clinicalStatus "gone" is not one of',
    ],
    [{ resourceType: 'Bundle', type: 'collection', entry: [{}] }, 'entry[0]: resource missing'],
    [bundle('collection', patient, { ...patient, id: 'p2' }), 'Bundle holds 2 Patient entries'],
    [
      bundle('collection', rx({ medicationReference: { reference: 'Medication/nope' } })),
      'medicationReference Medication/nope does not resolve',
    ],
  ])('rejects %j with a message naming the problem', (input, message) => {
    const error = errorOf(input);
    expect(error.code).toBe('SCREENING_INPUT_INVALID');
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('\n');
  });

  it('resolves medicationReference to a Medication entry or a contained Medication', () => {
    const med = {
      resourceType: 'Medication',
      id: 'm1',
      code: {
        coding: [
          { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '213169', display: 'Plavix' },
        ],
      },
    };
    const facts = bundleToFacts(
      bundle('collection', med, rx({ medicationReference: { reference: 'Medication/m1' } })),
    );
    expect(facts.medications![0]!.codes).toEqual([
      { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '213169', display: 'Plavix' },
    ]);
    const contained = rx({
      contained: [{ ...med, id: 'inline' }],
      medicationReference: { reference: '#inline' },
    });
    expect(bundleToFacts(bundle('collection', contained)).medications![0]!.codes![0]!.code).toBe('213169');
  });

  it('reads MedicationStatement periods, observations, procedures and an empty List as "provided"', () => {
    const facts = bundleToFacts(
      bundle(
        'collection',
        patient,
        {
          resourceType: 'MedicationStatement',
          id: 's1',
          status: 'completed',
          medicationCodeableConcept: { text: 'isotretinoin' },
          effectivePeriod: { start: '2025-01-01', end: '2025-07-01T10:00:00Z' },
        },
        {
          resourceType: 'Observation',
          id: 'o1',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '82810-3' }] },
          effectiveDateTime: '2026-01-02T09:00:00+01:00',
          valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '77386006' }] },
        },
        {
          resourceType: 'Procedure',
          id: 'pr1',
          status: 'completed',
          code: { text: 'Botox' },
          performedPeriod: { start: '2026-01-01', end: '2026-01-01' },
          bodySite: [{ text: 'forehead' }],
        },
        {
          resourceType: 'List',
          id: 'l1',
          status: 'current',
          mode: 'snapshot',
          code: { coding: [{ system: 'http://loinc.org', code: '48765-2' }] },
          emptyReason: { text: 'nil known' },
        },
      ),
    );
    expect(facts.medications![0]).toMatchObject({
      status: 'completed',
      start: '2025-01-01',
      end: '2025-07-01',
    });
    expect(facts.observations![0]).toMatchObject({ effective: '2026-01-02', value: { kind: 'coded' } });
    expect(facts.procedures![0]).toMatchObject({ performedStart: '2026-01-01', bodySites: ['forehead'] });
    expect(facts.provided).toEqual({ conditions: false, medications: true, allergies: true });
  });

  it('ignores other resource types and records about another patient', () => {
    const other = {
      resourceType: 'Condition',
      id: 'c9',
      code: { text: 'acne' },
      subject: { reference: 'Patient/zzz' },
    };
    const facts = bundleToFacts(bundle('searchset', patient, other, { resourceType: 'Encounter', id: 'e1' }));
    expect(facts.conditions).toEqual([]);
  });
});
