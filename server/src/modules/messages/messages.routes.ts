import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import {
  CaughtMailList,
  Inbox,
  MessagePreferences,
  OutboxList,
  OutboxQuery,
  PatientMessageList,
  UnsubscribeParams,
  UnsubscribeView,
} from '@needlepoint/core/contracts/messages';
import { actorOf, portalPatientId } from '../../platform/session';
import * as messages from './messages.service';

/**
 * Messages: each patient's messages with their status (staff), the outbox (owner), the portal inbox and channel
 * choices (patient), one-click unsubscribe (RFC 8058) and the development mail catcher.
 */
export function messagesRoutes(deps: messages.MessagesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['messages'];
    // RFC 8058: the one-click POST is form-encoded (or multipart); its body only says `List-Unsubscribe=One-Click`.
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data'])
      app.addContentTypeParser(type, { parseAs: 'string' }, (_request, _body, done) => done(null, {}));

    app.get(
      '/api/patients/:id/messages',
      {
        schema: { tags, params: IdParams, response: { 200: PatientMessageList } },
        config: { access: 'patient:read' },
      },
      async (request) => messages.listPatientMessages(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/patients/:id/message-preferences',
      {
        schema: { tags, params: IdParams, response: { 200: MessagePreferences } },
        config: { access: 'patient:read' },
      },
      async (request) => messages.getPreferences(deps, actorOf(request), request.params.id),
    );
    app.put(
      '/api/patients/:id/message-preferences',
      {
        schema: { tags, params: IdParams, body: MessagePreferences, response: { 200: MessagePreferences } },
        config: { access: 'patient:write' },
      },
      async (request) => messages.setPreferences(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/messages',
      {
        schema: { tags, querystring: OutboxQuery, response: { 200: OutboxList } },
        config: { access: 'audit:read' },
      },
      async (request) => messages.listOutbox(deps, actorOf(request), request.query),
    );

    app.get(
      '/api/portal/messages',
      { schema: { tags, response: { 200: Inbox } }, config: { access: 'portal:self' } },
      async (request) => messages.portalInbox(deps, actorOf(request), portalPatientId(request)),
    );
    app.post(
      '/api/portal/messages/:id/read',
      { schema: { tags, params: IdParams, response: { 200: Ok } }, config: { access: 'portal:self' } },
      async (request) => {
        await messages.markInboxMessageRead(
          deps,
          actorOf(request),
          portalPatientId(request),
          request.params.id,
        );
        return { ok: true as const };
      },
    );
    app.get(
      '/api/portal/message-preferences',
      { schema: { tags, response: { 200: MessagePreferences } }, config: { access: 'portal:self' } },
      async (request) => messages.getPreferences(deps, actorOf(request), portalPatientId(request)),
    );
    app.put(
      '/api/portal/message-preferences',
      {
        schema: { tags, body: MessagePreferences, response: { 200: MessagePreferences } },
        config: { access: 'portal:self' },
      },
      async (request) =>
        messages.setPreferences(deps, actorOf(request), portalPatientId(request), request.body),
    );

    const unsubscribeLimit = { max: 30, timeWindow: '1 minute' };
    app.get(
      '/api/messages/unsubscribe/:token',
      {
        schema: { tags, params: UnsubscribeParams, response: { 200: UnsubscribeView } },
        config: { access: 'public', rateLimit: unsubscribeLimit },
      },
      async (request) => messages.viewUnsubscribe(deps, request.params.token),
    );
    app.post(
      '/api/messages/unsubscribe/:token',
      {
        schema: { tags, params: UnsubscribeParams, response: { 200: UnsubscribeView } },
        config: {
          access: 'public',
          rateLimit: unsubscribeLimit,
          accepts: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
        },
      },
      async (request) => messages.unsubscribe(deps, request.params.token),
    );

    app.get(
      '/api/dev/mail',
      { schema: { tags, response: { 200: CaughtMailList } }, config: { access: 'clinic:write' } },
      async (request) => messages.listCaughtMail(deps, actorOf(request)),
    );
  };
}
