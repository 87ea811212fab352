import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { importFhir } from './fhir-import.service';
import { listImportFiles, readImportFile, type SourceItem } from './import-sources';
import { systemClock } from '../../platform/clock';

const fixtures = fileURLToPath(new URL('../../../../fixtures/fhir/', import.meta.url));
const bulk = `${fixtures}synthea-bulk-10`;
const bundles = `${fixtures}synthea-bundles`;

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

async function importPath(path: string) {
  const files = await listImportFiles(path);
  async function* items(): AsyncGenerator<SourceItem> {
    for (const file of files) yield* readImportFile(file, () => undefined);
  }
  return importFhir(t.database.db, system(), items());
}

async function countLines(path: string): Promise<number> {
  return (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim()).length;
}

describe('FHIR import of the Synthea fixtures', () => {
  it('imports the Bulk Data NDJSON export: every patient and record, with original codes', async () => {
    const report = await importPath(bulk);
    expect(report.rejected).toEqual([]);
    expect(report.patients.created).toBe(await countLines(`${bulk}/Patient.000.ndjson`));
    expect(report.resources.MedicationRequest?.created).toBe(
      await countLines(`${bulk}/MedicationRequest.000.ndjson`),
    );
    expect(report.resources.Condition?.created).toBe(await countLines(`${bulk}/Condition.000.ndjson`));
    expect(report.resources.AllergyIntolerance?.created).toBe(
      await countLines(`${bulk}/AllergyIntolerance.000.ndjson`),
    );
    const { rows } = await t.database.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM patient_entries WHERE clinic_id = $1 AND kind = 'medication'
         AND system = 'http://www.nlm.nih.gov/research/umls/rxnorm' AND code = '42316' OR display ILIKE '%tacrolimus%'`,
      [clinicId],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('is idempotent: the same export again changes nothing', async () => {
    const report = await importPath(bulk);
    expect(report.patients).toEqual({
      created: 0,
      updated: 0,
      unchanged: await countLines(`${bulk}/Patient.000.ndjson`),
    });
    expect(report.resources.Condition).toMatchObject({ created: 0, updated: 0 });
    expect(report.resources.MedicationRequest).toMatchObject({ created: 0, updated: 0 });
  });

  it('imports transaction Bundles, resolving urn:uuid references, and skips types the record does not keep', async () => {
    const report = await importPath(bundles);
    expect(report.rejected).toEqual([]);
    expect(report.patients.created).toBe(2);
    expect(report.resources.Observation?.created).toBeGreaterThan(0);
    expect(report.skipped.Encounter).toBeGreaterThan(0);
    const { rows } = await t.database.db.query<{ display: string }>(
      "SELECT display FROM patient_entries WHERE clinic_id = $1 AND display ILIKE '%clopidogrel%'",
      [clinicId],
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('updates a changed record and says so', async () => {
    const line = (await readFile(`${bulk}/Patient.000.ndjson`, 'utf8')).split('\n')[0]!;
    const patient = JSON.parse(line);
    patient.telecom = [{ system: 'phone', value: '+1 555 0100', use: 'home' }];
    const report = await importFhir(
      t.database.db,
      system(),
      (async function* () {
        yield { source: 'edited.ndjson', line: 1, resource: patient };
      })(),
    );
    expect(report.patients).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const { rows } = await t.database.db.query<{ phone: string; summary: string }>(
      `SELECT p.phone, v.summary FROM patients p JOIN patient_versions v ON v.patient_id = p.id AND v.version = p.version
        JOIN patient_identifiers i ON i.patient_id = p.id WHERE i.value = $1`,
      [`Patient/${patient.id}`],
    );
    expect(rows[0]).toEqual({ phone: '+1 555 0100', summary: 'Updated by FHIR import' });
  });
});

describe('bad input is reported per entry and never stops the rest', () => {
  const ndjson = [
    JSON.stringify({
      resourceType: 'Patient',
      id: 'good',
      name: [{ given: ['Gina'], family: 'Good' }],
      birthDate: '1990-01-01',
      gender: 'female',
    }),
    '{"resourceType": "Patient", "id": ',
    JSON.stringify({
      resourceType: 'Patient',
      id: 'bad-date',
      name: [{ given: ['B'], family: 'D' }],
      birthDate: '01/02/1990',
    }),
    JSON.stringify({ resourceType: 'Spaceship', id: 'x' }),
    JSON.stringify({
      resourceType: 'Condition',
      id: 'orphan',
      code: { text: 'Rosacea' },
      subject: { reference: 'Patient/missing' },
      clinicalStatus: { coding: [{ code: 'active' }] },
    }),
    JSON.stringify({
      resourceType: 'Condition',
      id: 'ok',
      code: { text: 'Rosacea' },
      subject: { reference: 'Patient/good' },
      clinicalStatus: { coding: [{ code: 'active' }] },
    }),
  ].join('\n');

  it('over HTTP: NDJSON upload with a line number and reason for each rejected line', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports?name=mixed.ndjson',
      headers: { cookie, 'content-type': 'application/x-ndjson' },
      payload: ndjson,
    });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.patients.created).toBe(1);
    expect(report.resources.Condition.created).toBe(1);
    const byLine = Object.fromEntries(
      report.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason]),
    );
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5]);
    expect(byLine[2]).toMatch(/not valid JSON/);
    expect(byLine[3]).toMatch(/birthDate/i);
    expect(byLine[4]).toMatch(/Spaceship|resource type/i);
    expect(byLine[5]).toMatch(/Patient\/missing/);
    const { rows } = await t.database.db.query(
      "SELECT 1 FROM patients WHERE clinic_id = $1 AND family_name = 'D'",
      [clinicId],
    );
    expect(rows).toHaveLength(0);
  });

  it.each([
    ['a Patient, not a Bundle', JSON.stringify({ resourceType: 'Patient', id: 'p' }), /not a Bundle/],
    ['not JSON', 'hello', /not a JSON object/],
    [
      'an unknown Bundle type',
      JSON.stringify({ resourceType: 'Bundle', type: 'shopping-list', entry: [] }),
      /not a FHIR R4 Bundle type/,
    ],
  ])('refuses %s as a whole', async (_name, body, reason) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie, 'content-type': 'application/fhir+json' },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('IMPORT_DOCUMENT_INVALID');
    expect(response.json().error.message).toMatch(reason);
  });

  it('answers POST /fhir/R4 with a batch-response, one status per entry', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          fullUrl: 'urn:uuid:p1',
          resource: {
            resourceType: 'Patient',
            name: [{ given: ['Tx'], family: 'Patient' }],
            birthDate: '1970-03-03',
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            id: 'ms1',
            status: 'active',
            medicationCodeableConcept: { text: 'Xarelto 20mg' },
            subject: { reference: 'urn:uuid:p1' },
          },
        },
        { resource: { resourceType: 'Observation', id: 'o1', status: 'final' } },
      ],
    };
    const response = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(bundle),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'batch-response' });
    expect(body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual([
      '201 Created',
      '201 Created',
      '400 Bad Request',
    ]);
    expect(body.entry[2].response.outcome.issue[0].details.text).toMatch(/code|subject/i);
  });

  it('answers FHIR errors as an OperationOutcome', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { 'content-type': 'application/fhir+json' },
      payload: '{}',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'security' }],
    });
    const notBundle = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie, 'content-type': 'application/fhir+json' },
      payload: '[1,2]',
    });
    expect(notBundle.statusCode).toBe(400);
    expect(notBundle.json().resourceType).toBe('OperationOutcome');
  });
});
