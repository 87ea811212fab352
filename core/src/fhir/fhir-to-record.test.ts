import { describe, expect, it } from 'vitest';
import { toIsoDate, type Json } from './fhir-json';
import { mapPatient } from './fhir-patient';
import { mapEntry } from './fhir-to-record';

const rx = 'http://www.nlm.nih.gov/research/umls/rxnorm';

describe('toIsoDate', () => {
  it.each([
    ['2020-05-06T10:00:00-04:00', '2020-05-06'],
    ['2020-05', '2020-05-01'],
    ['2020', '2020-01-01'],
    ['05/06/2020', undefined],
    [42, undefined],
  ])('%s -> %s', (input, expected) => expect(toIsoDate(input)).toBe(expected));
});

describe('mapPatient', () => {
  it('takes the official name, birth date, sex, contacts and identifiers', () => {
    const result = mapPatient({
      resourceType: 'Patient',
      id: 'p1',
      name: [
        { use: 'nickname', given: ['Bee'], family: 'X' },
        { use: 'official', given: ['Beatrix', 'Anne'], family: 'Kiddo' },
      ],
      birthDate: '1980-02-03',
      gender: 'female',
      telecom: [
        { system: 'phone', value: '555-1234' },
        { system: 'email', value: 'b@k.test' },
      ],
      address: [{ line: ['1 Main St'], city: 'Pasadena', country: 'US' }],
      identifier: [{ system: 'urn:mrn', value: 'M1' }, { value: 'no-system' }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        sourceRef: 'Patient/p1',
        givenName: 'Beatrix Anne',
        familyName: 'Kiddo',
        birthDate: '1980-02-03',
        sex: 'female',
        email: 'b@k.test',
        phone: '555-1234',
        address: '1 Main St, Pasadena, US',
        identifiers: [{ system: 'urn:mrn', value: 'M1' }],
        birthSex: null,
        deceased: false,
        deceasedDate: null,
      },
    });
  });

  it.each([
    [{ name: [{ given: ['A'] }], birthDate: '1980-01-01' }, /name/],
    [{ name: [{ given: ['A'], family: 'B' }] }, /birthDate/],
    [{ name: [{ given: ['A'], family: 'B' }], birthDate: '1980' }, /birthDate/],
  ])('rejects %j', (resource, reason) => {
    const result = mapPatient({ resourceType: 'Patient', id: 'x', ...resource } as Json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('mapEntry', () => {
  it('keeps every original medication code, status and dates', () => {
    const result = mapEntry({
      resourceType: 'MedicationRequest',
      id: 'm1',
      status: 'stopped',
      medicationCodeableConcept: {
        coding: [{ system: rx, code: '309362', display: 'clopidogrel 75 MG Oral Tablet' }],
      },
      subject: { reference: 'urn:uuid:abc' },
      authoredOn: '2019-01-02T00:00:00Z',
      dispenseRequest: { validityPeriod: { start: '2019-01-02', end: '2019-07-02' } },
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'medication',
        sourceRef: 'MedicationRequest/m1',
        patientRef: 'urn:uuid:abc',
        codes: [{ system: rx, code: '309362' }],
        display: 'clopidogrel 75 MG Oral Tablet',
        status: 'stopped',
        startDate: '2019-01-02',
        endDate: '2019-07-02',
      },
    });
  });

  it('resolves a medicationReference to a Medication in the same import', () => {
    const medications = new Map<string, Json>([
      ['Medication/x', { code: { coding: [{ system: rx, code: '1364430', display: 'apixaban' }] } }],
    ]);
    const result = mapEntry(
      {
        resourceType: 'MedicationStatement',
        id: 's1',
        status: 'active',
        medicationReference: { reference: 'Medication/x' },
        subject: { reference: 'Patient/1' },
      },
      (key) => medications.get(key),
    );
    expect(result.ok && result.value.codes[0]?.code).toBe('1364430');
  });

  it('takes free text when there is no code (a brand name typed by a person)', () => {
    const result = mapEntry({
      resourceType: 'MedicationStatement',
      id: 's2',
      status: 'active',
      medicationCodeableConcept: { text: 'Eliquis' },
      subject: { reference: 'Patient/1' },
    });
    expect(result).toMatchObject({ ok: true, value: { codes: [], display: 'Eliquis' } });
  });

  it.each([
    [
      'condition resolved',
      {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ code: 'resolved' }] },
        abatementDateTime: '2010-03-04',
      },
      'resolved',
      '2010-03-04',
    ],
    [
      'condition entered in error',
      {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ code: 'active' }] },
        verificationStatus: { coding: [{ code: 'entered-in-error' }] },
      },
      'entered-in-error',
      null,
    ],
  ])('%s', (_name, resource, status, endDate) => {
    const result = mapEntry({
      id: 'c',
      code: { text: 'Herpes labialis' },
      subject: { reference: 'Patient/1' },
      ...resource,
    } as Json);
    expect(result).toMatchObject({ ok: true, value: { status, endDate } });
  });

  it('formats observation values', () => {
    const result = mapEntry({
      resourceType: 'Observation',
      id: 'o',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
      subject: { reference: 'Patient/1' },
      effectiveDateTime: '2026-10-01',
      valueQuantity: { value: 8.4, unit: '%' },
    });
    expect(result).toMatchObject({ ok: true, value: { value: '8.4 %', startDate: '2026-10-01' } });
  });

  it.each([
    [
      { resourceType: 'Encounter', id: 'e', subject: { reference: 'Patient/1' } },
      /not a clinical record type/,
    ],
    [{ resourceType: 'Condition', code: { text: 'x' }, subject: { reference: 'Patient/1' } }, /no id/],
    [{ resourceType: 'Condition', id: 'c', code: { text: 'x' } }, /does not reference its patient/],
    [{ resourceType: 'Condition', id: 'c', subject: { reference: 'Patient/1' } }, /no code or text/],
  ])('rejects %j', (resource, reason) => {
    const result = mapEntry(resource as Json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
