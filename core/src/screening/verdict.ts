import type { Severity } from '../knowledge/knowledge.schema';

/** Verdicts, least severe first; the most severe finding decides the verdict. */
export const verdicts = [
  'proceed',
  'proceed-with-precautions',
  'needs-review',
  'needs-clearance',
  'defer',
  'do-not-treat',
] as const;
export type Verdict = (typeof verdicts)[number];

/** Each verdict in plain words, as people read it (screens, emails). */
export const verdictLabels: Record<Verdict, string> = {
  proceed: 'Proceed',
  'proceed-with-precautions': 'Proceed with precautions',
  'needs-review': 'Needs review',
  'needs-clearance': 'Needs prescriber clearance',
  defer: 'Defer',
  'do-not-treat': 'Do not treat',
};

export const verdictForSeverity: Record<Severity, Verdict> = {
  precaution: 'proceed-with-precautions',
  review: 'needs-review',
  clearance: 'needs-clearance',
  defer: 'defer',
  contraindicated: 'do-not-treat',
};

const rank: Record<Severity, number> = {
  precaution: 1,
  review: 2,
  clearance: 3,
  defer: 4,
  contraindicated: 5,
};

export function severityRank(severity: Severity): number {
  return rank[severity];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return rank[a] >= rank[b] ? a : b;
}

export function minSeverity(a: Severity, b: Severity): Severity {
  return rank[a] <= rank[b] ? a : b;
}

export function verdictOf(severitiesFound: Iterable<Severity>): Verdict {
  let worst: Severity | undefined;
  for (const s of severitiesFound) worst = worst === undefined ? s : maxSeverity(worst, s);
  return worst === undefined ? 'proceed' : verdictForSeverity[worst];
}
