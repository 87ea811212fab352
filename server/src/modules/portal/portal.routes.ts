import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import { PatientRecord } from '@needlepoint/core/contracts/patients';
import {
  AcceptInvitationRequest,
  ChooseLanguageRequest,
  CreateInvitationRequest,
  DrugQuery,
  DrugSuggestions,
  IntakeState,
  Invitation,
  InvitationList,
  InvitationTokenParams,
  InvitationView,
  PatientIntakes,
  SaveIntakeDraftRequest,
  SubmitIntakeRequest,
  SubmitIntakeResponse,
} from '@needlepoint/core/contracts/portal';
import { DomainError } from '@needlepoint/core/errors';
import { suggestDrugs } from '@needlepoint/core/knowledge/drug-suggestions';
import { clinicalKnowledge } from '@needlepoint/core/knowledge/knowledge';
import { actorOf, portalPatientId, sessionCookie } from '../../platform/session';
import { choosePreferredLanguage, getPatientRecord } from '../patients/patients.service';
import * as intake from './intake.service';
import * as invitations from './invitations.service';
import type { InvitationDeps } from './invitations.service';

/** The patient portal: a patient reaches only the record linked to their own account. */
export function portalRoutes(deps: InvitationDeps & { cookieSecure: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['portal'];
    const self = { access: 'portal:self' } as const;
    app.get(
      '/api/portal/me',
      { schema: { tags, response: { 200: PatientRecord } }, config: self },
      async (request) => {
        const patientId = portalPatientId(request);
        if (!patientId)
          throw new DomainError('AUTH_FORBIDDEN', 'This account is not linked to a patient record');
        return getPatientRecord(deps.db, actorOf(request), patientId);
      },
    );

    app.put(
      '/api/portal/language',
      { schema: { tags, body: ChooseLanguageRequest, response: { 200: Ok } }, config: self },
      async (request) => {
        const patientId = portalPatientId(request);
        if (!patientId)
          throw new DomainError('AUTH_FORBIDDEN', 'This account is not linked to a patient record');
        await choosePreferredLanguage(deps.db, actorOf(request), patientId, request.body.language);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/patients/:id/invitations',
      {
        schema: { tags, params: IdParams, body: CreateInvitationRequest, response: { 201: Invitation } },
        config: { access: 'patient:write' },
      },
      async (request, reply) =>
        reply.status(201).send(await invitations.invitePatient(deps, actorOf(request), request.params.id)),
    );
    app.get(
      '/api/patients/:id/invitations',
      {
        schema: { tags, params: IdParams, response: { 200: InvitationList } },
        config: { access: 'patient:read' },
      },
      async (request) => ({
        invitations: await invitations.listInvitations(deps, actorOf(request), request.params.id),
      }),
    );
    app.get(
      '/api/portal/invitations/:token',
      {
        schema: { tags, params: InvitationTokenParams, response: { 200: InvitationView } },
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request) => invitations.viewInvitation(deps, request.params.token),
    );
    app.post(
      '/api/portal/invitations/:token/accept',
      {
        schema: { tags, params: InvitationTokenParams, body: AcceptInvitationRequest, response: { 200: Ok } },
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { sessionToken } = await invitations.acceptInvitation(
          deps,
          request.params.token,
          request.body,
          {
            ip: request.ip,
            userAgent: request.headers['user-agent'] ?? null,
            requestId: request.id,
          },
        );
        reply.setCookie(sessionCookie, sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookieSecure,
          path: '/',
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/portal/intake',
      { schema: { tags, response: { 200: IntakeState } }, config: self },
      async (request) => intake.getIntake(deps.db, actorOf(request), portalPatientId(request)),
    );
    app.put(
      '/api/portal/intake',
      { schema: { tags, body: SaveIntakeDraftRequest, response: { 200: IntakeState } }, config: self },
      async (request) =>
        intake.saveIntakeDraft(deps.db, actorOf(request), portalPatientId(request), request.body),
    );
    app.post(
      '/api/portal/intake/submit',
      { schema: { tags, body: SubmitIntakeRequest, response: { 200: SubmitIntakeResponse } }, config: self },
      async (request) =>
        intake.submitIntake(deps, actorOf(request), portalPatientId(request), request.body.record),
    );
    app.get(
      '/api/patients/:id/intakes',
      {
        schema: { tags, params: IdParams, response: { 200: PatientIntakes } },
        config: { access: 'patient:read' },
      },
      async (request) => intake.listPatientIntakes(deps.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/drugs',
      {
        schema: { tags, querystring: DrugQuery, response: { 200: DrugSuggestions } },
        config: { access: 'signed-in' },
      },
      async (request) => ({
        suggestions: suggestDrugs(clinicalKnowledge.drugs, request.query.q),
      }),
    );
  };
}
