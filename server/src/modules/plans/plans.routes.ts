import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  PlanList,
  CheckDepthRequest,
  CheckDepthResponse,
  CreatePlanRequest,
  PlanDto,
  PlanListQuery,
  PlanTemplateDto,
  PlanTemplatesResponse,
  TransitionPlanRequest,
  UpdatePlanRequest,
} from '@needlepoint/core/contracts/plans';
import { actorOf } from '../../platform/session';
import * as plans from './plans.service';
import type { PlanDeps } from './plans.service';

const TemplateParams = z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }).strict();

export function plansRoutes(deps: PlanDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['plans'];
    const read = { access: 'plan:read' } as const;
    const write = { access: 'plan:write' } as const;
    app.get(
      '/api/plan-templates',
      { schema: { tags, response: { 200: PlanTemplatesResponse } }, config: read },
      async (request) => plans.listTemplates(deps, actorOf(request)),
    );
    app.put(
      '/api/plan-templates/:id',
      {
        schema: {
          tags,
          params: TemplateParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: PlanTemplateDto },
        },
        config: write,
      },
      async (request) => plans.saveTemplate(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/plans',
      { schema: { tags, querystring: PlanListQuery, response: { 200: PlanList } }, config: read },
      async (request) => ({
        plans: await plans.listPlans(deps, actorOf(request), request.query),
      }),
    );
    app.post(
      '/api/plans',
      { schema: { tags, body: CreatePlanRequest, response: { 201: PlanDto } }, config: write },
      async (request, reply) =>
        reply.status(201).send(await plans.createPlan(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/plans/:id',
      { schema: { tags, params: IdParams, response: { 200: PlanDto } }, config: read },
      async (request) => plans.getPlan(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/plans/:id',
      {
        schema: { tags, params: IdParams, body: UpdatePlanRequest, response: { 200: PlanDto } },
        config: write,
      },
      async (request) => plans.updatePlan(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/plans/:id/transitions',
      {
        schema: { tags, params: IdParams, body: TransitionPlanRequest, response: { 200: PlanDto } },
        config: write,
      },
      async (request) => plans.transition(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/plans/:id/depth-check',
      {
        schema: { tags, params: IdParams, body: CheckDepthRequest, response: { 200: CheckDepthResponse } },
        config: read,
      },
      async (request) =>
        plans.depthCheck(deps, actorOf(request), request.params.id, request.body.zone, request.body.depthMm),
    );
  };
}
