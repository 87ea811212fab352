import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

/** The migrations shipped with the code: read once per process (they never change while it runs). */
let loaded: Promise<Migration[]> | undefined;
function loadMigrations(): Promise<Migration[]> {
  loaded ??= readMigrations();
  return loaded;
}

async function readMigrations(): Promise<Migration[]> {
  const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(migrationsDir + name, 'utf8');
      return {
        version: name.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Applies pending forward-only migrations, each in its own transaction, under an advisory lock. `before` stops
 * at the first version not below it (tests of a migration build the schema as it was before it).
 */
export async function migrate(db: Database, options: { before?: string } = {}): Promise<string[]> {
  const migrations = (await loadMigrations()).filter((m) => !options.before || m.version < options.before);
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(8413707)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.version} was changed after it was applied; add a new migration`,
          );
        }
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [
        migration.version,
        migration.checksum,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}

/** Versions present in code but not applied to the database (empty when the schema is current). */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const migrations = await loadMigrations();
  const present = await db.query<{ ok: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS ok",
  );
  if (!present.rows[0]?.ok) return migrations.map((m) => m.version);
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return migrations.map((m) => m.version).filter((version) => !applied.has(version));
}
