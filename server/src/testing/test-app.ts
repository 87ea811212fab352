import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { fixedClock, systemClock, type Clock } from '../platform/clock';
import type { Mailer } from '../platform/mail';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole API (no web files) on a fresh database, for `app.inject` tests. */
export async function createTestApp(
  options: { clock?: Clock; signInAttemptsPerMinute?: number; mailer?: Mailer; exportDir?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    db: database.db,
    clock: options.clock ?? systemClock,
    webDist: null,
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 1000,
    publicUrl: 'https://clinic.test',
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.exportDir ? { exportDir: options.exportDir } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export { fixedClock };
