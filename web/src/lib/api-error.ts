import type { ErrorCode, FieldIssue } from '@needlepoint/core/errors';

/**
 * The codes the browser gives an error itself: no answer (NETWORK), an upload the person cancelled (ABORTED), an
 * answer it cannot read (UNEXPECTED_RESPONSE), and UNKNOWN for an answer without the error body or with a code this
 * page does not know (a server newer than the page).
 */
export type ClientErrorCode = 'NETWORK' | 'ABORTED' | 'UNEXPECTED_RESPONSE' | 'UNKNOWN';

/** Every code an ApiError can carry: the server's closed list (core/src/errors.ts) and the browser's own. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** An error answered by the API (or a network failure), with the server's code and field problems. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly requestId: string | null;
  readonly fields: FieldIssue[];
  /** What the server said beyond the message (e.g. a booking refusal's violations, a duplicate's matches). */
  readonly details: Record<string, unknown>;

  constructor(options: {
    code: ApiErrorCode;
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
