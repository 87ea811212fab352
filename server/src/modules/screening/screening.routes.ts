import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  DecisionRequest,
  RunScreeningRequest,
  Screening,
  ScreeningList,
  ScreeningQueue,
  ScreeningQueueQuery,
  ScreeningSettingsView,
  UpdateScreeningSettingsRequest,
} from '@needlepoint/core/contracts/screening';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import * as settings from './screening-settings.service';
import * as screening from './screening.service';

export function screeningRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['screening'];
    app.post(
      '/api/patients/:id/screenings',
      {
        schema: { tags, params: IdParams, body: RunScreeningRequest, response: { 201: Screening } },
        config: { access: 'screening:run' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await screening.runScreening(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/patients/:id/screenings',
      {
        schema: { tags, params: IdParams, response: { 200: ScreeningList } },
        config: { access: 'screening:read' },
      },
      async (request) => ({
        screenings: await screening.listPatientScreenings(deps, actorOf(request), request.params.id),
      }),
    );
    app.get(
      '/api/screenings/queue',
      {
        schema: { tags, querystring: ScreeningQueueQuery, response: { 200: ScreeningQueue } },
        config: { access: 'screening:read' },
      },
      async (request) => screening.screeningQueue(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/screenings/:id/decisions',
      {
        schema: { tags, params: IdParams, body: DecisionRequest, response: { 201: Screening } },
        config: { access: 'screening:decide' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await screening.decideOnFinding(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/clinic/screening-settings',
      { schema: { tags, response: { 200: ScreeningSettingsView } }, config: { access: 'clinic:read' } },
      async (request) => settings.getScreeningSettings(deps.db, actorOf(request)),
    );
    app.put(
      '/api/clinic/screening-settings',
      {
        schema: { tags, body: UpdateScreeningSettingsRequest, response: { 200: ScreeningSettingsView } },
        config: { access: 'clinic:write' },
      },
      async (request) => settings.updateScreeningSettings(deps.db, actorOf(request), request.body),
    );
  };
}
