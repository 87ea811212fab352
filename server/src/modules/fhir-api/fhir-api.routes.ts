import { createReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@needlepoint/core/errors';
import {
  capabilityStatement,
  smartConfiguration,
  smartEndpoints,
} from '@needlepoint/core/fhir/capability-statement';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { callerOf } from './fhir-bearer';
import { issueToken, type TokenRequest } from './fhir-clients.service';
import { cancelExport, exportFile, exportStatus, kickOffExport } from './fhir-export.service';
import {
  patientEverything,
  patientHistory,
  patientVersion,
  readResource,
  searchResources,
  type FhirQuery,
} from './fhir-read.service';

export interface FhirApiDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
  exportDir: string;
}

const softwareVersion = '0.1.0';
const fhirJson = 'application/fhir+json';
/** Reads and searches: staff with patient:read, or a system whose token carries the scope. */
const reading = { access: 'patient:read', fhirClients: true } as const;
/** A clinic-wide bulk copy: the owner (reports), or a system with read scopes. */
const exporting = { access: 'reports:read', fhirClients: true } as const;
const hidden = { hide: true };

const send = (reply: FastifyReply, status: number, body: unknown) =>
  reply.status(status).type(fhirJson).send(body);
const strict = (request: FastifyRequest) =>
  /handling\s*=\s*strict/.test(String(request.headers.prefer ?? ''));

/** The open FHIR R4 API: metadata, SMART token endpoint, read, history, search, $everything and Bulk Data $export. */
export function fhirApiRoutes(deps: FhirApiDeps): FastifyPluginAsyncZod {
  const baseUrl = `${deps.publicUrl}/fhir/R4`;
  const tokenUrl = smartEndpoints(baseUrl).token;
  return async (app) => {
    // The token endpoint takes an OAuth form post (this plugin only; the rest of the API stays JSON-only).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    app.get('/fhir/R4/metadata', { schema: hidden, config: { access: 'public' } }, async (_request, reply) =>
      send(
        reply,
        200,
        capabilityStatement({ baseUrl, version: softwareVersion, date: deps.clock.now().toISOString() }),
      ),
    );

    app.get(
      '/fhir/R4/.well-known/smart-configuration',
      { schema: hidden, config: { access: 'public' } },
      async (_request, reply) => reply.type('application/json').send(smartConfiguration(baseUrl)),
    );

    app.post(
      '/fhir/R4/auth/token',
      {
        schema: hidden,
        config: {
          access: 'public',
          // OAuth 2.0 token requests are form-encoded (RFC 6749 4.4, SMART Backend Services).
          accepts: ['application/x-www-form-urlencoded'],
          rateLimit: { max: 120, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        const body = (request.body && typeof request.body === 'object' ? request.body : {}) as TokenRequest;
        const result = await issueToken(deps.db, deps.clock, body, {
          tokenUrl,
          ip: request.ip,
          requestId: request.id,
        });
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache').type('application/json');
        if (!result.ok)
          return reply
            .status(result.status)
            .send({ error: result.error, error_description: result.description });
        return reply.status(200).send(result.body);
      },
    );

    const exportDeps = { db: deps.db, exportDir: deps.exportDir, clock: deps.clock };
    const kickOff = (level: 'system' | 'patient') => async (request: FastifyRequest, reply: FastifyReply) => {
      if (!/respond-async/.test(String(request.headers.prefer ?? '')))
        throw new DomainError(
          'FHIR_EXPORT_INVALID',
          'A Bulk Data export needs the header Prefer: respond-async',
        );
      const query = request.query as Record<string, string | undefined>;
      const one = (name: string) => {
        const v = query[name] as string | string[] | undefined;
        return Array.isArray(v) ? v.join(',') : v;
      };
      const { id } = await kickOffExport(exportDeps, callerOf(request), {
        level,
        type: one('_type'),
        since: one('_since'),
        outputFormat: one('_outputFormat'),
        requestUrl: `${deps.publicUrl}${request.url}`,
      });
      return reply
        .status(202)
        .header('content-location', `${baseUrl}/bulk-status/${id}`)
        .type(fhirJson)
        .send({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'information', code: 'informational', details: { text: 'Export started' } }],
        });
    };
    app.get('/fhir/R4/$export', { schema: hidden, config: exporting }, kickOff('system'));
    app.get('/fhir/R4/Patient/$export', { schema: hidden, config: exporting }, kickOff('patient'));

    const exportParams = z.object({ id: z.string().max(100) });
    app.get(
      '/fhir/R4/bulk-status/:id',
      { schema: { ...hidden, params: exportParams }, config: exporting },
      async (request, reply) => {
        const state = await exportStatus(exportDeps, callerOf(request), request.params.id, baseUrl);
        if (state.state === 'in-progress')
          return reply.status(202).header('x-progress', state.progress).header('retry-after', '2').send();
        if (state.state === 'failed')
          throw new DomainError('FHIR_EXPORT_FAILED', `The export failed: ${state.error}`);
        return reply.status(200).type('application/json').send(state.manifest);
      },
    );
    app.delete(
      '/fhir/R4/bulk-status/:id',
      { schema: { ...hidden, params: exportParams }, config: exporting },
      async (request, reply) => {
        await cancelExport(exportDeps, callerOf(request), request.params.id);
        return send(reply, 202, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'information', code: 'informational', details: { text: 'Export cancelled' } }],
        });
      },
    );
    app.get(
      '/fhir/R4/bulk-files/:id/:file',
      {
        schema: { ...hidden, params: z.object({ id: z.string().max(100), file: z.string().max(100) }) },
        config: exporting,
      },
      async (request, reply) => {
        const file = await exportFile(exportDeps, callerOf(request), request.params.id, request.params.file);
        return reply.type('application/fhir+ndjson').send(createReadStream(file.path));
      },
    );

    const idParams = z.object({ id: z.string().max(100) });
    app.get(
      '/fhir/R4/Patient/:id/$everything',
      { schema: { ...hidden, params: idParams }, config: reading },
      async (request, reply) =>
        send(reply, 200, await patientEverything(deps.db, callerOf(request), request.params.id, baseUrl)),
    );
    app.get(
      '/fhir/R4/Patient/:id/_history',
      { schema: { ...hidden, params: idParams }, config: reading },
      async (request, reply) =>
        send(reply, 200, await patientHistory(deps.db, callerOf(request), request.params.id, baseUrl)),
    );
    app.get(
      '/fhir/R4/Patient/:id/_history/:vid',
      {
        schema: { ...hidden, params: z.object({ id: z.string().max(100), vid: z.string().max(20) }) },
        config: reading,
      },
      async (request, reply) =>
        send(
          reply,
          200,
          await patientVersion(deps.db, callerOf(request), request.params.id, request.params.vid),
        ),
    );
    app.get(
      '/fhir/R4/:type',
      { schema: { ...hidden, params: z.object({ type: z.string().max(100) }) }, config: reading },
      async (request, reply) =>
        send(
          reply,
          200,
          await searchResources(deps.db, callerOf(request), request.params.type, request.query as FhirQuery, {
            baseUrl,
            strict: strict(request),
          }),
        ),
    );
    app.get(
      '/fhir/R4/:type/:id',
      {
        schema: { ...hidden, params: z.object({ type: z.string().max(100), id: z.string().max(100) }) },
        config: reading,
      },
      async (request, reply) => {
        const resource = await readResource(
          deps.db,
          callerOf(request),
          request.params.type,
          request.params.id,
        );
        const meta = resource.meta as { versionId?: string; lastUpdated: string };
        if (meta.versionId) reply.header('etag', `W/"${meta.versionId}"`);
        reply.header('last-modified', new Date(meta.lastUpdated).toUTCString());
        return send(reply, 200, resource);
      },
    );
  };
}
