import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../db/database';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { makeClinic } from '../testing/factories';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bulk = join(root, 'fixtures/fhir/synthea-bulk-10');

let database: TestDatabase;

function needlepoint(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['server/bin/needlepoint.mjs', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: database.url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await makeClinic(database.db);
});
afterAll(async () => database.drop());

describe('npx needlepoint import', () => {
  it('imports a Bulk Data folder and prints the JSON report', async () => {
    const run = await needlepoint(['import', bulk, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.patients.created).toBeGreaterThan(0);
    expect(report.resources.MedicationRequest.created).toBeGreaterThan(0);
    expect(report.rejected).toEqual([]);
    expect(run.stderr).toMatch(/100%/);
  });

  it('prints a readable summary by default, and nothing new on a second run', async () => {
    const run = await needlepoint(['import', bulk]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Patients: 0 created, 0 updated, \d+ unchanged$/m);
  });

  it('exits 0 with rejected entries listed when some lines are bad', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'np-import-'));
    const file = join(dir, 'Patient.bad.ndjson');
    await writeFile(
      file,
      '{"resourceType":"Patient","id":"z1","name":[{"given":["Zed"],"family":"Line"}],"birthDate":"1991-01-01"}\nnot json\n',
    );
    const run = await needlepoint(['import', file, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rejected).toEqual([
      { source: 'Patient.bad.ndjson', line: 2, reason: 'not valid JSON' },
    ]);
  });

  it.each([
    [['import', '/no/such/path'], /no such file or folder/],
    [['import'], /usage/],
    [['import', bulk, '--format', 'xml'], /usage/],
  ])('exits 2 for %j with a message and nothing on stdout', async (args, message) => {
    const run = await needlepoint(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 when nothing could be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'np-import-'));
    await writeFile(join(dir, 'broken.json'), '{ this is not json');
    const run = await needlepoint(['import', join(dir, 'broken.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing could be read/);
  });

  it('works while the app runs on the same DATA_DIR: it uses the running embedded database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'np-data-'));
    // The app's database, already running on this DATA_DIR.
    const running = await startEmbeddedPostgres(dataDir, { database: 'needlepoint' });
    const db = createDatabase(running.url);
    try {
      await migrate(db);
      await makeClinic(db);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'node',
          ['server/bin/needlepoint.mjs', 'import', join(bulk, 'Patient.000.ndjson'), '--format', 'json'],
          { cwd: root, env },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(run.stderr).not.toMatch(/undefined/);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).patients.created).toBeGreaterThan(0);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM patients');
      expect(rows[0]!.n).toBe(JSON.parse(run.stdout).patients.created);
    } finally {
      await db.close();
      await running.stop();
    }
  });
});
