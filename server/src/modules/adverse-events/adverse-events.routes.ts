import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdverseEventDto,
  AdverseEventList,
  AdverseEventQuery,
  AdverseEventReport,
  CreateAdverseEventRequest,
  UpdateAdverseEventRequest,
} from '@needlepoint/core/contracts/adverse-events';
import { IdParams } from '@needlepoint/core/contracts/common';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import * as events from './adverse-events.service';

const MedWatchForm = z.record(z.string(), z.string());

/** Adverse events on treated patients, the MedWatch 3500 export and the rates report. */
export function adverseEventsRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['adverse-events'];
    const read = { access: 'adverse-event:read' } as const;
    const write = { access: 'adverse-event:write' } as const;

    app.get(
      '/api/adverse-events',
      { schema: { tags, querystring: AdverseEventQuery, response: { 200: AdverseEventList } }, config: read },
      async (request) => ({
        events: await events.listAdverseEvents(deps, actorOf(request), request.query.patientId ?? null),
      }),
    );
    app.post(
      '/api/adverse-events',
      {
        schema: { tags, body: CreateAdverseEventRequest, response: { 201: AdverseEventDto } },
        config: write,
      },
      async (request, reply) =>
        reply.status(201).send(await events.openAdverseEvent(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/adverse-events/report',
      { schema: { tags, response: { 200: AdverseEventReport } }, config: read },
      async (request) => events.adverseEventReport(deps, actorOf(request)),
    );
    app.get(
      '/api/adverse-events/medwatch.csv',
      { schema: { tags, response: { 200: z.string() } }, config: read },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="adverse-events-medwatch-3500.csv"')
          .send(events.medWatchCsv(await events.exportMedWatch(deps, actorOf(request), null))),
    );
    app.get(
      '/api/adverse-events/:id',
      { schema: { tags, params: IdParams, response: { 200: AdverseEventDto } }, config: read },
      async (request) => events.getAdverseEvent(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/adverse-events/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateAdverseEventRequest,
          response: { 200: AdverseEventDto },
        },
        config: write,
      },
      async (request) => events.updateAdverseEvent(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/adverse-events/:id/medwatch',
      {
        schema: { tags, params: IdParams, response: { 200: z.object({ form: MedWatchForm }) } },
        config: read,
      },
      async (request) => ({
        form: (await events.exportMedWatch(deps, actorOf(request), request.params.id))[0]!,
      }),
    );
  };
}
