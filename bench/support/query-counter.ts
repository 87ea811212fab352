import type pg from 'pg';

/**
 * Counts the database round trips made through `pool` (every `query` of every client it hands out, `pool.query`
 * included), for benches that report how many a use case takes. Only the benches use it.
 */
export function countQueries(pool: pg.Pool): { count(): number; reset(): void; sql(): string[] } {
  const patched = new WeakSet<pg.PoolClient>();
  let statements: string[] = [];
  pool.on('acquire', (client) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      statements.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
      return query(...args);
    };
  });
  return {
    count: () => statements.length,
    reset: () => {
      statements = [];
    },
    sql: () => [...statements],
  };
}
