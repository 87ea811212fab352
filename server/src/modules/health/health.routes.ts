import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { checkReadiness } from './health.service';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.enum(['ready', 'not-ready']),
  database: z.boolean(),
  pendingMigrations: z.array(z.string()),
  /** The server is shutting down: it finishes what it has and takes nothing new. */
  draining: z.boolean(),
});

export function healthRoutes(deps: {
  db: Database;
  lifecycle: { draining: boolean };
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['health'], response: { 200: Health } }, config: { access: 'public' } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    app.get(
      '/ready',
      { schema: { tags: ['health'], response: { 200: Ready, 503: Ready } }, config: { access: 'public' } },
      async (_request, reply) => {
        const { ready, database, pendingMigrations } = await checkReadiness(deps.db);
        const draining = deps.lifecycle.draining;
        const ok = ready && !draining;
        return reply
          .status(ok ? 200 : 503)
          .send({ status: ok ? 'ready' : 'not-ready', database, pendingMigrations, draining });
      },
    );
  };
}
