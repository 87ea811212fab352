import type { FastifyInstance } from 'fastify';
import type { Runner } from 'graphile-worker';
import { buildApp, type AppDeps } from '../../server/src/app';
import { makeTasks } from '../../server/src/jobs/tasks';
import { systemClock } from '../../server/src/platform/clock';
import { startJobs } from '../../server/src/platform/jobs';
import type { Mailer } from '../../server/src/platform/mail';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database';

/**
 * The real app (API + built web app) on a free port with a database of its own. `options` passes
 * app settings through, e.g. a higher sign-in rate limit for a file that signs in many times. With a `mailer`, the
 * job queue runs too, so the outbox delivers messages to it.
 */
export async function startTestServer(
  options: Omit<Partial<AppDeps>, 'db' | 'clock'> & { mailer?: Mailer } = {},
): Promise<{ app: FastifyInstance; url: string; database: TestDatabase; stop(): Promise<void> }> {
  const { mailer, ...appOptions } = options;
  const database = await createTestDatabase();
  const app = await buildApp({ ...appOptions, db: database.db, clock: systemClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const jobs: Runner | null = mailer
    ? await startJobs(
        database.db.pool,
        makeTasks({ db: database.db, mailer, clock: systemClock, publicUrl: url, log: () => undefined }),
      )
    : null;
  return {
    app,
    url,
    database,
    async stop() {
      await jobs?.stop();
      await app.close();
      await database.drop();
    },
  };
}
