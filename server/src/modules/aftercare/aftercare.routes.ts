import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AftercareAlertList,
  AftercareSettings,
  CheckInActionRequest,
  CheckInDto,
  PortalAftercare,
  PortalTimeline,
  PortalTimelineQuery,
  SubmitCheckInRequest,
  TriageQueue,
  TriageQueueQuery,
  UpdateAftercareSettingsRequest,
} from '@needlepoint/core/contracts/aftercare';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf, portalPatientId } from '../../platform/session';
import * as settings from './aftercare-settings.service';
import * as aftercare from './aftercare.service';

/** Symptom check-ins: the patient submits and reads their own; staff work the triage queue and alerts. */
export function aftercareRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['aftercare'];
    app.post(
      '/api/portal/check-ins',
      {
        schema: { tags, body: SubmitCheckInRequest, response: { 201: CheckInDto } },
        config: { access: 'portal:self' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await aftercare.submitCheckIn(deps, actorOf(request), portalPatientId(request), request.body),
          ),
    );
    app.get(
      '/api/portal/check-ins',
      { schema: { tags, response: { 200: PortalAftercare } }, config: { access: 'portal:self' } },
      async (request) => aftercare.portalAftercare(deps, actorOf(request), portalPatientId(request)),
    );
    app.get(
      '/api/portal/timeline',
      {
        schema: { tags, querystring: PortalTimelineQuery, response: { 200: PortalTimeline } },
        config: { access: 'portal:self' },
      },
      async (request) =>
        aftercare.portalTimeline(
          deps,
          actorOf(request),
          portalPatientId(request),
          request.query.language ?? request.user?.preferredLanguage ?? 'en',
        ),
    );
    app.get(
      '/api/aftercare/queue',
      {
        schema: { tags, querystring: TriageQueueQuery, response: { 200: TriageQueue } },
        config: { access: 'aftercare:read' },
      },
      async (request) => aftercare.triageQueue(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/aftercare/check-ins/:id/actions',
      {
        schema: { tags, params: IdParams, body: CheckInActionRequest, response: { 200: CheckInDto } },
        config: { access: 'aftercare:triage' },
      },
      async (request) => aftercare.actOnCheckIn(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/aftercare/alerts',
      { schema: { tags, response: { 200: AftercareAlertList } }, config: { access: 'aftercare:read' } },
      async (request) => ({ alerts: await aftercare.listAlerts(deps, actorOf(request)) }),
    );
    app.post(
      '/api/aftercare/alerts/:id/acknowledge',
      {
        schema: { tags, params: IdParams, body: z.object({}).strict().optional(), response: { 200: Ok } },
        config: { access: 'aftercare:read' },
      },
      async (request) => {
        await aftercare.acknowledgeAlert(deps, actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/aftercare/settings',
      { schema: { tags, response: { 200: AftercareSettings } }, config: { access: 'clinic:read' } },
      async (request) => settings.getAftercareSettings(deps.db, actorOf(request)),
    );
    app.put(
      '/api/aftercare/settings',
      {
        schema: { tags, body: UpdateAftercareSettingsRequest, response: { 200: AftercareSettings } },
        config: { access: 'clinic:write' },
      },
      async (request) => settings.updateAftercareSettings(deps.db, actorOf(request), request.body),
    );
  };
}
