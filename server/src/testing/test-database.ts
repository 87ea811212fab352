import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrateJobs } from '../platform/jobs';
import { appRole, giveObjectsToOwner, grantAppRole, ownerRole } from '../db/roles';

export interface TestDatabase {
  /** Connected as the app role, as the running app is (ADR 061). */
  db: Database;
  /** The same database as the superuser (what DATABASE_URL gives a process the test starts). */
  url: string;
  /** The app role's own URL. */
  appUrl: string;
  /** A superuser connection, for tests that play someone with full access to the server. */
  admin(): Database;
  /** After `migrateBefore`: the remaining migrations, run as the owner role as the app runs them. */
  migrateRest(): Promise<void>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Migrates (up to `before`, if given) as the owner role, then grants the app role its privileges. */
async function migrateAsOwner(url: string, before?: string): Promise<void> {
  const owner = createDatabase(url, { max: 2, role: ownerRole });
  try {
    await migrate(owner, before ? { before } : {});
    await migrateJobs(owner.pool);
  } finally {
    await owner.close();
  }
  await grantAppRole(url, { setRole: ownerRole, app: appRole });
}

/** A fresh, migrated database of its own for one test file; `drop` removes it. */
export async function createTestDatabase(options: { migrateBefore?: string } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `needlepoint_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  // The roles were made once for the whole run (global-database.ts); here, this database's owner and grants.
  await giveObjectsToOwner(url);
  await migrateAsOwner(url, options.migrateBefore);
  const parsed = new URL(url);
  parsed.username = appRole;
  parsed.password = encodeURIComponent(inject('appRolePassword'));
  const appUrl = parsed.toString();
  const db = createDatabase(appUrl, { max: 5 });
  let superuser: Database | undefined;
  return {
    db,
    url,
    appUrl,
    admin: () => (superuser ??= createDatabase(url, { max: 2 })),
    migrateRest: () => migrateAsOwner(url),
    async drop() {
      await db.close();
      await superuser?.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
