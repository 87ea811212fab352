/** FHIR OperationOutcome: the one shape every FHIR error (and per-entry problem) takes. */

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';
export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'not-supported'
  | 'too-costly'
  | 'processing'
  | 'exception'
  | 'informational'
  | 'deleted';

export interface OperationOutcomeIssue {
  severity: IssueSeverity;
  code: IssueCode;
  details?: { coding?: { code: string }[]; text: string };
  diagnostics?: string;
  expression?: string[];
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: OperationOutcomeIssue[];
}

/** One issue; `errorCode` is the platform's own error code, carried in `details.coding`. */
export function operationOutcome(
  severity: IssueSeverity,
  code: IssueCode,
  text: string,
  options: { errorCode?: string; diagnostics?: string; expression?: string[] } = {},
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code,
        details: { ...(options.errorCode ? { coding: [{ code: options.errorCode }] } : {}), text },
        ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
        ...(options.expression ? { expression: options.expression } : {}),
      },
    ],
  };
}

/** The FHIR issue code for an HTTP status. */
export function issueCodeForStatus(status: number): IssueCode {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 410) return 'deleted';
  if (status === 501) return 'not-supported';
  if (status >= 500) return 'exception';
  return 'invalid';
}
