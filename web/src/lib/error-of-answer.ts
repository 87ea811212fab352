import type { ErrorBody } from '@needlepoint/core/contracts/error-body';
import { isErrorCode } from '@needlepoint/core/errors';
import { ApiError } from './api-error';

/** The one error body (core/contracts/error-body.ts), recognised by its shape without loading the contract's schema. */
function errorBodyOf(json: unknown): ErrorBody | null {
  if (!json || typeof json !== 'object' || !('error' in json)) return null;
  const error = json.error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, fields } = error as Record<string, unknown>;
  const known = typeof code === 'string' && typeof message === 'string';
  return known && (fields === undefined || Array.isArray(fields)) ? (json as ErrorBody) : null;
}

/**
 * The error for an answer a page cannot use. A success (2xx) that is not JSON is UNEXPECTED_RESPONSE. A refusal
 * carries the server's error body, with a code this page does not know (a server newer than the page) read as
 * UNKNOWN, its message and fields kept; without a body it is INTERNAL for a 5xx and UNKNOWN otherwise.
 */
export function errorOfAnswer(status: number, json: unknown, requestId: string | null): ApiError {
  if (status >= 200 && status < 300) {
    return new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      message: 'The server answered in a way this page does not understand. Reload the page and try again.',
      status,
      requestId,
    });
  }
  const body = errorBodyOf(json);
  if (body) {
    const code = isErrorCode(body.error.code) ? body.error.code : 'UNKNOWN';
    return new ApiError({ status, ...body.error, code });
  }
  return new ApiError({
    code: status >= 500 ? 'INTERNAL' : 'UNKNOWN',
    message:
      status >= 500
        ? 'Something went wrong on our side. Please try again.'
        : 'The request could not be completed.',
    status,
    requestId,
  });
}
