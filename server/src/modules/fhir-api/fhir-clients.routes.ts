import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FhirClient,
  FhirClientList,
  RegisterFhirClientRequest,
} from '@needlepoint/core/contracts/fhir-clients';
import { smartEndpoints } from '@needlepoint/core/fhir/capability-statement';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import { listClients, registerClient, revokeClient } from './fhir-clients.service';

/** The owner registers the systems that may use the FHIR API (SMART Backend Services), and revokes them. */
export function fhirClientsRoutes(deps: { db: Database; publicUrl: string }): FastifyPluginAsyncZod {
  const tokenUrl = smartEndpoints(`${deps.publicUrl}/fhir/R4`).token;
  return async (app) => {
    app.get(
      '/api/fhir-clients',
      { schema: { tags: ['fhir'], response: { 200: FhirClientList } }, config: { access: 'clinic:write' } },
      async (request) => listClients(deps.db, actorOf(request), tokenUrl),
    );
    app.post(
      '/api/fhir-clients',
      {
        schema: { tags: ['fhir'], body: RegisterFhirClientRequest, response: { 201: FhirClient } },
        config: { access: 'clinic:write' },
      },
      async (request, reply) =>
        reply.status(201).send(await registerClient(deps.db, actorOf(request), request.body)),
    );
    app.post(
      '/api/fhir-clients/:id/revoke',
      {
        schema: { tags: ['fhir'], params: z.object({ id: z.uuid() }), response: { 200: FhirClient } },
        config: { access: 'clinic:write' },
      },
      async (request) => revokeClient(deps.db, actorOf(request), request.params.id),
    );
  };
}
