import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let database: TestDatabase;

function needlepoint(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['server/bin/needlepoint.mjs', 'setup', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: database.url, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const options = [
  '--clinic-name',
  'Harbour Skin Clinic',
  '--time-zone',
  'America/Chicago',
  '--owner-name',
  'Rosa Lindqvist',
];

describe('npx needlepoint setup', () => {
  it('names each missing or invalid option and creates nothing', async () => {
    const run = await needlepoint([...options.slice(0, 2), '--time-zone', 'Mars/Olympus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--time-zone: Unknown IANA time zone/);
    expect(run.stderr).toMatch(/--owner-name/);
    expect(run.stderr).toMatch(/NEEDLEPOINT_OWNER_PASSWORD/);
    const weak = await needlepoint([...options, '--email', 'rosa@harbour.example'], {
      NEEDLEPOINT_OWNER_PASSWORD: 'password1234',
    });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/common password/);
    const { rows } = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM clinics');
    expect(rows[0]!.n).toBe(0);
  }, 180_000);

  it('creates the clinic and its owner from options and the environment, once', async () => {
    const run = await needlepoint([...options], {
      NEEDLEPOINT_OWNER_EMAIL: 'rosa@harbour.example',
      NEEDLEPOINT_OWNER_PASSWORD: 'tidal lantern orchard 58',
    });
    // Nothing on stderr but the one-line database notice (which role migrates, which role the app is).
    expect(run.stderr.split('\n').filter((line) => line && !line.startsWith('[database] '))).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Clinic "Harbour Skin Clinic" created/);
    const { rows } = await database.db.query(
      `SELECT c.name, c.time_zone, u.role, u.email FROM clinics c JOIN users u ON u.clinic_id = c.id`,
    );
    expect(rows).toEqual([
      {
        name: 'Harbour Skin Clinic',
        time_zone: 'America/Chicago',
        role: 'owner',
        email: 'rosa@harbour.example',
      },
    ]);
    const again = await needlepoint([...options, '--email', 'other@harbour.example'], {
      NEEDLEPOINT_OWNER_PASSWORD: 'tidal lantern orchard 58',
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has a clinic/);
  }, 180_000);
});
