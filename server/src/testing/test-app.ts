import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { fixedClock, systemClock, type Clock } from '../platform/clock';
import type { ImportLimits } from '../modules/imports/import-sources';
import type { BlobStore } from '../platform/blob-store/blob-store';
import type { AuditAnchor } from '../platform/audit-checkpoints';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole API (no web files) on a fresh database, for `app.inject` tests. */
export async function createTestApp(
  options: {
    clock?: Clock;
    signInAttemptsPerMinute?: number;
    mailCatcher?: boolean;
    exportDir?: string;
    importLimits?: Partial<ImportLimits>;
    signInFailuresPerAddress?: number;
    logStream?: { write(line: string): void };
    logLevel?: string;
    photoStore?: BlobStore;
    auditAnchor?: AuditAnchor;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    db: database.db,
    clock: options.clock ?? systemClock,
    webDist: null,
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 1000,
    signInFailuresPerAddress: options.signInFailuresPerAddress ?? 1000,
    ...(options.logStream ? { logStream: options.logStream, logLevel: options.logLevel ?? 'info' } : {}),
    publicUrl: 'https://clinic.test',
    ...(options.mailCatcher ? { mailCatcher: true } : {}),
    ...(options.exportDir ? { exportDir: options.exportDir } : {}),
    ...(options.importLimits ? { importLimits: options.importLimits } : {}),
    ...(options.photoStore ? { photoStore: options.photoStore } : {}),
    ...(options.auditAnchor ? { auditAnchor: options.auditAnchor } : {}),
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
