import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic } from '../testing/factories';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import type { Queryable } from './database';
import { constantPart, mapPart, readTogether, type ReadPart } from './read-together';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

/** A client that counts the statements sent through it. */
function counted(client: Queryable): { client: Queryable; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    client: {
      query: ((text: string, params?: unknown[]) => {
        statements.push(text);
        return client.query(text, params);
      }) as Queryable['query'],
    },
  };
}

const sum = (a: number, b: number): ReadPart<number> => ({
  sql: 'SELECT $1::int + $2::int',
  params: [a, b],
  decode: (value) => value as number,
});

describe('readTogether', () => {
  it('runs every part in one statement, each with its own parameters, and decodes each', async () => {
    const { client, statements } = counted(t.db.pool);
    const loaded = await readTogether(client, {
      first: sum(1, 2),
      second: sum(10, 20),
      words: mapPart(
        {
          sql: 'SELECT json_build_array($1::text, $2::text)',
          params: ['a', 'b'],
          decode: (v) => v as string[],
        },
        (words) => words.join('+'),
      ),
      known: constantPart('kept'),
    });
    expect(loaded).toEqual({ first: 3, second: 30, words: 'a+b', known: 'kept' });
    expect(statements).toHaveLength(1);
  });

  it('holds the lock a part takes until the transaction ends', async () => {
    const clinic = await makeClinic(t.db);
    const locked: ReadPart<string> = {
      sql: 'SELECT id FROM clinics WHERE id = $1 FOR UPDATE',
      params: [clinic.id],
      decode: (value) => value as string,
    };
    const other = await t.db.pool.connect();
    try {
      await t.db.transaction(async (client) => {
        expect(await readTogether(client, { other: sum(1, 1), locked })).toEqual({
          other: 2,
          locked: clinic.id,
        });
        await other.query('BEGIN');
        await expect(
          other.query('SELECT id FROM clinics WHERE id = $1 FOR UPDATE NOWAIT', [clinic.id]),
        ).rejects.toMatchObject({ code: '55P03' });
        await other.query('ROLLBACK');
      });
      await other.query('BEGIN');
      const free = await other.query('SELECT id FROM clinics WHERE id = $1 FOR UPDATE NOWAIT', [clinic.id]);
      expect(free.rowCount).toBe(1);
      await other.query('ROLLBACK');
    } finally {
      other.release();
    }
  });
});
