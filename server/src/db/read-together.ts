import type { Queryable } from './database';

/**
 * One owner's read, not yet run: a SELECT yielding one value (json for rows), its parameters numbered from $1, and
 * how the owner turns that value into its own shape. The owner's repo writes the SQL, its service the decoding;
 * `readTogether` runs the reads of several owners as one statement (ADR 064).
 */
export interface ReadPart<T> {
  sql: string;
  params: readonly unknown[];
  decode: (value: unknown) => T;
}

type Decoded<P> = { [K in keyof P]: P[K] extends ReadPart<infer T> ? T : never };

/** The part with its value decoded further by `then` (a service's shape on top of its repo's). */
export function mapPart<T, U>(part: ReadPart<T>, then: (value: T) => U): ReadPart<U> {
  return { sql: part.sql, params: part.params, decode: (value) => then(part.decode(value)) };
}

/** A value the caller knows already, in place of a read it does not need this time. */
export function constantPart<T>(value: T): ReadPart<T> {
  return { sql: 'SELECT NULL', params: [], decode: () => value };
}

/**
 * Several owners' reads in one round trip and one snapshot: each part is a scalar subquery of one SELECT, its
 * parameters renumbered after the parts before it. Locks a part takes (`FOR UPDATE`) hold as they would alone.
 */
export async function readTogether<P extends Record<string, ReadPart<unknown>>>(
  db: Queryable,
  parts: P,
): Promise<Decoded<P>> {
  const names = Object.keys(parts);
  const params: unknown[] = [];
  const columns = names.map((name, i) => {
    const part = parts[name]!;
    const offset = params.length;
    params.push(...part.params);
    const sql = part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `(${sql}) AS c${i}`;
  });
  const { rows } = await db.query<Record<string, unknown>>(`SELECT ${columns.join(', ')}`, params);
  const row = rows[0]!;
  return Object.fromEntries(names.map((name, i) => [name, parts[name]!.decode(row[`c${i}`])])) as Decoded<P>;
}
