import type { Queryable } from '../db/database';

/**
 * Counts one hit on `key` in a window of `windowMs` that starts with the first hit (one statement, so two app
 * instances counting at once never lose a hit). Returns the hits in the window and the milliseconds it has left.
 */
export async function countHit(
  client: Queryable,
  key: string,
  windowMs: number,
): Promise<{ hits: number; ttlMs: number }> {
  const { rows } = await client.query<{ hits: number; ttl_ms: number }>(
    `INSERT INTO rate_limit_counters AS c (key, hits, resets_at)
     VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN c.resets_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
       resets_at = CASE WHEN c.resets_at <= clock_timestamp() THEN excluded.resets_at ELSE c.resets_at END
     RETURNING hits, greatest(0, ceil(extract(epoch FROM resets_at - clock_timestamp()) * 1000))::int AS ttl_ms`,
    [key, windowMs],
  );
  return { hits: rows[0]!.hits, ttlMs: rows[0]!.ttl_ms };
}

/** The hits on `key` in its current window, without counting one. */
export async function readHits(client: Queryable, key: string): Promise<{ hits: number; ttlMs: number }> {
  const { rows } = await client.query<{ hits: number; ttl_ms: number }>(
    `SELECT hits, greatest(0, ceil(extract(epoch FROM resets_at - clock_timestamp()) * 1000))::int AS ttl_ms
       FROM rate_limit_counters WHERE key = $1 AND resets_at > clock_timestamp()`,
    [key],
  );
  return rows[0] ? { hits: rows[0].hits, ttlMs: rows[0].ttl_ms } : { hits: 0, ttlMs: 0 };
}

/** Removes windows that ended more than a minute ago. */
export async function forgetEndedWindows(client: Queryable): Promise<number> {
  const { rowCount } = await client.query(
    "DELETE FROM rate_limit_counters WHERE resets_at < clock_timestamp() - interval '1 minute'",
  );
  return rowCount ?? 0;
}
