import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ClinicSettings, UpdateClinicSettingsRequest } from '@needlepoint/core/contracts/clinic';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import * as clinic from './clinic.service';

export function clinicRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
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
  };
}
