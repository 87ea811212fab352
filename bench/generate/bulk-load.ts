import type pg from 'pg';

interface Saved {
  indexes: { name: string; sql: string }[];
  constraints: { name: string; sql: string }[];
}

/**
 * Loads a table the way pg_restore does: its secondary indexes and its foreign-key, unique and exclusion
 * constraints are dropped first and built once at the end (one sort per index instead of one insertion per row).
 * The primary key stays. The definitions come from the catalogue, so the table ends exactly as migrated.
 */
export async function withoutIndexes<T>(
  client: pg.PoolClient | pg.Client,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const saved = await dropIndexes(client, table);
  const result = await load();
  await restoreIndexes(client, table, saved);
  return result;
}

async function dropIndexes(client: pg.PoolClient | pg.Client, table: string): Promise<Saved> {
  const constraints = (
    await client.query<{ name: string; sql: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS sql FROM pg_constraint
        WHERE conrelid = $1::regclass AND contype IN ('f', 'u', 'x') ORDER BY contype = 'f' DESC, conname`,
      [table],
    )
  ).rows;
  for (const c of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${c.name}`);
  const indexes = (
    await client.query<{ name: string; sql: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)`,
      [table],
    )
  ).rows;
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  return { indexes, constraints };
}

async function restoreIndexes(client: pg.PoolClient | pg.Client, table: string, saved: Saved): Promise<void> {
  for (const i of saved.indexes) await client.query(i.sql);
  // Unique and exclusion constraints first (they build indexes), foreign keys last (one validating join each).
  for (const c of [...saved.constraints].reverse())
    await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.sql}`);
}
