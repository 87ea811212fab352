import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { screenPatient } from '../screening/screening.service';
import { importFhir } from './fhir-import.service';
import { readBundle, readNdjson } from './import-sources';

// Matching people safely, medications named however they arrive, transactions all or nothing, FHIR errors.

let t: TestApp;
let clinicId: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  cookie = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

const system = () => ({
  userId: null,
  clinicId,
  role: null,
  ip: null,
  requestId: 'test',
  clock: systemClock,
});
type R = Record<string, unknown>;

const patient = (id: string, given: string, family: string, birthDate: string, identifiers: R[] = []): R => ({
  resourceType: 'Patient',
  id,
  name: [{ given: [given], family }],
  gender: 'female',
  birthDate,
  identifier: identifiers,
});
const ssn = (value: string) => ({ system: 'http://hl7.org/fhir/sid/us-ssn', value });
const mrn = (value: string) => ({ system: 'urn:clinic:mrn', value });

function importBundle(entries: R[], type = 'collection') {
  const bundle = { resourceType: 'Bundle', type, entry: entries.map((resource) => ({ resource })) };
  return importFhir(
    t.database.db,
    system(),
    readBundle(Readable.from([JSON.stringify(bundle)]), 'test.json'),
  );
}
function importLines(resources: R[]) {
  return importFhir(
    t.database.db,
    system(),
    readNdjson(Readable.from([resources.map((r) => JSON.stringify(r)).join('\n')]), 'test.ndjson'),
  );
}
async function patientsNamed(family: string) {
  const { rows } = await t.database.db.query<{ id: string; given_name: string; deceased: boolean }>(
    'SELECT id, given_name, deceased FROM patients WHERE clinic_id = $1 AND family_name = $2 ORDER BY created_at',
    [clinicId, family],
  );
  return rows;
}
async function duplicatesOf(patientId: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/imports/possible-duplicates?patientId=${patientId}`,
    headers: { cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json().duplicates as {
    id: string;
    reason: string;
    otherPatientId: string;
    patientId: string;
  }[];
}

describe('matching people safely', () => {
  it('placeholder identifiers never match: two people with SSN 999-99-9999 stay two, with no duplicate', async () => {
    await importBundle([patient('ph1', 'Ana', 'Placeholder', '1970-01-01', [ssn('999-99-9999')])]);
    await importBundle([patient('ph2', 'Bea', 'Placeholder', '1982-05-05', [ssn('999-99-9999')])]);
    await importBundle([patient('ph3', 'Cy', 'Placeholder', '1990-09-09', [ssn('000-00-0000')])]);
    const rows = await patientsNamed('Placeholder');
    expect(rows.map((r) => r.given_name)).toEqual(['Ana', 'Bea', 'Cy']);
    for (const r of rows) expect(await duplicatesOf(r.id)).toEqual([]);
  });

  it('a shared identifier with a different name and birth date is a possible duplicate, never a merge', async () => {
    await importBundle([patient('sh1', 'Dana', 'Shared', '1975-03-03', [ssn('123-11-4567')])]);
    const report = await importBundle([
      patient('other-sys-9', 'Erin', 'Sharedd', '1988-08-08', [ssn('123-11-4567')]),
    ]);
    expect(report.patients.created).toBe(1);
    const [dana] = await patientsNamed('Shared');
    const [erin] = await patientsNamed('Sharedd');
    expect(dana && erin).toBeTruthy();
    const duplicates = await duplicatesOf(erin!.id);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ patientId: erin!.id, otherPatientId: dana!.id });
    expect(duplicates[0]!.reason).toMatch(/shares identifier 123-11-4567/);
    // Dana's record is untouched.
    const { rows } = await t.database.db.query('SELECT given_name, birth_date FROM patients WHERE id = $1', [
      dana!.id,
    ]);
    expect(rows[0]).toMatchObject({ given_name: 'Dana', birth_date: '1975-03-03' });
  });

  it('an identifier with the same name and birth date matches (another source, same person)', async () => {
    await importBundle([patient('src-a-1', 'Fay', 'Same', '1969-06-06', [mrn('M-7781')])]);
    const report = await importBundle([patient('src-b-77', 'Fay', 'Same', '1969-06-06', [mrn('M-7781')])]);
    expect(report.patients).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await patientsNamed('Same')).toHaveLength(1);
  });

  it('the same name and birth date with a different identifier in the same system is a possible duplicate', async () => {
    await importBundle([patient('tw1', 'Gil', 'Twin', '2000-02-02', [mrn('M-1001')])]);
    await importBundle([patient('tw2', 'Gil', 'Twin', '2000-02-02', [mrn('M-2002')])]);
    const rows = await patientsNamed('Twin');
    expect(rows).toHaveLength(2);
    expect((await duplicatesOf(rows[1]!.id))[0]?.reason).toMatch(/different identifier/);
    const dismiss = await t.app.inject({
      method: 'POST',
      url: `/api/imports/possible-duplicates/${(await duplicatesOf(rows[1]!.id))[0]!.id}/dismiss`,
      headers: { cookie },
    });
    expect(dismiss.statusCode).toBe(200);
    expect(await duplicatesOf(rows[1]!.id)).toEqual([]);
  });

  it('re-importing identical files reports 0 created, 0 updated', async () => {
    const resources = [
      patient('re1', 'Hal', 'Again', '1960-01-01', [mrn('M-3003')]),
      {
        resourceType: 'Condition',
        id: 're-c1',
        subject: { reference: 'Patient/re1' },
        code: { text: 'Type 2 diabetes' },
        clinicalStatus: { coding: [{ code: 'active' }] },
        onsetDateTime: '2019-04',
      },
      {
        resourceType: 'MedicationRequest',
        id: 're-m1',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/re1' },
        medicationReference: { reference: 'Medication/re-med' },
      },
      { resourceType: 'Medication', id: 're-med', code: { text: 'Warfarin 5 mg' } },
    ];
    const first = await importLines(resources);
    expect(first.rejected).toEqual([]);
    expect(first.patients.created).toBe(1);
    const second = await importLines(resources);
    expect(second.patients).toEqual({ created: 0, updated: 0, unchanged: 1 });
    for (const counts of Object.values(second.resources))
      expect(counts).toMatchObject({ created: 0, updated: 0 });
    expect(second.rejected).toEqual([]);
  });

  it('the same resource twice in one import is stored once, with no database error', async () => {
    const condition = {
      resourceType: 'Condition',
      id: 'twice-c1',
      subject: { reference: 'Patient/twice' },
      code: { text: 'Rosacea' },
    };
    const report = await importLines([
      patient('twice', 'Ida', 'Twice', '1977-07-07'),
      condition,
      condition,
      patient('twice', 'Ida', 'Twice', '1977-07-07'),
    ]);
    expect(report.rejected).toEqual([]);
    expect(report.resources.Condition).toEqual({ created: 1, updated: 0, unchanged: 1 });
    expect(report.patients).toEqual({ created: 1, updated: 0, unchanged: 1 });
  });
});

describe('medications are named however they arrive, and never dropped', () => {
  it('names a medication from a Medication stored by an earlier import, and keeps an unnamed one for review', async () => {
    await importLines([
      { resourceType: 'Medication', id: 'stored-warfarin', code: { text: 'warfarin 5 MG Oral Tablet' } },
    ]);
    const report = await importLines([
      patient('med-p', 'Jo', 'Medicated', '1966-06-16'),
      {
        resourceType: 'MedicationStatement',
        id: 'med-s1',
        status: 'active',
        subject: { reference: 'Patient/med-p' },
        medicationReference: { reference: 'Medication/stored-warfarin' },
      },
      {
        resourceType: 'MedicationRequest',
        id: 'med-r1',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/med-p' },
        medicationReference: { reference: 'Medication/nowhere' },
      },
    ]);
    expect(report.rejected).toEqual([]);
    const [jo] = await patientsNamed('Medicated');
    const { rows } = await t.database.db.query<{ display: string; review: string | null }>(
      "SELECT display, review FROM patient_entries WHERE patient_id = $1 AND kind = 'medication' ORDER BY display",
      [jo!.id],
    );
    expect(rows).toEqual([
      { display: 'Medication not named', review: expect.stringMatching(/Medication\/nowhere/) },
      { display: 'warfarin 5 MG Oral Tablet', review: null },
    ]);
    const screening = await t.database.db.transaction((client) =>
      screenPatient(
        client,
        systemClock,
        system(),
        jo!.id,
        { areas: ['face'], modality: 'mechanical' },
        {
          trigger: 'manual',
        },
      ),
    );
    const codes = screening.findings.map((f) => f.code);
    expect(codes).toContain('ANTICOAGULANT');
    expect(
      screening.findings.some((f) => f.code === 'MISSING_INFORMATION' && /could not be read/.test(f.title)),
    ).toBe(true);
  });

  it('a deceased patient is imported as deceased and can be neither invited nor booked', async () => {
    await importLines([
      { ...patient('dead1', 'Kit', 'Deceased', '1940-01-01'), deceasedDateTime: '2024-03' },
    ]);
    const [kit] = await patientsNamed('Deceased');
    expect(kit!.deceased).toBe(true);
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${kit!.id}/invitations`,
      headers: { cookie },
      payload: {},
    });
    expect(invite.json().error?.code).toBe('PATIENT_DECEASED');
    const booking = await t.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { cookie },
      payload: { patientId: kit!.id, serviceTypeId: 'consultation', start: '2030-01-07T10:00:00Z' },
    });
    expect(booking.statusCode).toBe(409);
    expect(booking.json().error?.code).toBe('PATIENT_DECEASED');
    const record = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${kit!.id}`,
      headers: { cookie },
    });
    expect(record.json()).toMatchObject({ deceased: true, deceasedDate: '2024-03' });
  });
});

describe('POST /fhir/R4 by the book', () => {
  const post = (bundle: unknown, contentType = 'application/fhir+json') =>
    t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie, 'content-type': contentType },
      payload: JSON.stringify(bundle),
    });
  const txPatient = (family: string) => ({
    fullUrl: `urn:uuid:${family}`,
    resource: { resourceType: 'Patient', name: [{ given: ['Tx'], family }], birthDate: '1971-01-01' },
  });
  const txMedication = (family: string) => ({
    resource: {
      resourceType: 'MedicationStatement',
      id: `ms-${family}`,
      status: 'active',
      medicationCodeableConcept: { text: 'Xarelto 20mg' },
      subject: { reference: `urn:uuid:${family}` },
    },
  });

  it('a transaction with one bad entry commits nothing and names the entry', async () => {
    const response = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        txPatient('Atomic'),
        txMedication('Atomic'),
        { resource: { resourceType: 'Observation', id: 'bad', status: 'final' } },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
    const outcome = response.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue).toHaveLength(1);
    expect(outcome.issue[0]).toMatchObject({
      severity: 'error',
      code: 'invalid',
      expression: ['Bundle.entry[2]'],
    });
    expect(outcome.issue[0].details.text).toMatch(/^entry\[2\]: .*nothing was committed/);
    expect(await patientsNamed('Atomic')).toEqual([]);
  });

  it('a transaction with a type the clinic does not store is not-supported, nothing committed', async () => {
    const response = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        txPatient('Unstored'),
        { resource: { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' } } },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issue[0]).toMatchObject({
      code: 'not-supported',
      expression: ['Bundle.entry[1]'],
    });
    expect(await patientsNamed('Unstored')).toEqual([]);
  });

  it('a good transaction commits everything and answers a transaction-response', async () => {
    const response = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [txPatient('Committed'), txMedication('Committed')],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: [{ response: { status: '201 Created' } }, { response: { status: '201 Created' } }],
    });
    expect(await patientsNamed('Committed')).toHaveLength(1);
  });

  it('a batch answers each entry; a type the clinic does not store is not-supported, never a silent 200', async () => {
    const response = await post({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        txPatient('Batched'),
        { resource: { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'AMB' } } },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.type).toBe('batch-response');
    expect(body.entry[0].response.status).toBe('201 Created');
    expect(body.entry[1].response.status).toMatch(/^422/);
    expect(body.entry[1].response.outcome.issue[0].code).toBe('not-supported');
  });

  it.each([
    [
      'a collection Bundle',
      { resourceType: 'Bundle', type: 'collection', entry: [] },
      'application/fhir+json',
      400,
      'invalid',
    ],
    [
      'a wrong content type',
      { resourceType: 'Bundle', type: 'batch', entry: [] },
      'text/plain',
      415,
      'not-supported',
    ],
  ])('%s is an OperationOutcome error', async (_label, bundle, contentType, status, code) => {
    const response = await post(bundle, contentType);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(response.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code }],
    });
  });

  it('401, 403 and 404 on /fhir routes are OperationOutcomes too', async () => {
    const patientUser = await makeUser(t.database.db, clinicId, 'patient');
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie: await signInCookie(t.app, patientUser), 'content-type': 'application/fhir+json' },
      payload: '{}',
    });
    const anonymous = await t.app.inject({ method: 'POST', url: '/fhir/R4', payload: '{}' });
    const missing = await t.app.inject({ method: 'GET', url: '/fhir/R4/NoSuchThing/1', headers: { cookie } });
    for (const [response, status, code] of [
      [anonymous, 401, 'security'],
      [forbidden, 403, 'security'],
      [missing, 404, 'not-found'],
    ] as const) {
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
      expect(response.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code }] });
    }
  });
});
