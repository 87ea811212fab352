import type { z } from 'zod';
import { ErrorBody } from '@needlepoint/core/contracts/error-body';
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
  schema: S,
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
    const parsed = ErrorBody.safeParse(json);
    const error = parsed.success
      ? new ApiError({ status: response.status, ...parsed.data.error })
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      code: 'UNEXPECTED_RESPONSE',
      message: 'The server answered in a way this page does not understand. Reload the page and try again.',
      status: response.status,
      requestId: response.headers.get('x-request-id'),
    });
  }
  return parsed.data;
}

/** Typed calls: each names the contract schema its answer is checked against. */
export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, query?: Query, signal?: AbortSignal) =>
    request('GET', path, schema, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    request('POST', path, schema, { body: body ?? {} }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request('PUT', path, schema, { body }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request('PATCH', path, schema, { body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => request('DELETE', path, schema),
  /** Sends a file as the raw request body, typed by the file's own content type. */
  upload: <S extends z.ZodType>(path: string, schema: S, file: Blob, query?: Query) =>
    request('POST', path, schema, { file, ...(query ? { query } : {}) }),
};

/** A message safe to show anyone: the server's own message, never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
