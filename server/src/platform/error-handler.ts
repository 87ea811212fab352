import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaCompiler,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  validatorCompiler as zodValidatorCompiler,
} from 'fastify-type-provider-zod';
import { findUnsafeText, unsafeTextMessage } from '@needlepoint/core/contracts/common';
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
  // Answered before the body was read to its end (too large, not a Bundle...): close the connection, so the
  // unread rest is never taken for the next request on a keep-alive connection.
  if (request.raw.complete === false) reply.header('connection', 'close');
  if (request.url.startsWith('/fhir/')) {
    // FHIR clients expect an OperationOutcome; our code travels in details.coding.
    const issueCode =
      status === 401 || status === 403
        ? 'security'
        : status === 404
          ? 'not-found'
          : status === 415
            ? 'not-supported'
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

/**
 * PostgreSQL error classes a request can cause (a value the database cannot store, a reference to something
 * that does not exist, two changes at once), mapped to coded 4xx answers. Anything else stays a 500.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
function databaseError(error: unknown): { status: number; code: ErrorCode; message: string } | null {
  const sqlState = (error as { code?: unknown; severity?: unknown }).code;
  if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState) || !('severity' in (error as object)))
    return null;
  if (['23505', '23P01', '40001', '40P01', '55P03'].includes(sqlState)) {
    return {
      status: 409,
      code: 'REQUEST_CONFLICT',
      message:
        'This conflicts with an existing record or a change made at the same time; reload and try again',
    };
  }
  if (sqlState === '23503') {
    return {
      status: 422,
      code: 'REQUEST_REFERENCE_UNKNOWN',
      message: 'The request refers to something that does not exist in this clinic',
    };
  }
  if (sqlState.startsWith('22') || sqlState === '23502' || sqlState === '23514') {
    return {
      status: 400,
      code: 'REQUEST_VALUE_INVALID',
      message: 'A value in the request cannot be stored (too long, out of range, or not valid text)',
    };
  }
  if (sqlState.startsWith('54')) {
    return {
      status: 413,
      code: 'REQUEST_TOO_LARGE',
      message: 'A value in the request is too large to store',
    };
  }
  return null;
}

/** Node error codes of a connection that could not be made or was cut. */
const connectionErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
]);

/**
 * The database is down or restarting (not the request's fault): connection refused or cut, the server shutting
 * down or starting (SQLSTATE class 08, 57P01-57P03), too many connections (53300).
 */
export function databaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (connectionErrors.has(code)) return true;
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      message,
    )
  );
}

/**
 * The zod validator, after one check every input shares: text PostgreSQL cannot store (NUL, an unpaired
 * surrogate) anywhere in the body, query, params or headers is refused with the field that holds it.
 */
export const validatorCompiler: FastifySchemaCompiler<
  Parameters<typeof zodValidatorCompiler>[0]['schema']
> = (route) => {
  const validate = zodValidatorCompiler(route);
  const where = contextNames[route.httpPart ?? 'body'] ?? 'body';
  return (data: unknown) => {
    const at = findUnsafeText(data);
    if (at !== null) {
      const path = at ? `${where}.${at}` : where;
      return {
        error: new DomainError('VALIDATION_FAILED', `${path}: ${unsafeTextMessage}`, {
          fields: [{ path, message: unsafeTextMessage }],
        }),
      };
    }
    return validate(data);
  };
};

/**
 * Errors Node's HTTP parser meets before there is a request (headers too large, a malformed request line):
 * the same error body, then the connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'REQUEST_HEADERS_TOO_LARGE' as const, 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT' as const, 'The request took too long to arrive']
        : [400, 'REQUEST_MALFORMED' as const, 'The request is not valid HTTP'];
  const requestId = randomUUID();
  const body: ErrorBody = { error: { code, message, requestId } };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}

/**
 * Errors the router meets before a route runs (a URL that does not decode, a path parameter over the
 * length limit): the same error body as everything else.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    void send(reply, request, 414, 'REQUEST_URI_TOO_LONG', 'A part of the address is too long');
  else void send(reply, request, 400, 'REQUEST_MALFORMED', 'The address is not valid (it does not decode)');
}

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
    if (databaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return send(
        reply,
        request,
        503,
        'SERVICE_UNAVAILABLE',
        'The database is not available right now; try again in a moment',
      );
    }
    const fromDatabase = databaseError(error);
    if (fromDatabase) {
      request.log.warn({ err: error }, 'database refused the request');
      return send(reply, request, fromDatabase.status, fromDatabase.code, fromDatabase.message);
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
    return send(reply, request, 404, 'NOT_FOUND', 'Nothing answers at this address');
  });
}
