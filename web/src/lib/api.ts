import type { z } from 'zod';
import { ApiError, type ApiErrorCode } from './api-error';

export { ApiError, type ApiErrorCode, type ClientErrorCode } from './api-error';

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

const sessionCodes = new Set<ApiErrorCode>(['AUTH_REQUIRED', 'AUTH_TOTP_SETUP_REQUIRED']);

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
  if (!response.ok || (json === undefined && text)) {
    const requestId = response.headers.get('x-request-id');
    // Refusals and unreadable answers are read by a file that loads with the first of them, with the server's list of
    // codes, so neither weighs on the portal's first load (if it cannot load, the page shows its generic error).
    const { errorOfAnswer } = await import('./error-of-answer');
    const error = errorOfAnswer(response.status, json, requestId);
    if (sessionCodes.has(error.code)) for (const listener of listeners) listener(error);
    throw error;
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
