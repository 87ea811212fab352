import type { ScaleId } from './scale.schema';
import { scales } from './scales';
import { scalarText } from '../text/scalar-text';

/**
 * Clinic outcome report (pure): for each plan and scale, the baseline against the latest later score, grouped by
 * indication, Fitzpatrick type, adjunct (with or without PRP) and provider. Missing facts get their own group
 * ("not recorded"); they are never assumed.
 */

export const timepoints = ['baseline', 'session', 'follow-up'] as const;
export type Timepoint = (typeof timepoints)[number];

export interface ScorePoint {
  timepoint: Timepoint;
  scoredAt: string;
  total: number;
}

/** One plan's scores on one scale, with what the report groups by. */
export interface PlanScaleScores {
  planId: string;
  scaleId: ScaleId;
  indication: string;
  fitzpatrick: number | null;
  adjuncts: string[];
  provider: string | null;
  scores: ScorePoint[];
}

export const reportDimensions = ['indication', 'fitzpatrick', 'adjunct', 'provider'] as const;
export type ReportDimension = (typeof reportDimensions)[number];

export interface OutcomeReportRow {
  dimension: ReportDimension;
  group: string;
  scaleId: ScaleId;
  /** Plans with at least one score on this scale. */
  plans: number;
  /** Plans counted in the change: a baseline and a later score (status scales), or any score (GAIS, satisfaction). */
  assessed: number;
  meanBaseline: number | null;
  meanLatest: number | null;
  /** Mean % improvement from baseline (status scales only; a baseline of 0 cannot improve in %, so it is left out). */
  meanImprovementPercent: number | null;
  /** Plans better than baseline (status), or rated "improved" or better (GAIS 1–3); null for satisfaction. */
  improved: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const roman = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** The baseline (first baseline score) and the latest score taken after it (sessions or follow-up). */
export function baselineAndLatest(scores: ScorePoint[]): { baseline: number | null; latest: number | null } {
  const sorted = [...scores].sort((a, b) => a.scoredAt.localeCompare(b.scoredAt));
  const baseline = sorted.find((s) => s.timepoint === 'baseline');
  const later = sorted.filter(
    (s) => s.timepoint !== 'baseline' && (!baseline || s.scoredAt >= baseline.scoredAt),
  );
  return { baseline: baseline?.total ?? null, latest: later.at(-1)?.total ?? null };
}

/** % improvement from baseline, in the scale's own direction; null when it cannot be computed. */
export function improvementPercent(
  scaleId: ScaleId,
  baseline: number | null,
  latest: number | null,
): number | null {
  const scale = scales[scaleId];
  if (scale.kind !== 'status' || baseline === null || latest === null || baseline === 0) return null;
  const change = scale.direction === 'lower-is-better' ? baseline - latest : latest - baseline;
  return round1((change / baseline) * 100);
}

export function groupsOf(plan: PlanScaleScores, dimension: ReportDimension): string[] {
  switch (dimension) {
    case 'indication':
      return [plan.indication];
    case 'fitzpatrick':
      return [plan.fitzpatrick ? `Type ${roman[plan.fitzpatrick - 1]}` : 'Fitzpatrick not recorded'];
    case 'adjunct':
      return [plan.adjuncts.includes('prp') ? 'With PRP' : 'Without PRP'];
    case 'provider':
      return [plan.provider ?? 'Provider not recorded'];
  }
}

export function summarizeOutcomes(plans: PlanScaleScores[]): OutcomeReportRow[] {
  const rows: OutcomeReportRow[] = [];
  for (const dimension of reportDimensions) {
    const buckets = new Map<string, PlanScaleScores[]>();
    for (const plan of plans.filter((p) => p.scores.length > 0))
      for (const group of groupsOf(plan, dimension)) {
        const key = `${group}\u0000${plan.scaleId}`;
        buckets.set(key, [...(buckets.get(key) ?? []), plan]);
      }
    for (const [key, members] of [...buckets].sort(([a], [b]) => a.localeCompare(b))) {
      const [group, scaleId] = key.split('\u0000') as [string, ScaleId];
      const scale = scales[scaleId];
      const pairs = members.map((m) => baselineAndLatest(m.scores));
      if (scale.kind === 'status') {
        const assessed = pairs.filter((p) => p.baseline !== null && p.latest !== null);
        const better = assessed.filter((p) =>
          scale.direction === 'lower-is-better' ? p.latest! < p.baseline! : p.latest! > p.baseline!,
        );
        const percents = assessed
          .map((p) => improvementPercent(scaleId, p.baseline, p.latest))
          .filter((x): x is number => x !== null);
        rows.push({
          dimension,
          group,
          scaleId,
          plans: members.length,
          assessed: assessed.length,
          meanBaseline: mean(assessed.map((p) => p.baseline!)),
          meanLatest: mean(assessed.map((p) => p.latest!)),
          meanImprovementPercent: mean(percents),
          improved: better.length,
        });
      } else {
        // GAIS and satisfaction are given after treatment: the latest score is the result.
        const latest = members.map(
          (m) => [...m.scores].sort((a, b) => a.scoredAt.localeCompare(b.scoredAt)).at(-1)!.total,
        );
        rows.push({
          dimension,
          group,
          scaleId,
          plans: members.length,
          assessed: latest.length,
          meanBaseline: null,
          meanLatest: mean(latest),
          meanImprovementPercent: null,
          improved: scale.kind === 'change' ? latest.filter((v) => v <= 3).length : null,
        });
      }
    }
  }
  return rows;
}

const csvColumns: (keyof OutcomeReportRow)[] = [
  'dimension',
  'group',
  'scaleId',
  'plans',
  'assessed',
  'meanBaseline',
  'meanLatest',
  'meanImprovementPercent',
  'improved',
];

function csvCell(value: unknown): string {
  const text = scalarText(value);
  // Quote anything with a separator, quote or line break; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV of the report, with the scale's name beside its id. */
export function outcomeReportCsv(rows: OutcomeReportRow[]): string {
  const header = [...csvColumns.slice(0, 3), 'scale', ...csvColumns.slice(3)];
  const lines = rows.map((row) =>
    [
      ...csvColumns.slice(0, 3).map((c) => row[c]),
      scales[row.scaleId].shortName,
      ...csvColumns.slice(3).map((c) => row[c]),
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
