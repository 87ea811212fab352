import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SessionResponse } from '@needlepoint/core/contracts/auth';
import { ClinicSettings, UpdateClinicSettingsRequest } from '@needlepoint/core/contracts/clinic';
import { CreateClinicRequest, SetupStatus } from '@needlepoint/core/contracts/setup';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf, sessionCookie } from '../../platform/session';
import { signIn } from '../auth/auth.service';
import * as clinic from './clinic.service';
import { createClinic, setupStatus } from './create-clinic.service';

export function clinicRoutes(deps: {
  db: Database;
  clock: Clock;
  cookieSecure: boolean;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/clinic/settings',
      { schema: { tags: ['clinic'], response: { 200: ClinicSettings } }, config: { access: 'clinic:read' } },
      async (request) => clinic.getClinicSettings(deps.db, actorOf(request)),
    );
    app.put(
      '/api/clinic/settings',
      {
        schema: { tags: ['clinic'], body: UpdateClinicSettingsRequest, response: { 200: ClinicSettings } },
        config: { access: 'clinic:write' },
      },
      async (request) => clinic.updateClinicSettings(deps.db, actorOf(request), request.body),
    );

    // First-run set-up: public only while the database has no clinic (the use case refuses afterwards).
    app.get(
      '/api/setup',
      { schema: { tags: ['clinic'], response: { 200: SetupStatus } }, config: { access: 'public' } },
      async () => setupStatus(deps.db),
    );
    app.post(
      '/api/setup',
      {
        schema: { tags: ['clinic'], body: CreateClinicRequest, response: { 201: SessionResponse } },
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const origin = {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
          clock: deps.clock,
        };
        await createClinic(deps.db, request.body, origin);
        // The new owner is signed in straight away; their first session may only enrol a second factor.
        const { token, user } = await signIn(
          deps,
          { email: request.body.email, password: request.body.password },
          origin,
        );
        reply.setCookie(sessionCookie, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookieSecure,
          path: '/',
        });
        return reply.status(201).send({ user });
      },
    );
  };
}
