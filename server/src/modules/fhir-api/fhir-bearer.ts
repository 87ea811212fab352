import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@needlepoint/core/errors';
import type { SystemScope } from '@needlepoint/core/fhir/smart-scopes';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import type { FhirCaller } from './fhir-caller';
import { authenticateToken } from './fhir-clients.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** A system that presented a valid FHIR access token (SMART Backend Services). */
    fhirClient: { clientId: string; clinicId: string; scopes: SystemScope[] } | null;
  }
}

/**
 * Reads `Authorization: Bearer` on /fhir routes before the session check: a valid token makes the request a
 * system's (its scopes are checked by each route); an invalid or expired one is refused outright.
 */
export function registerFhirBearer(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  app.decorateRequest('fhirClient', null);
  app.addHook('onRequest', async (request) => {
    // Only routes that admit systems read the token (metadata and the token endpoint ignore it).
    if (!request.url.startsWith('/fhir/') || !request.routeOptions.config?.fhirClients) return;
    const header = request.headers.authorization;
    if (!header) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('AUTH_REQUIRED', 'Authorization must be a Bearer access token');
    const client = await authenticateToken(deps.db, deps.clock, m[1]!);
    if (!client) throw new DomainError('AUTH_REQUIRED', 'The access token is unknown or has expired');
    request.fhirClient = client;
  });
}

/** The caller of a FHIR route: the system behind the token, else the signed-in staff member. */
export function callerOf(request: FastifyRequest): FhirCaller {
  if (request.fhirClient)
    return {
      kind: 'client',
      ...request.fhirClient,
      ip: request.ip,
      requestId: request.id,
      clock: request.clock,
    };
  return { kind: 'staff', actor: actorOf(request) };
}
