import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../server/src/app';
import { systemClock } from '../../server/src/platform/clock';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database';

/**
 * The real app (API + built web app) on a free port with a database of its own. `options` passes
 * app settings through, e.g. a higher sign-in rate limit for a file that signs in many times.
 */
export async function startTestServer(
  options: Omit<Partial<AppDeps>, 'db' | 'clock'> = {},
): Promise<{ app: FastifyInstance; url: string; database: TestDatabase; stop(): Promise<void> }> {
  const database = await createTestDatabase();
  const app = await buildApp({ ...options, db: database.db, clock: systemClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    database,
    async stop() {
      await app.close();
      await database.drop();
    },
  };
}
