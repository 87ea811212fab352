import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
  AuditVerifyQuery,
} from '@needlepoint/core/contracts/audit';
import type { Database } from '../../db/database';
import type { AuditAnchor } from '../../platform/audit-checkpoints';
import { actorOf } from '../../platform/session';
import * as audit from './audit.service';

export function auditRoutes(deps: { db: Database; anchor: AuditAnchor | null }): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'audit:read' } as const;
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } }, config },
      async (request) => audit.searchAuditLog(deps.db, actorOf(request), request.query),
    );
    app.get(
      '/api/audit/verify',
      {
        schema: { tags: ['audit'], querystring: AuditVerifyQuery, response: { 200: AuditVerification } },
        config,
      },
      async (request) =>
        audit.verifyAuditChain(deps.db, actorOf(request).clinicId, deps.anchor, {
          full: request.query.full === 'true',
        }),
    );
  };
}
