import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../platform/jobs';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import { clientBearer, registerTestClient, type TestFhirClient } from '../../testing/fhir-clients';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { fhirExportJob, runExport } from './fhir-export.service';
import { sealAuditTrail } from '../../testing/audit';
import { systemClock } from '../../platform/clock';

let t: TestApp;
let exportDir: string;
let worker: Runner;
let clinicId: string;
let owner: string;
let provider: string;
let system: TestFhirClient;
let bearer: string;
const people: TestPatient[] = [];

type Auth = { authorization: string } | { cookie: string };
const call = (method: 'GET' | 'DELETE', url: string, auth: Auth, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: url.replace('https://clinic.test', ''), headers: { ...auth, ...headers } });
const kickOff = (url: string, auth: Auth) =>
  call('GET', url, auth, { prefer: 'respond-async', accept: 'application/fhir+json' });

interface Manifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
  error: unknown[];
}

/** Polls the status URL as a client would until the export is done. */
async function waitForManifest(statusUrl: string, auth: Auth): Promise<Manifest> {
  for (let i = 0; i < 1200; i++) {
    const response = await call('GET', statusUrl, auth);
    if (response.statusCode === 200) return response.json();
    expect(response.statusCode, response.body).toBe(202);
    expect(response.headers['x-progress']).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('export did not finish');
}

async function download(url: string, auth: Auth): Promise<Record<string, unknown>[]> {
  const response = await call('GET', url, auth);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('application/fhir+ndjson');
  return response.body
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

beforeAll(async () => {
  exportDir = await mkdtemp(join(tmpdir(), 'needlepoint-export-test-'));
  t = await createTestApp({ exportDir });
  worker = await startJobs(t.database.db.pool, {
    [fhirExportJob]: (payload) =>
      runExport(
        { db: t.database.db, exportDir, clock: systemClock },
        payload as { exportId: string; clinicId: string },
      ),
  });
  clinicId = (await makeClinic(t.database.db)).id;
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
  for (let i = 0; i < 5; i++)
    people.push(await makePatient(t.database.db, clinicId, { givenName: `Exp${i}` }));
  for (const p of people.slice(0, 3))
    await t.app.inject({
      method: 'POST',
      url: `/api/patients/${p.id}/entries`,
      headers: { cookie: provider },
      payload: {
        kind: 'condition',
        display: 'Melasma',
        codes: [{ system: 'http://snomed.info/sct', code: '36209000' }],
        status: 'active',
      },
    });
  const other = await makeClinic(t.database.db);
  await makePatient(t.database.db, other.id, { givenName: 'Elsewhere' });
  system = await registerTestClient(t.app, owner, ['system/*.rs']);
  bearer = await clientBearer(t.app, system, 'system/*.rs');
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  await rm(exportDir, { recursive: true, force: true });
});

describe('Bulk Data $export', () => {
  it('kicks off (202 + Content-Location), reports progress, then answers a manifest of NDJSON files', async () => {
    const started = await kickOff('/fhir/R4/$export', { authorization: bearer });
    expect(started.statusCode, started.body).toBe(202);
    const statusUrl = started.headers['content-location'] as string;
    expect(statusUrl).toMatch(/^https:\/\/clinic\.test\/fhir\/R4\/bulk-status\//);
    const manifest = await waitForManifest(statusUrl, { authorization: bearer });
    expect(manifest.requiresAccessToken).toBe(true);
    expect(manifest.request).toBe('https://clinic.test/fhir/R4/$export');
    expect(manifest.output.map((o) => [o.type, o.count])).toEqual([
      ['Patient', 5],
      ['Condition', 3],
    ]);
    const patients = await download(manifest.output[0]!.url, { authorization: bearer });
    expect(patients.map((p) => p.id).sort()).toEqual(people.map((p) => p.id).sort());
    const conditions = await download(manifest.output[1]!.url, { authorization: bearer });
    expect(conditions.every((c) => c.resourceType === 'Condition')).toBe(true);
    await sealAuditTrail(t.database.db);
    const { rows } = await t.database.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE clinic_id = $1 AND action LIKE 'fhir.export%' ORDER BY seq`,
      [clinicId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'fhir.export-requested',
      'fhir.exported',
      'fhir.export-downloaded',
      'fhir.export-downloaded',
    ]);
  });

  it('exports only the asked types (_type), and only what changed since (_since)', async () => {
    const typed = await kickOff('/fhir/R4/Patient/$export?_type=Condition', { authorization: bearer });
    const typedManifest = await waitForManifest(typed.headers['content-location'] as string, {
      authorization: bearer,
    });
    expect(typedManifest.output.map((o) => o.type)).toEqual(['Condition']);

    const { rows } = await t.database.db.query<{ t: Date }>('SELECT now() AS t');
    const cut = new Date(rows[0]!.t.getTime() + 1).toISOString();
    await t.database.db.query(`UPDATE patients SET updated_at = now() + interval '1 second' WHERE id = $1`, [
      people[4]!.id,
    ]);
    const recent = await kickOff(`/fhir/R4/$export?_type=Patient&_since=${encodeURIComponent(cut)}`, {
      authorization: bearer,
    });
    const recentManifest = await waitForManifest(recent.headers['content-location'] as string, {
      authorization: bearer,
    });
    expect(recentManifest.output).toHaveLength(1);
    const changed = await download(recentManifest.output[0]!.url, { authorization: bearer });
    expect(changed.map((p) => p.id)).toEqual([people[4]!.id]);
  });

  it('cancels with DELETE: the status is gone and no files stay behind', async () => {
    const started = await kickOff('/fhir/R4/$export', { authorization: bearer });
    const statusUrl = started.headers['content-location'] as string;
    const id = statusUrl.split('/').pop()!;
    const cancelled = await call('DELETE', statusUrl, { authorization: bearer });
    expect(cancelled.statusCode).toBe(202);
    expect((await call('GET', statusUrl, { authorization: bearer })).statusCode).toBe(404);
    expect((await call('DELETE', statusUrl, { authorization: bearer })).statusCode).toBe(404);
    const folder = join(exportDir, clinicId, id);
    for (let i = 0; i < 600 && existsSync(folder); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(folder)).toBe(false);
    const { rows } = await t.database.db.query<{ status: string }>(
      'SELECT status FROM fhir_exports WHERE id = $1',
      [id],
    );
    expect(rows[0]!.status).toBe('cancelled');
  });

  it('refuses a kick-off without Prefer: respond-async, an unknown _type and a bad _since', async () => {
    const plain = await call('GET', '/fhir/R4/$export', { authorization: bearer });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().resourceType).toBe('OperationOutcome');
    expect((await kickOff('/fhir/R4/$export?_type=Spaceship', { authorization: bearer })).statusCode).toBe(
      400,
    );
    expect((await kickOff('/fhir/R4/$export?_since=last-week', { authorization: bearer })).statusCode).toBe(
      400,
    );
  });

  it('needs read scopes, and only the requester sees the export', async () => {
    const narrowClient = await registerTestClient(t.app, owner, ['system/Patient.rs']);
    const narrow = await clientBearer(t.app, narrowClient, 'system/Patient.rs');
    const refused = await kickOff('/fhir/R4/$export?_type=Condition', { authorization: narrow });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().resourceType).toBe('OperationOutcome');
    const own = await kickOff('/fhir/R4/$export', { authorization: narrow });
    const manifest = await waitForManifest(own.headers['content-location'] as string, {
      authorization: narrow,
    });
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient']);
    expect(
      (await call('GET', own.headers['content-location'] as string, { authorization: bearer })).statusCode,
    ).toBe(404);
    expect((await call('GET', manifest.output[0]!.url, { authorization: bearer })).statusCode).toBe(404);
  });

  it('the owner can export from a staff session; a provider cannot', async () => {
    expect((await kickOff('/fhir/R4/$export', { cookie: provider })).statusCode).toBe(403);
    const started = await kickOff('/fhir/R4/$export?_type=Patient', { cookie: owner });
    expect(started.statusCode).toBe(202);
    const manifest = await waitForManifest(started.headers['content-location'] as string, { cookie: owner });
    expect(manifest.output[0]!.count).toBe(5);
  });
});
