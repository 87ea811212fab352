import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../main';
import { fixedClock } from '../platform/clock';
import { sealAuditTrail } from '../testing/audit';
import { setUpBookingClinic, type BookingClinic } from '../testing/booking-clinic';
import { createTestApp, type TestApp } from '../testing/test-app';
import { createDatabase, type Database } from './database';
import { appendOnlyTables } from './roles';
import { migrate } from './migrate';
import { migrateJobs } from '../platform/jobs';
import { verifyAuditChain } from '../modules/audit/audit.service';

const clock = fixedClock(new Date('2026-10-26T12:00:00Z'));
let t: TestApp;
let clinic: BookingClinic;
let folder: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  clinic = await setUpBookingClinic(t, clock, { name: 'Role Test Clinic', timeZone: 'UTC' });
  folder = await mkdtemp(join(tmpdir(), 'needlepoint-roles-'));
});
afterAll(async () => {
  await t.close();
  await rm(folder, { recursive: true, force: true });
});

async function currentUser(db: Database): Promise<string> {
  return (await db.query<{ user: string }>('SELECT current_user AS user')).rows[0]!.user;
}

/** Everything someone holding the app's connection might try in order to rewrite the audit trail. */
async function expectTrailOutOfReach(db: Database): Promise<void> {
  const refused: [string, RegExp][] = [
    ["UPDATE audit_events SET action = 'x', details = '{}'", /permission denied for table audit_events/],
    ['DELETE FROM audit_events', /permission denied for table audit_events/],
    ['TRUNCATE audit_events', /permission denied for table audit_events/],
    ['ALTER TABLE audit_events DISABLE TRIGGER USER', /must be owner of table audit_events/],
    ['ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update', /must be owner of table/],
    ['SET session_replication_role = replica', /permission denied to set parameter/],
    ['DROP TABLE audit_events', /must be owner of table audit_events/],
    ['CREATE TABLE public.shadow (id int)', /permission denied for schema public/],
    ['CREATE SCHEMA shadow', /permission denied for database/],
    ['SET ROLE needlepoint_owner', /permission denied to set role/],
  ];
  for (const [sql, error] of refused) await expect(db.query(sql), sql).rejects.toThrow(error);
}

describe('the app connects as a role that cannot rewrite the audit trail', () => {
  it('is a role that owns no table and is no superuser', async () => {
    expect(await currentUser(t.database.db)).toBe('needlepoint_app');
    const { rows } = await t.database.db.query<{ super: boolean; bypass: boolean; owned: number }>(
      `SELECT rolsuper AS super, rolbypassrls AS bypass,
              (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::int AS owned
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ super: false, bypass: false, owned: 0 });
  });

  it('refuses every way to edit, delete or switch off the trail, and to create or drop tables', async () => {
    await expectTrailOutOfReach(t.database.db);
  });

  it('may add consents, addenda, article versions and check-in actions, never change or remove them', async () => {
    for (const table of appendOnlyTables) {
      for (const sql of [
        `UPDATE ${table} SET clinic_id = clinic_id`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
      ]) {
        await expect(t.database.db.query(sql), sql).rejects.toThrow(
          new RegExp(`permission denied for table ${table}`),
        );
      }
      const { rows } = await t.database.db.query<{ insert: boolean; select: boolean }>(
        `SELECT has_table_privilege($1, 'INSERT') AS insert, has_table_privilege($1, 'SELECT') AS select`,
        [table],
      );
      expect(rows[0], table).toEqual({ insert: true, select: true });
    }
    // Revoking a signature locks it first: the lock still works, and changing any other column does not.
    await t.database.db.query('SELECT 1 FROM consent_signatures FOR UPDATE');
    await expect(t.database.db.query("UPDATE consent_signatures SET typed_name = 'x'")).rejects.toThrow(
      /permission denied for table consent_signatures/,
    );
  });

  it('still signs in, reads a patient, books, and seals the trail, which verifies', async () => {
    const { patientId, planId } = await clinic.readyPatient({ email: 'roles@example.test' });
    const read = await clinic.call(clinic.providerCookie, 'GET', `/api/patients/${patientId}`);
    expect(read.statusCode, read.body).toBe(200);
    const booked = await clinic.call(clinic.frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-10-30T14:00:00Z',
      planId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    await sealAuditTrail(t.database.db);
    const { rows } = await t.database.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL',
    );
    expect(rows[0]!.n).toBe(0);
    expect(await verifyAuditChain(t.database.db, clinic.clinicId)).toMatchObject({ intact: true });
  });
});

describe('opening the database', () => {
  const admin = () => inject('adminDatabaseUrl');
  const made: string[] = [];
  const roles: string[] = [];
  async function asAdmin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: admin() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  async function freshDatabase(owner?: string): Promise<string> {
    const name = `needlepoint_roles_${randomBytes(5).toString('hex')}`;
    await asAdmin(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner}` : ''}`);
    made.push(name);
    const url = new URL(admin());
    url.pathname = `/${name}`;
    return url.toString();
  }
  function as(url: string, user: string, password: string): string {
    const parsed = new URL(url);
    parsed.username = user;
    parsed.password = password;
    return parsed.toString();
  }
  afterAll(async () => {
    for (const name of made) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    for (const role of roles) await asAdmin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('with a superuser DATABASE_URL: hands a database migrated by the superuser to the owner role, and connects as the app role', async () => {
    const url = await freshDatabase();
    const before = createDatabase(url, { max: 2 });
    await migrate(before, { before: '061' });
    await migrateJobs(before.pool);
    await before.close();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { db, applied } = await openDatabase({ databaseUrl: url, dataDir: folder });
    try {
      expect(log.mock.calls.map((call) => String(call[0]))).toContainEqual(
        expect.stringMatching(/^\[database\] DATABASE_URL is a superuser .*needlepoint_app/),
      );
      expect(applied).toContain('061-account-tokens');
      expect(await currentUser(db)).toBe('needlepoint_app');
      const owners = await db.query<{ owner: string; n: number }>(
        `SELECT pg_get_userbyid(c.relowner) AS owner, count(*)::int AS n
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'graphile_worker') AND c.relkind IN ('r', 'S', 'v')
          GROUP BY 1`,
      );
      expect(owners.rows.map((row) => row.owner)).toEqual(['needlepoint_owner']);
      await expectTrailOutOfReach(db);
      await db.query(`SELECT graphile_worker.add_job('probe', '{}'::json)`);
    } finally {
      log.mockRestore();
      await db.close();
    }
  });

  it('with DATABASE_OWNER_URL: migrations run as that role, the app as DATABASE_URL’s, with only its grants', async () => {
    const suffix = randomBytes(4).toString('hex');
    const [owner, app, password] = [
      `np_owner_${suffix}`,
      `np_app_${suffix}`,
      randomBytes(12).toString('hex'),
    ];
    await asAdmin(`CREATE ROLE ${owner} LOGIN PASSWORD '${password}'`);
    await asAdmin(`CREATE ROLE ${app} LOGIN PASSWORD '${password}'`);
    roles.push(app, owner);
    const url = await freshDatabase(owner);
    const { db } = await openDatabase({
      databaseUrl: as(url, app, password),
      databaseOwnerUrl: as(url, owner, password),
      dataDir: folder,
    });
    try {
      expect(await currentUser(db)).toBe(app);
      const refused: [string, RegExp][] = [
        ["UPDATE audit_events SET action = 'x'", /permission denied/],
        ['DELETE FROM audit_events', /permission denied/],
        ['ALTER TABLE audit_events DISABLE TRIGGER USER', /must be owner/],
        ['SET session_replication_role = replica', /permission denied/],
        ['CREATE TABLE public.shadow (id int)', /permission denied/],
      ];
      for (const [sql, error] of refused) await expect(db.query(sql), sql).rejects.toThrow(error);
      expect((await db.query('SELECT count(*) FROM clinics')).rowCount).toBe(1);
    } finally {
      await db.close();
    }
    await expect(
      openDatabase({
        databaseUrl: as(url, owner, password),
        databaseOwnerUrl: as(url, owner, password),
        dataDir: folder,
      }),
    ).rejects.toThrow(/DATABASE_URL must sign in as a role other than DATABASE_OWNER_URL/);
    // Dropping the roles needs their grants gone first.
    await asAdmin(`DROP DATABASE ${url.split('/').pop()} WITH (FORCE)`);
  });
});
