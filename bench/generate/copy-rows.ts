import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * A value as COPY's text format writes it: `\N` for null, arrays as PostgreSQL arrays of text, backslash escapes
 * for tab, newline and backslash. JSON columns are passed as strings (`JSON.stringify`).
 */
const special = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Date) return value.toISOString();
  else if (Array.isArray(value))
    text = `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  else return String(value);
  return special.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => escapes[c]!) : text;
}

/**
 * Streams `rows` into `table` with COPY FROM STDIN (text format), in chunks of about 1 MB with back-pressure.
 * Returns how many rows were written.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let count = 0;
  let chunk = '';
  for (const row of rows) {
    let line = field(row[0]);
    for (let i = 1; i < row.length; i++) line += '\t' + field(row[i]);
    chunk += line + '\n';
    count += 1;
    if (chunk.length > 1_000_000) {
      if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
  return count;
}
