import { describe, expect, it } from 'vitest';
import { mapPatient } from './fhir-patient';
import { mapEntry } from './fhir-to-record';
import { entryResourceType, toFhirEntry, toFhirPatient, type EntryData } from './record-to-fhir';

const base: EntryData = {
  id: 'e1',
  patientId: 'p1',
  kind: 'condition',
  sourceRef: null,
  codes: [{ system: 'http://snomed.info/sct', code: '1', display: 'One' }],
  display: 'One thing',
  status: 'active',
  startDate: '2020-02-03',
  endDate: null,
  value: null,
  bodySites: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('record -> FHIR -> record gives the same entry', () => {
  it.each<[string, Partial<EntryData>]>([
    ['condition resolved', { status: 'resolved', endDate: '2021-01-01', bodySites: ['cheek'] }],
    ['condition refuted', { status: 'refuted' }],
    ['allergy', { kind: 'allergy', status: 'active', codes: [] }],
    ['medication statement', { kind: 'medication', status: 'completed', endDate: '2020-03-01' }],
    [
      'medication request',
      { kind: 'medication', sourceRef: 'MedicationRequest/x', status: 'stopped', endDate: '2020-03-01' },
    ],
    ['procedure', { kind: 'procedure', status: 'completed', endDate: '2020-02-04', bodySites: ['face'] }],
    ['observation', { kind: 'observation', status: 'final', value: '12 mg' }],
  ])('%s', (_name, over) => {
    const entry = { ...base, ...over };
    const resource = toFhirEntry(entry);
    expect(resource.resourceType).toBe(entryResourceType(entry.kind, entry.sourceRef));
    const back = mapEntry(resource);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value).toMatchObject({
      kind: entry.kind,
      patientRef: 'Patient/p1',
      codes: entry.codes,
      display: entry.display,
      status: entry.status,
      startDate: entry.startDate,
      endDate: entry.endDate,
      value: entry.value,
      bodySites: entry.bodySites,
    });
  });

  it('a patient keeps their demographics and identifiers', () => {
    const resource = toFhirPatient({
      id: 'p1',
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
      givenName: 'Ann Marie',
      familyName: 'Lee',
      birthDate: '1980-01-01',
      sex: 'female',
      email: 'a@example.org',
      phone: '+1 555',
      address: '1 Main St',
      archived: false,
      mergedInto: null,
      identifiers: [{ system: 'urn:mrn', value: '7' }],
    });
    const back = mapPatient(resource);
    expect(back.ok && back.value).toMatchObject({
      givenName: 'Ann Marie',
      familyName: 'Lee',
      birthDate: '1980-01-01',
      sex: 'female',
      email: 'a@example.org',
      phone: '+1 555',
      address: '1 Main St',
      identifiers: [{ system: 'urn:mrn', value: '7' }],
    });
  });
});
