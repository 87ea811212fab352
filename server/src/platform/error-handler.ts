import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, errorStatus, type ErrorCode, type FieldIssue } from '@needlepoint/core/errors';
import type { ErrorBody } from '@needlepoint/core/contracts/error-body';

const contextNames: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  extra: Partial<ErrorBody['error']> = {},
) {
  if (request.url.startsWith('/fhir/')) {
    // FHIR clients expect an OperationOutcome; our code travels in details.coding.
    const issueCode =
      status === 401 || status === 403
        ? 'security'
        : status === 404
          ? 'not-found'
          : status >= 500
            ? 'exception'
            : 'invalid';
    return reply
      .status(status)
      .type('application/fhir+json')
      .send({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: issueCode,
            details: { coding: [{ code }], text: message },
            diagnostics: `request ${request.id}`,
          },
        ],
      });
  }
  const body: ErrorBody = { error: { code, message, requestId: request.id, ...extra } };
  return reply.status(status).type('application/json').send(body);
}

/** Fastify's own error codes for bad requests, mapped to ours. */
const fastifyCodes: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'REQUEST_MALFORMED',
    message: 'The request body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'REQUEST_MALFORMED',
    message: 'The request body is empty',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: 'The request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'REQUEST_MALFORMED',
    message: 'Unsupported content type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'REQUEST_MALFORMED',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED', message: 'The request is not valid' },
};

/** One error body for every route; a stack trace never leaves the server. */
export function registerErrorHandler(app: FastifyInstance, options: { spa: boolean } = { spa: false }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = errorStatus(error.code);
      if (status >= 500) request.log.error({ err: error }, 'domain error');
      return send(reply, request, status, error.code, error.message, {
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = contextNames[error.validationContext ?? 'body'] ?? 'body';
      const fields: FieldIssue[] = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const params = issue.params as { issue?: { code?: string; keys?: string[] } };
        const keys = params.issue?.code === 'unrecognized_keys' ? params.issue.keys : undefined;
        return {
          path: [where, path, keys?.join(',')].filter(Boolean).join('.'),
          message: issue.message ?? 'Not valid',
        };
      });
      const first = fields[0];
      const message = first ? `${first.path}: ${first.message}` : 'The request is not valid';
      return send(reply, request, 400, 'VALIDATION_FAILED', message, { fields });
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return send(reply, request, known.status, known.code, known.message);
    if (error.statusCode === 429) {
      return send(reply, request, 429, 'RATE_LIMITED', 'Too many requests; wait a moment and try again');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode, 'REQUEST_MALFORMED', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(
      reply,
      request,
      500,
      'INTERNAL',
      'Something went wrong on our side; the request id identifies it',
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The web app owns every other page path: its router shows the page (or its own not-found page).
    if (
      options.spa &&
      request.method === 'GET' &&
      !/^\/(api|fhir|calendar)(\/|$)/.test(path) &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      // The page is small and names the current hashed assets: always revalidated, never stale after a release.
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return send(reply, request, 404, 'NOT_FOUND', `No route for ${request.method} ${path}`);
  });
}
