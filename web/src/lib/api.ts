import type { z } from 'zod';
import type { ErrorBody } from '@needlepoint/core/contracts/error-body';
import type { FieldIssue } from '@needlepoint/core/errors';

/** An error answered by the API (or a network failure), with the server's code and field problems. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | null;
  readonly fields: FieldIssue[];
  /** What the server said beyond the message (e.g. a booking refusal's violations, a duplicate's matches). */
  readonly details: Record<string, unknown>;

  constructor(options: {
    code: string;
    message: string;
    status: number;
    requestId?: string | null;
    fields?: FieldIssue[];
    details?: Record<string, unknown>;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.requestId = options.requestId ?? null;
    this.fields = options.fields ?? [];
    this.details = options.details ?? {};
  }

  /** The message for one field, by its name inside the body or query (`email` matches `body.email`). */
  fieldError(name: string): string | undefined {
    return this.fields.find((f) => f.path === name || f.path.endsWith(`.${name}`))?.message;
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/**
 * Called for every API error whose code says the session is gone or must enrol first
 * (AUTH_REQUIRED, AUTH_TOTP_SETUP_REQUIRED), so the session can react in one place.
 */
export function onSessionProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const sessionCodes = new Set(['AUTH_REQUIRED', 'AUTH_TOTP_SETUP_REQUIRED']);

/** The one error body (core/contracts/error-body.ts), recognised by its shape without loading the contract's schema. */
function errorBodyOf(json: unknown): ErrorBody | null {
  if (!json || typeof json !== 'object' || !('error' in json)) return null;
  const error = (json as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, fields } = error as Record<string, unknown>;
  const known = typeof code === 'string' && typeof message === 'string';
  return known && (fields === undefined || Array.isArray(fields)) ? (json as ErrorBody) : null;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<S extends z.ZodType>(
  method: string,
  path: string,
  options: { body?: unknown; file?: Blob; query?: Query; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.file
          ? { 'content-type': options.file.type || 'application/octet-stream' }
          : options.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
      },
      body: options.file ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      code: 'NETWORK',
      message: 'Could not reach the server. Check the connection and try again.',
      status: 0,
    });
  }
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) {
    const body = errorBodyOf(json);
    const error = body
      ? new ApiError({ status: response.status, ...body.error })
      : new ApiError({
          code: response.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
          message:
            response.status >= 500
              ? 'Something went wrong on our side. Please try again.'
              : 'The request could not be completed.',
          status: response.status,
          requestId: response.headers.get('x-request-id'),
        });
    if (sessionCodes.has(error.code)) for (const listener of listeners) listener(error);
    throw error;
  }
  if (json === undefined && text) {
    throw new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      message: 'The server answered in a way this page does not understand. Reload the page and try again.',
      status: response.status,
      requestId: response.headers.get('x-request-id'),
    });
  }
  return json as z.output<S>;
}

/**
 * Typed calls: each names the contract schema of its answer as a type, `api.get<typeof PatientDto>(path)`. The
 * server checks every answer against that schema before sending it (its serializer), so the browser does not parse
 * it again and the contracts' validation code stays out of the pages that only read (ADR 048).
 */
export const api = {
  get: <S extends z.ZodType>(path: string, query?: Query, signal?: AbortSignal) =>
    request<S>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <S extends z.ZodType>(path: string, body?: unknown) => request<S>('POST', path, { body: body ?? {} }),
  put: <S extends z.ZodType>(path: string, body: unknown) => request<S>('PUT', path, { body }),
  patch: <S extends z.ZodType>(path: string, body: unknown) => request<S>('PATCH', path, { body }),
  delete: <S extends z.ZodType>(path: string) => request<S>('DELETE', path),
  /** Sends a file as the raw request body, typed by the file's own content type. */
  upload: <S extends z.ZodType>(path: string, file: Blob, query?: Query) =>
    request<S>('POST', path, { file, ...(query ? { query } : {}) }),
};

/** A message safe to show anyone: the server's own message, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
