/**
 * The one error type. Expected clinical outcomes are data (verdicts, findings); a DomainError is a
 * bad request or a broken invariant. The server maps `code` to an HTTP status with `errorStatus`.
 */
export const errorStatuses = {
  VALIDATION_FAILED: 400,
  REQUEST_MALFORMED: 400,
  REQUEST_TOO_LARGE: 413,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOTP_REQUIRED: 401,
  AUTH_TOTP_INVALID: 401,
  AUTH_TOTP_SETUP_REQUIRED: 403,
  AUTH_ACCOUNT_LOCKED: 423,
  AUTH_PASSWORD_TOO_WEAK: 400,
  AUTH_FORBIDDEN: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  USER_EMAIL_TAKEN: 409,
  USER_CANNOT_DEMOTE_SELF: 409,
  PATIENT_NOT_FOUND: 404,
  PATIENT_VERSION_CONFLICT: 409,
  PORTAL_INVITATION_INVALID: 404,
  PORTAL_INVITATION_EXPIRED: 410,
  PORTAL_ALREADY_ACTIVE: 409,
  PATIENT_HAS_NO_EMAIL: 400,
  INTAKE_ALREADY_SUBMITTED: 409,
  PHOTO_CONSENT_REQUIRED: 409,
  PHOTO_INVALID: 400,
  AUDIT_CHAIN_BROKEN: 500,
  SCREENING_INPUT_INVALID: 400,
  SCREENING_FINDING_NOT_FOUND: 400,
  SCREENING_DECISION_NOT_ALLOWED: 409,
  PLAN_TEMPLATE_NOT_FOUND: 404,
  PLAN_INVALID_TRANSITION: 409,
  PLAN_REASON_REQUIRED: 400,
  PLAN_NOT_EDITABLE: 409,
  PLAN_ADJUSTMENT_INVALID: 422,
  BOOKING_INTERVAL_TOO_SHORT: 422,
  BOOKING_SCREENING_NOT_CLEARED: 422,
  BOOKING_PLAN_NOT_ACTIVE: 409,
  BOOKING_SLOT_TAKEN: 409,
  BOOKING_IN_PAST: 422,
  BOOKING_OUTSIDE_HOURS: 422,
  BOOKING_NOT_CANCELLABLE: 409,
  SCHEDULE_CONFLICT: 409,
  SCHEDULE_INPUT_INVALID: 400,
  CONSENT_DOCUMENT_NOT_FOUND: 404,
  CONSENT_DOCUMENT_SUPERSEDED: 409,
  CONSENT_ALREADY_SIGNED: 409,
  CONSENT_SIGNATURE_NOT_FOUND: 404,
  CONSENT_NOT_REVOCABLE: 409,
  CONSENT_ALREADY_REVOKED: 409,
  TREATMENT_RECORD_NOT_FOUND: 404,
  TREATMENT_APPOINTMENT_NOT_CHARTABLE: 409,
  TREATMENT_RECORD_CONFLICT: 409,
  TREATMENT_RECORD_SIGNED: 409,
  TREATMENT_LOT_EXPIRED: 422,
  TREATMENT_PRODUCT_NOT_ALLOWED: 422,
  TREATMENT_DEPTH_UNCONFIRMED: 422,
  TREATMENT_SCREENING_NOT_CLEARED: 422,
  TREATMENT_NOT_READY_TO_SIGN: 422,
  TREATMENT_RECORD_NOT_SIGNED: 409,
  INVENTORY_PRODUCT_NOT_FOUND: 404,
  INVENTORY_LOT_NOT_FOUND: 404,
  ADVERSE_EVENT_NOT_FOUND: 404,
  ADVERSE_EVENT_CONFLICT: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatuses;

export interface FieldIssue {
  /** Where the problem is, e.g. `body.email` or `query.limit`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly fields: FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; fields?: FieldIssue[] } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
    this.fields = options.fields;
  }
}

export function errorStatus(code: ErrorCode): number {
  return errorStatuses[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatuses, value);
}
