import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The roles the app uses (ADR 061). The owner role owns every table and runs the migrations; the app role, which
 * the running app connects as, owns nothing, so it cannot drop, truncate or alter a table, disable a trigger, or
 * set `session_replication_role`; on the audit trail it may only append and seal.
 */
export const ownerRole = 'needlepoint_owner';
export const appRole = 'needlepoint_app';

/** The lock migrations take (migrate.ts): role and privilege changes to one database wait for each other too. */
const migrationLock = 8413707;

/** The schemas whose objects the owner role owns and the app role uses. */
const appSchemas = ['public', 'graphile_worker'];

/**
 * Tables the app only ever appends to: published consent texts, signatures and revocations, addenda of signed
 * records, saved versions of education articles and of validated scale translations, and what staff did about a
 * check-in. The app role may insert and read them, never update or delete them (the audit trail has its own,
 * narrower rule).
 */
export const appendOnlyTables = [
  'consent_documents',
  'consent_signatures',
  'consent_revocations',
  'treatment_record_addenda',
  'education_articles',
  'aftercare_check_in_actions',
  'validated_scale_texts',
];

/** Who connects for what, once the roles are in place. */
export interface DatabaseAccess {
  /** Migrations and graphile-worker's schema install connect here, as `ownerSetRole` when it is set. */
  ownerUrl: string;
  /** A superuser acting as the owner role (`SET ROLE`), so what migrations create is owned by that role. */
  ownerSetRole: string | null;
  /** The running app connects here. */
  appUrl: string;
  /** One line saying how the app connects, when it made or chose the app role itself. */
  notice: string | null;
}

interface Identity {
  user: string;
  superuser: boolean;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function identity(client: pg.Client): Promise<Identity> {
  const { rows } = await client.query<{ user: string; superuser: boolean }>(
    'SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  return { user: rows[0]!.user, superuser: rows[0]!.superuser };
}

/**
 * The app role's password. With a superuser password in the URL it is derived from it (HMAC-SHA256), so every
 * instance and process given that URL computes the same one and none of them has to change it; without one, it is
 * generated once into `DATA_DIR/database-app-password`.
 */
export async function appRolePassword(superuserUrl: string, dataDir: string): Promise<string> {
  const secret = decodeURIComponent(new URL(superuserUrl).password);
  if (secret) return createHmac('sha256', secret).update(`needlepoint:${appRole}`).digest('base64url');
  const file = join(dataDir, 'database-app-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

async function canSignIn(url: string): Promise<boolean> {
  try {
    await withClient(url, async (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

/** Roles are cluster-wide: several processes (app instances, parallel test files) may make them at once. */
async function retryingConcurrentCatalogUpdates(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const message = error instanceof Error ? error.message : '';
      const raced =
        code === '42710' || code === '23505' || /tuple concurrently (updated|deleted)/.test(message);
      if (!raced || attempt >= 5) throw error;
      await new Promise((done) => setTimeout(done, 20 * attempt));
    }
  }
}

/**
 * With a superuser connection: makes the owner role (no login) and the app role (login, `password`) unless they
 * exist, and gives the app role `password` when it cannot sign in with it.
 */
export async function ensureRoles(superuserUrl: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    await retryingConcurrentCatalogUpdates(async () => {
      const { rows } = await client.query<{ rolname: string }>(
        'SELECT rolname FROM pg_roles WHERE rolname = ANY($1)',
        [[ownerRole, appRole]],
      );
      const present = new Set(rows.map((row) => row.rolname));
      const limits = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
      if (!present.has(ownerRole)) await client.query(`CREATE ROLE ${ownerRole} NOLOGIN ${limits}`);
      if (!present.has(appRole)) {
        await client.query(
          `CREATE ROLE ${appRole} LOGIN ${limits} PASSWORD ${client.escapeLiteral(password)}`,
        );
      }
    });
    const appUrl = withCredentials(superuserUrl, appRole, password);
    if (!(await canSignIn(appUrl))) {
      await retryingConcurrentCatalogUpdates(async () => {
        await client.query(`ALTER ROLE ${appRole} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
      });
    }
  });
}

/**
 * With a superuser connection to the app's database: lets the owner role create in it (graphile-worker's schema,
 * trusted extensions) and in `public`, takes CREATE on `public` from everyone else, and hands the owner role every
 * table, sequence, view, function and type that another role owns (a database migrated before ADR 061 was owned
 * by the superuser). Objects of extensions stay as they are.
 */
export async function giveObjectsToOwner(superuserUrl: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    await client.query('BEGIN');
    try {
      // Instances starting together on one database take turns (the migrations' lock).
      await client.query(`SELECT pg_advisory_xact_lock(${migrationLock})`);
      const { rows } = await client.query<{ current_database: string }>('SELECT current_database()');
      const database = client.escapeIdentifier(rows[0]!.current_database);
      await client.query(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${ownerRole}`);
      await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${ownerRole}`);
      const { rows: statements } = await client.query<{ sql: string }>(
        `WITH owner AS (SELECT oid FROM pg_roles WHERE rolname = $2),
              extension_members AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e')
         SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $2) AS sql
           FROM pg_namespace n
          WHERE n.nspname = ANY($1) AND n.nspname <> 'public' AND n.nspowner <> (SELECT oid FROM owner)
         UNION ALL
         SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, $2)
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
            AND c.relowner <> (SELECT oid FROM owner)
            AND NOT EXISTS (SELECT 1 FROM extension_members e
                             WHERE e.objid = c.oid AND e.classid = 'pg_class'::regclass)
            -- A sequence that belongs to a column follows its table.
            AND NOT (c.relkind = 'S' AND EXISTS (
                  SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
         UNION ALL
         SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2)
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = ANY($1) AND p.proowner <> (SELECT oid FROM owner)
            AND NOT EXISTS (SELECT 1 FROM extension_members e
                             WHERE e.objid = p.oid AND e.classid = 'pg_proc'::regclass)
         UNION ALL
         SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $2)
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = ANY($1) AND t.typowner <> (SELECT oid FROM owner)
            AND (t.typtype IN ('e', 'd', 'r')
                 OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
            AND NOT EXISTS (SELECT 1 FROM extension_members e
                             WHERE e.objid = t.oid AND e.classid = 'pg_type'::regclass)`,
        [appSchemas, ownerRole],
      );
      for (const statement of statements) await client.query(statement.sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Connected as the owner (or a superuser acting as it), after migrations: gives `app` what today's code needs and
 * nothing more. Every table: SELECT, INSERT, UPDATE, DELETE (never TRUNCATE, REFERENCES or TRIGGER); sequences:
 * USAGE, SELECT; graphile-worker's schema: the same on its tables and EXECUTE on its functions. The audit trail:
 * SELECT and INSERT, and UPDATE of the three seal columns only (the append-only trigger lets an unsealed row get
 * them once); the other append-only tables (`appendOnlyTables`): SELECT and INSERT. Default privileges extend the same to tables later migrations make.
 */
export async function grantAppRole(
  ownerUrl: string,
  options: { setRole: string | null; app: string },
): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const app = client.escapeIdentifier(options.app);
    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${migrationLock})`);
      if (options.setRole) await client.query(`SET LOCAL ROLE ${client.escapeIdentifier(options.setRole)}`);
      const { rows } = await client.query<{ schema: string }>(
        'SELECT nspname AS schema FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname',
        [appSchemas],
      );
      for (const { schema } of rows) {
        const s = client.escapeIdentifier(schema);
        await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${app}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`);
        await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`);
        await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${app}`);
        await client.query(
          `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
        );
        await client.query(
          `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
        );
      }
      // graphile-worker turns row security on for its tables (no policy: only their owner sees rows); the app role
      // runs the workers, so each of them gets a policy that lets whoever is granted the table see every row (only
      // the owner and the app role are; naming no role keeps a dump restorable on a server without these roles).
      const { rows: jobTables } = await client.query<{ name: string }>(
        `SELECT format('%I.%I', n.nspname, c.relname) AS name
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'graphile_worker' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
            AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $1)`,
        ['needlepoint_jobs'],
      );
      for (const { name } of jobTables) {
        await client.query(`CREATE POLICY needlepoint_jobs ON ${name} USING (true) WITH CHECK (true)`);
      }
      // The trail: append and seal only (revoking UPDATE on the table also revokes it on every column).
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC, ${app}`);
      await client.query(`GRANT UPDATE (seq, prev_hash, hash) ON audit_events TO ${app}`);
      // Other evidence is only ever added to (the triggers refuse changes from anyone; this keeps the app from
      // even asking). Revoking a signature locks it first, and a row lock needs UPDATE on one column: `id`.
      // Only the tables that exist yet: a database migrated part way (tests that migrate in two steps) lacks some.
      const { rows: present } = await client.query<{ name: string }>(
        `SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NOT NULL`,
        [appendOnlyTables],
      );
      if (present.length > 0)
        await client.query(
          `REVOKE UPDATE, DELETE, TRUNCATE ON ${present.map((t) => t.name).join(', ')} FROM PUBLIC, ${app}`,
        );
      if (present.some((t) => t.name === 'consent_signatures'))
        await client.query(`GRANT UPDATE (id) ON consent_signatures TO ${app}`);
      // The app reads which migrations ran; only the owner records them.
      await client.query(`REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${app}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Works out who connects for what (ADR 061) and puts the roles and privileges in place up to the migrations:
 * - `ownerUrl` given (`DATABASE_OWNER_URL`): migrations run there; the app connects with `url` as it is.
 * - `url` is a superuser's (the embedded server, or a `DATABASE_URL` with one): the roles `needlepoint_owner`
 *   and `needlepoint_app` are made; migrations run as the superuser acting as the owner role; the app connects as
 *   the app role with a password from `appRolePassword`.
 * - otherwise the app runs with `url` as it is, as owner of its tables, and the notice says so.
 * Call `finishDatabaseAccess` after migrating.
 */
export async function prepareDatabaseAccess(options: {
  url: string;
  ownerUrl?: string | undefined;
  dataDir: string;
  embedded: boolean;
}): Promise<DatabaseAccess> {
  if (options.ownerUrl) {
    const owner = await withClient(options.ownerUrl, identity);
    const app = await withClient(options.url, identity);
    if (app.superuser || app.user === owner.user) {
      throw new Error(
        'DATABASE_URL must sign in as a role other than DATABASE_OWNER_URL, and not a superuser (see docs/deploy.md)',
      );
    }
    return {
      ownerUrl: options.ownerUrl,
      ownerSetRole: owner.superuser ? ownerRole : null,
      appUrl: options.url,
      notice: null,
    };
  }
  const who = await withClient(options.url, identity);
  if (!who.superuser) {
    return {
      ownerUrl: options.url,
      ownerSetRole: null,
      appUrl: options.url,
      notice: `DATABASE_URL signs in as ${who.user}, who owns the tables: set DATABASE_OWNER_URL to keep the audit trail's triggers out of the app's reach (docs/deploy.md)`,
    };
  }
  const password = await appRolePassword(options.url, options.dataDir);
  await ensureRoles(options.url, password);
  await giveObjectsToOwner(options.url);
  return {
    ownerUrl: options.url,
    ownerSetRole: ownerRole,
    appUrl: withCredentials(options.url, appRole, password),
    notice: options.embedded
      ? null
      : `DATABASE_URL is a superuser (${who.user}): migrations run as ${ownerRole}, the app connects as ${appRole}`,
  };
}

/** After migrations (and graphile-worker's): the app role's privileges. */
export async function finishDatabaseAccess(access: DatabaseAccess): Promise<void> {
  if (access.appUrl === access.ownerUrl) return;
  const app = decodeURIComponent(new URL(access.appUrl).username);
  await grantAppRole(access.ownerUrl, { setRole: access.ownerSetRole, app });
}
