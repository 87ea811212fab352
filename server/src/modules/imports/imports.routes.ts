import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportQuery, ImportReport } from '@needlepoint/core/contracts/imports';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import { importFhir, type ItemResult } from './fhir-import.service';
import { readBundle, readNdjson } from './import-sources';

const maxUploadBytes = 2 * 1024 * 1024 * 1024;
/** A FHIR Bundle (JSON) or Bulk Data NDJSON. */
const importTypes = [
  'application/json',
  'application/fhir+json',
  'application/x-ndjson',
  'application/ndjson',
  'application/fhir+ndjson',
];

function operationOutcome(severity: 'error' | 'information', code: string, text: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] };
}

function batchEntry(result: ItemResult) {
  switch (result.status) {
    case 'created':
      return { response: { status: '201 Created' } };
    case 'updated':
    case 'unchanged':
      return { response: { status: '200 OK' } };
    case 'skipped':
      return {
        response: {
          status: '200 OK',
          outcome: operationOutcome(
            'information',
            'informational',
            'Valid, but not a type the clinic record keeps',
          ),
        },
      };
    case 'rejected':
      return {
        response: { status: '400 Bad Request', outcome: operationOutcome('error', 'invalid', result.reason) },
      };
  }
}

/**
 * Imports stream the request body straight into the importer: nothing holds the whole upload in memory.
 * The body parsers here are this plugin's own (encapsulated), so the rest of the API stays JSON-only.
 */
export function importsRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { bodyLimit: maxUploadBytes }, (_request, payload, done) =>
      done(null, payload),
    );

    app.post(
      '/api/imports',
      {
        bodyLimit: maxUploadBytes,
        schema: { tags: ['imports'], querystring: ImportQuery, response: { 200: ImportReport } },
        config: { access: 'patient:write', accepts: importTypes },
      },
      async (request) => {
        const type = request.headers['content-type'] ?? '';
        const format = request.query.format ?? (/ndjson/.test(type) ? 'ndjson' : 'bundle');
        const name = request.query.name ?? 'upload';
        const body = request.body as Readable;
        const items = format === 'ndjson' ? readNdjson(body, name) : readBundle(body, name);
        return importFhir(deps.db, actorOf(request), items);
      },
    );

    // FHIR R4 batch/transaction endpoint: each entry is taken or refused on its own (batch semantics).
    app.post(
      '/fhir/R4',
      {
        bodyLimit: maxUploadBytes,
        schema: { hide: true },
        config: { access: 'patient:write', accepts: ['application/fhir+json', 'application/json'] },
      },
      async (request, reply) => {
        const results = new Map<number, ItemResult>();
        let documentProblem: string | null = null;
        await importFhir(deps.db, actorOf(request), readBundle(request.body as Readable, 'Bundle'), {
          onItem: (item, result) => {
            if (item.entryIndex === undefined)
              documentProblem = result.status === 'rejected' ? result.reason : 'not a Bundle';
            else results.set(item.entryIndex, result);
          },
        });
        reply.type('application/fhir+json');
        if (documentProblem !== null && results.size === 0) {
          return reply.status(400).send(operationOutcome('error', 'invalid', documentProblem));
        }
        const count = Math.max(-1, ...results.keys()) + 1;
        const entry = Array.from({ length: count }, (_, i) =>
          batchEntry(results.get(i) ?? { status: 'rejected', reason: 'entry not read' }),
        );
        return reply.status(200).send({
          resourceType: 'Bundle',
          type: 'batch-response',
          entry,
        });
      },
    );
  };
}
