import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ImportQuery,
  ImportReport,
  DismissedDuplicate,
  PossibleDuplicateList,
  PossibleDuplicateParams,
  PossibleDuplicateQuery,
} from '@needlepoint/core/contracts/imports';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import { DomainError } from '@needlepoint/core/errors';
import { importFhir, importTransaction, type ItemResult } from './fhir-import.service';
import { readBundle, readNdjson, type SourceItem } from './import-sources';
import { dismissPossibleDuplicate, listPossibleDuplicates } from './possible-duplicates.service';

const maxUploadBytes = 2 * 1024 * 1024 * 1024;

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

/** The first item of a stream, and the stream again from its start. */
async function firstOf<T>(
  items: AsyncGenerator<T>,
): Promise<{ first: IteratorResult<T>; all: AsyncGenerator<T> }> {
  const first = await items.next();
  async function* all() {
    if (first.done) return;
    yield first.value;
    yield* items;
  }
  return { first, all: all() };
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
        config: { access: 'patient:write' },
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

    // FHIR R4 batch/transaction endpoint: a transaction is all or nothing, a batch answers entry by entry.
    app.post(
      '/fhir/R4',
      { bodyLimit: maxUploadBytes, schema: { hide: true }, config: { access: 'patient:write' } },
      async (request, reply) => {
        const type = request.headers['content-type'] ?? '';
        if (!/^application\/(fhir\+)?json\b/i.test(type)) {
          (request.body as Readable).resume();
          throw new DomainError(
            'FHIR_UNSUPPORTED_MEDIA_TYPE',
            'Send the Bundle as application/fhir+json (or application/json)',
          );
        }
        let bundleType: string | undefined;
        const { first, all } = await firstOf(
          readBundle(request.body as Readable, 'Bundle', (b) => (bundleType = b.type)),
        );
        reply.type('application/fhir+json');
        if (!first.done && first.value.entryIndex === undefined && 'error' in first.value) {
          return reply
            .status(400)
            .send(operationOutcome([{ severity: 'error', code: 'invalid', text: first.value.error }]));
        }
        if (bundleType !== 'transaction' && bundleType !== 'batch') {
          for await (const _ of all) void _;
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
        let documentProblem: string | null = null;
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
        const count = Math.max(-1, ...results.keys()) + 1;
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
