import pg from 'pg';

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** One SQL statement with its values; a `name` prepares it once per connection (node-postgres named queries). */
export interface Statement {
  name?: string;
  text: string;
  values: unknown[];
}

/** The one way to reach PostgreSQL: a pool, and `transaction` for each use case that writes. */
export interface Database {
  pool: pg.Pool;
  query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<Row>>;
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Keep DATE columns as 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a JS number for our sizes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** `role`: every connection acts as this role (a superuser running migrations as the owner role, ADR 061). */
export function createDatabase(
  connectionString: string,
  options: { max?: number; role?: string | null } = {},
): Database {
  // A request waits at most 10 s for a connection (the database may be restarting), then gets a 503.
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(options.role ? { options: `-c role=${options.role}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Requests in flight see their own error.
  });
  pool.on('connect', (client) => {
    // A checked-out client that loses its connection reports it to its query; never crash the process.
    client.on('error', () => undefined);
  });
  return {
    pool,
    query: (sql, params) => pool.query(sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs `work` in a savepoint of the caller's transaction: its failure undoes only its own writes. */
export async function inSavepoint<T>(client: Queryable, name: string, work: () => Promise<T>): Promise<T> {
  await client.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await client.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

/**
 * Opens a read-only, repeatable-read transaction on a checked-out client (a long export reads one snapshot);
 * returns the snapshot's time. End it with `endTransaction`.
 */
export async function beginSnapshot(client: Queryable): Promise<Date> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return (await client.query<{ now: Date }>('SELECT now() AS now')).rows[0]!.now;
}

export async function endTransaction(client: Queryable, outcome: 'COMMIT' | 'ROLLBACK'): Promise<void> {
  await client.query(outcome);
}
