import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemActor } from '../../platform/audit';
import { startJobs } from '../../platform/jobs';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { importFhir } from '../imports/fhir-import.service';
import { fhirProblem } from '../imports/fhir-validation';
import { listImportFiles, readImportFile, readNdjson, type SourceItem } from '../imports/import-sources';
import { fhirExportJob, runExport } from './fhir-export.service';
import { systemClock } from '../../platform/clock';

const fixtures = fileURLToPath(new URL('../../../../fixtures/fhir/', import.meta.url));

let t: TestApp;
let exportDir: string;
let worker: Runner;

beforeAll(async () => {
  exportDir = await mkdtemp(join(tmpdir(), 'needlepoint-round-trip-'));
  t = await createTestApp({ exportDir });
  worker = await startJobs(t.database.db.pool, {
    [fhirExportJob]: (payload) =>
      runExport(
        { db: t.database.db, exportDir, clock: systemClock },
        payload as { exportId: string; clinicId: string },
      ),
  });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  await rm(exportDir, { recursive: true, force: true });
});

async function* fixtureItems(): AsyncGenerator<SourceItem> {
  for (const folder of ['synthea-bulk-10', 'synthea-bundles'])
    for (const file of await listImportFiles(join(fixtures, folder)))
      yield* readImportFile(file, () => undefined);
}

/** Each patient's record as comparable text: demographics and every entry, independent of ids and order. */
async function recordsOf(db: Database, clinicId: string): Promise<Record<string, string[]>> {
  const { rows } = await db.query<{ who: string; entry: string | null }>(
    `SELECT concat_ws('|', p.family_name, p.given_name, p.birth_date, p.sex, p.email, p.phone, p.address) AS who,
            CASE WHEN e.id IS NULL THEN NULL ELSE concat_ws('|', e.kind, e.display, e.status, e.start_date, e.end_date,
              e.value, (SELECT string_agg(c->>'system' || '#' || (c->>'code') || '#' || coalesce(c->>'display', ''), ',' ORDER BY c::text)
                          FROM jsonb_array_elements(e.codes) c), array_to_string(e.body_sites, ',')) END AS entry
       FROM patients p LEFT JOIN patient_entries e ON e.patient_id = p.id AND e.clinic_id = p.clinic_id
      WHERE p.clinic_id = $1`,
    [clinicId],
  );
  const records: Record<string, string[]> = {};
  for (const row of rows) (records[row.who] ??= []).push(...(row.entry ? [row.entry] : []));
  for (const list of Object.values(records)) list.sort();
  return records;
}

describe('what the API serves validates and re-imports to the same record', () => {
  it('imports every fixture, exports, validates each resource (0 errors), re-imports into an empty clinic', async () => {
    const source = await makeClinic(t.database.db);
    const imported = await importFhir(
      t.database.db,
      systemActor(source.id, 'round-trip', systemClock),
      fixtureItems(),
    );
    expect(imported.rejected).toEqual([]);
    const owner = await signInCookie(t.app, await makeUser(t.database.db, source.id, 'owner'));

    const started = await t.app.inject({
      method: 'GET',
      url: '/fhir/R4/$export',
      headers: { cookie: owner, prefer: 'respond-async' },
    });
    expect(started.statusCode, started.body).toBe(202);
    const statusUrl = String(started.headers['content-location']).replace('https://clinic.test', '');
    let manifest: { output: { type: string; url: string; count: number }[] } | undefined;
    for (let i = 0; i < 2400 && !manifest; i++) {
      const status = await t.app.inject({ method: 'GET', url: statusUrl, headers: { cookie: owner } });
      if (status.statusCode === 200) manifest = status.json();
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(manifest).toBeDefined();
    const types = manifest!.output.map((o) => o.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Patient',
        'Condition',
        'MedicationRequest',
        'AllergyIntolerance',
        'Observation',
        'Procedure',
      ]),
    );

    const target = await makeClinic(t.database.db);
    const problems: string[] = [];
    let resources = 0;
    const files: { type: string; body: string }[] = [];
    for (const output of manifest!.output) {
      const response = await t.app.inject({
        method: 'GET',
        url: output.url.replace('https://clinic.test', ''),
        headers: { cookie: owner },
      });
      expect(response.statusCode).toBe(200);
      const lines = response.body.split('\n').filter((l) => l.trim());
      expect(lines).toHaveLength(output.count);
      for (const line of lines) {
        const resource = JSON.parse(line) as Record<string, unknown>;
        resources += 1;
        const problem = fhirProblem(resource);
        if (problem) problems.push(`${String(resource.resourceType)}/${String(resource.id)}: ${problem}`);
      }
      files.push({ type: output.type, body: response.body });
    }
    expect(problems).toEqual([]);
    expect(resources).toBeGreaterThan(100);

    async function* exported(): AsyncGenerator<SourceItem> {
      for (const f of files) yield* readNdjson(Readable.from([f.body]), `${f.type}.ndjson`);
    }
    const reimported = await importFhir(
      t.database.db,
      systemActor(target.id, 'round-trip', systemClock),
      exported(),
    );
    expect(reimported.rejected).toEqual([]);
    expect(reimported.patients.created).toBe(imported.patients.created);

    const before = await recordsOf(t.database.db, source.id);
    const after = await recordsOf(t.database.db, target.id);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const who of Object.keys(before)) expect(after[who], who).toEqual(before[who]);
    expect(Object.values(before).flat().length).toBeGreaterThan(100);
  }, 300_000); // the whole fixture set, twice, on a shared machine
});
