import type { Severity } from '../knowledge/knowledge.schema';

/**
 * Whether a finding still stands in the way of treatment once providers' decisions are counted.
 * - Precautions never block.
 * - Review, clearance and defer findings are lifted by "accept-risk" (a provider's reasoned decision) or
 *   "clearance-received" (the prescriber or specialist agreed). "request-clearance" and "defer" keep them open.
 * - A contraindication ("do not treat") is never lifted by a decision.
 */
export const decisionKinds = ['accept-risk', 'request-clearance', 'clearance-received', 'defer'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export function findingOpen(severity: Severity, decision: DecisionKind | null): boolean {
  if (severity === 'precaution') return false;
  if (severity === 'contraindicated') return true;
  return decision !== 'accept-risk' && decision !== 'clearance-received';
}

export function screeningCleared(findings: { severity: Severity; decision: DecisionKind | null }[]): boolean {
  return findings.every((f) => !findingOpen(f.severity, f.decision));
}
