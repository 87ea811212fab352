import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  ConsentDocument,
  ConsentDocumentList,
  ConsentSignature,
  ConsentStatus,
  DocumentIdParams,
  PatientConsents,
  PatientSignatureParams,
  PortalConsents,
  PublishConsentDocumentRequest,
  RevokeConsentRequest,
  SignConsentRequest,
} from '@needlepoint/core/contracts/consents';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf, portalPatientId } from '../../platform/session';
import * as documents from './consent-documents.service';
import * as consents from './consents.service';

const userAgentOf = (request: FastifyRequest) => request.headers['user-agent'] ?? null;

/** Consent documents (staff), signing and withdrawing in the portal, and printable copies for both. */
export function consentsRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['consents'];
    const portal = { access: 'portal:self' } as const;

    app.get(
      '/api/consent-documents',
      { schema: { tags, response: { 200: ConsentDocumentList } }, config: { access: 'clinic:read' } },
      async (request) => ({ documents: await documents.listConsentDocuments(deps.db, actorOf(request)) }),
    );
    app.post(
      '/api/consent-documents',
      {
        schema: { tags, body: PublishConsentDocumentRequest, response: { 201: ConsentDocument } },
        config: { access: 'clinic:write' },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await documents.publishConsentDocument(deps.db, actorOf(request), request.body)),
    );
    app.get(
      '/api/patients/:id/consents',
      {
        schema: { tags, params: IdParams, response: { 200: PatientConsents } },
        config: { access: 'patient:read' },
      },
      async (request) => consents.getPatientConsents(deps.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/patients/:id/consent-signatures/:sigId/pdf',
      { schema: { tags, params: PatientSignatureParams }, config: { access: 'patient:read' } },
      async (request, reply) => {
        const { filename, pdf } = await consents.renderSignaturePdf(
          deps.db,
          actorOf(request),
          request.params.id,
          request.params.sigId,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(Buffer.from(pdf));
      },
    );

    app.get(
      '/api/portal/consents',
      { schema: { tags, response: { 200: PortalConsents } }, config: portal },
      async (request) => consents.getPortalConsents(deps.db, actorOf(request), portalPatientId(request)),
    );
    app.post(
      '/api/portal/consents/:documentId/sign',
      {
        schema: {
          tags,
          params: DocumentIdParams,
          body: SignConsentRequest,
          response: { 201: ConsentStatus },
        },
        config: portal,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await consents.signConsent(
              deps,
              actorOf(request),
              portalPatientId(request),
              request.params.documentId,
              request.body,
              userAgentOf(request),
            ),
          ),
    );
    app.post(
      '/api/portal/consent-signatures/:id/revoke',
      {
        schema: { tags, params: IdParams, body: RevokeConsentRequest, response: { 200: ConsentSignature } },
        config: portal,
      },
      async (request) =>
        consents.revokeConsent(
          deps,
          actorOf(request),
          portalPatientId(request),
          request.params.id,
          request.body?.reason,
        ),
    );
    app.get(
      '/api/portal/consent-signatures/:id/pdf',
      { schema: { tags, params: IdParams }, config: portal },
      async (request, reply) => {
        const { filename, pdf } = await consents.renderSignaturePdf(
          deps.db,
          actorOf(request),
          portalPatientId(request),
          request.params.id,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(Buffer.from(pdf));
      },
    );
  };
}
