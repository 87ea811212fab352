import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ImportQuery,
  ImportReport,
  DismissedDuplicate,
  PossibleDuplicateList,
  PossibleDuplicateParams,
  PossibleDuplicateQuery,
} from '@needlepoint/core/contracts/imports';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import { importFhir, importTransaction, type ItemResult } from './fhir-import.service';
import { defaultImportLimits, readUpload, type ImportLimits, type SourceItem } from './import-sources';
import { dismissPossibleDuplicate, listPossibleDuplicates } from './possible-duplicates.service';

/** A FHIR Bundle (JSON) or Bulk Data NDJSON. */
const importTypes = [
  'application/json',
  'application/fhir+json',
  'application/x-ndjson',
  'application/ndjson',
  'application/fhir+ndjson',
];

type Issue = { severity: 'error' | 'information'; code: string; text: string; expression?: string };

function operationOutcome(issues: Issue[]) {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { text: i.text },
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

const notStored = 'A valid FHIR resource, but not a type the clinic stores';

function entryResponse(result: ItemResult) {
  switch (result.status) {
    case 'created':
      return { response: { status: '201 Created' } };
    case 'updated':
    case 'unchanged':
      return { response: { status: '200 OK' } };
    case 'skipped':
      return {
        response: {
          status: '422 Unprocessable Entity',
          outcome: operationOutcome([{ severity: 'error', code: 'not-supported', text: notStored }]),
        },
      };
    case 'rejected':
      return {
        response: {
          status: '400 Bad Request',
          outcome: operationOutcome([{ severity: 'error', code: 'invalid', text: result.reason }]),
        },
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

    // Possible duplicates an import found, for staff to review with the merge screen (never merged automatically).
    app.get(
      '/api/imports/possible-duplicates',
      {
        schema: {
          tags: ['imports'],
          querystring: PossibleDuplicateQuery,
          response: { 200: PossibleDuplicateList },
        },
        config: { access: 'patient:read' },
      },
      async (request) => listPossibleDuplicates(deps.db, actorOf(request), request.query.patientId),
    );

    app.post(
      '/api/imports/possible-duplicates/:id/dismiss',
      {
        schema: { tags: ['imports'], params: PossibleDuplicateParams, response: { 200: DismissedDuplicate } },
        config: { access: 'patient:write' },
      },
      async (request) => {
        await dismissPossibleDuplicate(deps.db, actorOf(request), request.params.id);
        return { dismissed: true as const };
      },
    );

    // FHIR R4 batch/transaction endpoint: a transaction is all or nothing, a batch answers entry by entry. The
    // Bundle is read whole (at most `maxBatchEntries` entries) before anything is written, so a document that
    // turns out to be broken or too large writes nothing.
    app.post(
      '/fhir/R4',
      {
        schema: { hide: true },
        config: { access: 'patient:write', accepts: ['application/fhir+json', 'application/json'] },
      },
      async (request, reply) => {
        let bundleType: string | undefined;
        const items: SourceItem[] = [];
        const upload = readUpload(
          request.body,
          {
            format: 'bundle',
            name: 'Bundle',
            declaredLength: declaredLength(request.headers['content-length']),
            onBundle: (b) => (bundleType = b.type),
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
        const first = items[0];
        const all = toAsync(items);
        reply.type('application/fhir+json');
        if (first && first.entryIndex === undefined && 'error' in first) {
          return reply
            .status(400)
            .send(operationOutcome([{ severity: 'error', code: 'invalid', text: first.error }]));
        }
        if (bundleType !== 'transaction' && bundleType !== 'batch') {
          return reply.status(400).send(
            operationOutcome([
              {
                severity: 'error',
                code: 'invalid',
                text: `POST /fhir/R4 takes a Bundle of type transaction or batch, not ${bundleType ?? 'no type'}`,
                expression: 'Bundle.type',
              },
            ]),
          );
        }
        const actor = actorOf(request);
        const results = new Map<number, ItemResult>();
        let documentProblem = null as string | null; // set inside collect(), which the compiler does not follow
        const collect = (item: SourceItem, result: ItemResult) => {
          if (item.entryIndex === undefined)
            documentProblem = result.status === 'rejected' ? result.reason : 'not a Bundle';
          else results.set(item.entryIndex, result);
        };
        if (bundleType === 'transaction') {
          const outcome = await importTransaction(deps.db, actor, all);
          for (const { item, result } of outcome.results) collect(item, result);
          if (!outcome.committed || documentProblem !== null) {
            const issues: Issue[] = [...results]
              .filter(([, r]) => r.status === 'rejected' || r.status === 'skipped')
              .sort(([a], [b]) => a - b)
              .map(([index, r]) => ({
                severity: 'error',
                code: r.status === 'skipped' ? 'not-supported' : 'invalid',
                text: `entry[${index}]: ${r.status === 'rejected' ? r.reason : notStored}; nothing was committed`,
                expression: `Bundle.entry[${index}]`,
              }));
            if (documentProblem !== null)
              issues.push({
                severity: 'error',
                code: 'invalid',
                text: `${documentProblem}; nothing was committed`,
              });
            return reply.status(400).send(operationOutcome(issues));
          }
        } else {
          await importFhir(deps.db, actor, all, { onItem: collect });
          if (documentProblem !== null && results.size === 0)
            return reply
              .status(400)
              .send(operationOutcome([{ severity: 'error', code: 'invalid', text: documentProblem }]));
        }
        let count = 0;
        for (const index of results.keys()) count = Math.max(count, index + 1);
        const entry = Array.from({ length: count }, (_, i) =>
          entryResponse(results.get(i) ?? { status: 'rejected', reason: 'entry not read' }),
        );
        return reply.status(200).send({
          resourceType: 'Bundle',
          type: bundleType === 'transaction' ? 'transaction-response' : 'batch-response',
          entry,
        });
      },
    );
  };
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
