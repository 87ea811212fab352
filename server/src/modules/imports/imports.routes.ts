import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportQuery, ImportReport } from '@needlepoint/core/contracts/imports';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import { importFhir, type ItemResult } from './fhir-import.service';
import { defaultImportLimits, readUpload, type ImportLimits, type SourceItem } from './import-sources';
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
 * Bounds (`limits`): the upload, one resource, one FHIR batch; see `readUpload`.
 */
export function importsRoutes(deps: { db: Database; limits: Partial<ImportLimits> }): FastifyPluginAsyncZod {
  const limits: ImportLimits = { ...defaultImportLimits, ...deps.limits };
  const declaredLength = (header: string | undefined) =>
    header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  return async (app) => {
    app.removeAllContentTypeParsers();
    // The body stays a stream; `readUpload` counts it against `limits.maxBytes` (Fastify's bodyLimit does
    // not apply to streamed bodies).
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.post(
      '/api/imports',
      {
        schema: { tags: ['imports'], querystring: ImportQuery, response: { 200: ImportReport } },
        config: { access: 'patient:write', accepts: importTypes },
      },
      async (request) => {
        const type = request.headers['content-type'] ?? '';
        const format = request.query.format ?? (/ndjson/.test(type) ? 'ndjson' : 'bundle');
        const name = request.query.name ?? 'upload';
        const items = readUpload(
          request.body,
          { format, name, declaredLength: declaredLength(request.headers['content-length']) },
          limits,
        );
        return importFhir(deps.db, actorOf(request), items);
      },
    );

    // FHIR R4 batch/transaction endpoint: each entry is taken or refused on its own (batch semantics). The
    // batch is read whole (at most `maxBatchEntries` entries) before anything is written, so a document that
    // turns out to be broken or too large writes nothing.
    app.post(
      '/fhir/R4',
      {
        schema: { hide: true },
        config: { access: 'patient:write', accepts: ['application/fhir+json', 'application/json'] },
      },
      async (request, reply) => {
        const items: SourceItem[] = [];
        const upload = readUpload(
          request.body,
          {
            format: 'bundle',
            name: 'Bundle',
            declaredLength: declaredLength(request.headers['content-length']),
          },
          limits,
        );
        for await (const item of upload) {
          items.push(item);
          if (items.length > limits.maxBatchEntries) {
            throw new DomainError(
              'IMPORT_BATCH_TOO_LARGE',
              `A batch may hold at most ${limits.maxBatchEntries} entries; nothing was imported (split it, or use /api/imports)`,
              { details: { maxEntries: limits.maxBatchEntries } },
            );
          }
        }
        const results: ItemResult[] = [];
        await importFhir(deps.db, actorOf(request), toAsync(items), {
          onItem: (item, result) => {
            if (item.entryIndex !== undefined) results[item.entryIndex] = result;
          },
        });
        const entry: ReturnType<typeof batchEntry>[] = [];
        for (let i = 0; i < results.length; i++)
          entry.push(batchEntry(results[i] ?? { status: 'rejected', reason: 'entry not read' }));
        reply.type('application/fhir+json');
        return reply.status(200).send({ resourceType: 'Bundle', type: 'batch-response', entry });
      },
    );
  };
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
