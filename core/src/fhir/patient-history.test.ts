import { describe, expect, it } from 'vitest';
import { patientVersions } from './patient-history';
import type { PatientData } from './record-to-fhir';

const current: PatientData = {
  id: 'p1',
  version: 3,
  updatedAt: '2026-03-01T00:00:00.000Z',
  givenName: 'Ann',
  familyName: 'Lee',
  birthDate: '1980-01-01',
  sex: 'female',
  email: 'ann@example.org',
  phone: null,
  address: '',
  archived: false,
  mergedInto: null,
  identifiers: [],
};

describe('patient versions', () => {
  it('undoes each version’s changes, newest first', () => {
    const versions = patientVersions(current, [
      {
        version: 3,
        changedAt: '2026-03-01T00:00:00.000Z',
        changes: { familyName: { from: 'Smith', to: 'Lee' } },
      },
      {
        version: 2,
        changedAt: '2026-02-01T00:00:00.000Z',
        changes: { email: { from: null, to: 'ann@example.org' } },
      },
      { version: 1, changedAt: '2026-01-01T00:00:00.000Z', changes: {} },
    ]);
    expect(versions.map((v) => [v.version, v.familyName, v.email, v.updatedAt])).toEqual([
      [3, 'Lee', 'ann@example.org', '2026-03-01T00:00:00.000Z'],
      [2, 'Smith', 'ann@example.org', '2026-02-01T00:00:00.000Z'],
      [1, 'Smith', null, '2026-01-01T00:00:00.000Z'],
    ]);
  });
});
