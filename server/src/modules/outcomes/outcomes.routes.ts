import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  OutcomeReportDto,
  OutcomeScoreDto,
  OutcomeSettingsDto,
  OwnOutcomesDto,
  PlanOutcomesDto,
  RecordOwnScoreRequest,
  RecordScoreRequest,
  SaveValidatedScaleTextRequest,
  ValidatedScaleTextDto,
  ValidatedScaleTextList,
} from '@needlepoint/core/contracts/outcomes';
import { actorOf, portalPatientId } from '../../platform/session';
import * as outcomes from './outcomes.service';
import type { OutcomeDeps } from './outcomes.service';
import * as scaleTexts from './scale-texts.service';

/** Outcome scores on plans (provider), the patient's own scores (portal), scoring settings and the clinic report. */
export function outcomesRoutes(deps: OutcomeDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['outcomes'];
    app.get(
      '/api/plans/:id/outcomes',
      {
        schema: { tags, params: IdParams, response: { 200: PlanOutcomesDto } },
        config: { access: 'outcome:read' },
      },
      async (request) => outcomes.planOutcomes(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/plans/:id/outcomes',
      {
        schema: { tags, params: IdParams, body: RecordScoreRequest, response: { 201: OutcomeScoreDto } },
        config: { access: 'outcome:record' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await outcomes.recordScore(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/portal/outcomes',
      { schema: { tags, response: { 200: OwnOutcomesDto } }, config: { access: 'portal:self' } },
      async (request) => outcomes.ownOutcomes(deps, actorOf(request), portalPatientId(request)),
    );
    app.post(
      '/api/portal/outcomes',
      {
        schema: { tags, body: RecordOwnScoreRequest, response: { 201: OutcomeScoreDto } },
        config: { access: 'portal:self' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await outcomes.recordOwnScore(deps, actorOf(request), portalPatientId(request), request.body),
          ),
    );
    app.get(
      '/api/outcome-settings',
      { schema: { tags, response: { 200: OutcomeSettingsDto } }, config: { access: 'outcome:read' } },
      async (request) => outcomes.outcomeSettings(deps, actorOf(request)),
    );
    app.put(
      '/api/outcome-settings',
      {
        schema: { tags, body: z.record(z.string(), z.unknown()), response: { 200: OutcomeSettingsDto } },
        config: { access: 'clinic:write' },
      },
      async (request) => outcomes.saveOutcomeSettings(deps, actorOf(request), request.body),
    );
    app.get(
      '/api/validated-scale-texts',
      { schema: { tags, response: { 200: ValidatedScaleTextList } }, config: { access: 'clinic:read' } },
      async (request) => ({ texts: await scaleTexts.listScaleTexts(deps.db, actorOf(request)) }),
    );
    app.post(
      '/api/validated-scale-texts',
      {
        schema: { tags, body: SaveValidatedScaleTextRequest, response: { 201: ValidatedScaleTextDto } },
        config: { access: 'clinic:write' },
      },
      async (request, reply) =>
        reply.status(201).send(await scaleTexts.saveScaleText(deps.db, actorOf(request), request.body)),
    );
    app.get(
      '/api/reports/outcomes',
      { schema: { tags, response: { 200: OutcomeReportDto } }, config: { access: 'reports:read' } },
      async (request) => outcomes.outcomeReport(deps, actorOf(request)),
    );
    app.get(
      '/api/reports/outcomes.csv',
      { schema: { tags }, config: { access: 'reports:read' } },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="outcomes.csv"')
          .header('cache-control', 'private, no-store')
          .send(await outcomes.outcomeReportAsCsv(deps, actorOf(request))),
    );
  };
}
