import { DomainError } from '../errors';
import { answerLabels } from '../knowledge/answer-labels';
import type { Area, Modality, Rule, Severity, Window } from '../knowledge/knowledge.schema';
import type { ScreeningSettings } from '../knowledge/settings';
import { compact, type ClassifiedFacts, type Hit } from './classify-facts';
import { addMonths } from './dates';
import type { ScreeningFacts } from './facts';
import type { RuleItem, RuleOutcome } from './status-rules';
import { minSeverity } from './verdict';

/** The generic rule kind: vocabulary matches on records and intake answers, with time windows and areas. */

export interface ScreeningRequest {
  areas: Area[];
  modality: Modality;
}

const faceZones = new Set<Area>(['face', 'perioral', 'periorbital']);

/** Whether two sets of areas touch; "face" covers its perioral and periorbital zones. */
export function areasOverlap(a: readonly Area[], b: readonly Area[]): boolean {
  return a.some((x) =>
    b.some((y) => x === y || (faceZones.has(x) && faceZones.has(y) && (x === 'face' || y === 'face'))),
  );
}

function windowEnd(day: number, window: Window, settings: ScreeningSettings): number {
  if (window === 'ever') return Number.POSITIVE_INFINITY;
  if ('days' in window) return day + window.days;
  if ('months' in window) return addMonths(day, window.months);
  const value = settings[window.setting as keyof ScreeningSettings];
  if (typeof value !== 'number')
    throw new DomainError('INTERNAL', `Rule reads unknown numeric setting ${window.setting}`);
  if (window.unit === 'days') return day + value;
  return addMonths(day, window.unit === 'months' ? value : value * 12);
}

export function baseSeverity(rule: Rule, settings: ScreeningSettings, request: ScreeningRequest): Severity {
  const byModality = rule.severityByModality?.[request.modality];
  if (byModality) return byModality;
  if (rule.severitySetting) return settings[rule.severitySetting as keyof ScreeningSettings] as Severity;
  return rule.severity;
}

/** Applies a rule's window to one matched record: an item, or undefined when the record no longer counts. */
function timedItem(
  hit: Hit,
  window: Window | undefined,
  base: Severity,
  asOf: number,
  settings: ScreeningSettings,
  after?: Severity,
): RuleItem | undefined {
  const evidence = { ...hit.evidence };
  if (hit.span.ongoing && hit.span.endDay === undefined) return { evidence, severity: base };
  if (window === undefined) return undefined;
  if (hit.span.endDay === undefined) {
    evidence.note = 'end or performed date not recorded; cannot tell whether it is still relevant';
    return { evidence, severity: window === 'ever' ? base : minSeverity(base, 'review') };
  }
  if (hit.span.endEstimated) evidence.note = 'stop date not recorded; the last recorded date is used';
  const until = windowEnd(hit.span.endDay, window, settings);
  if (asOf < until)
    return { evidence, severity: base, ...(Number.isFinite(until) ? { untilDay: until } : {}) };
  return after ? { evidence, severity: after } : undefined;
}

function located(item: RuleItem, hit: Hit, request: ScreeningRequest): RuleItem | undefined {
  if (hit.areas.length === 0) {
    item.evidence.note = 'site not recorded: confirm it is outside the treatment area';
    return { ...item, severity: minSeverity(item.severity, 'review') };
  }
  return areasOverlap(hit.areas, request.areas) ? item : undefined;
}

export function recordsOutcome(
  rule: Rule,
  facts: ScreeningFacts,
  hits: ClassifiedFacts,
  settings: ScreeningSettings,
  asOf: number,
  request: ScreeningRequest,
): RuleOutcome {
  if (rule.match.kind !== 'records') throw new DomainError('INTERNAL', `not a records rule: ${rule.ruleId}`);
  const m = rule.match;
  const base = baseSeverity(rule, settings, request);
  const outcome: RuleOutcome = { items: [], missing: [] };
  const add = (item: RuleItem | undefined, hit: Hit) => {
    const placed = item && m.locationSensitive ? located(item, hit, request) : item;
    if (placed) outcome.items.push(placed);
  };
  const conditionStatus = m.conditionStatus ?? 'active';
  for (const category of m.conditions ?? []) {
    for (const hit of hits.conditions.get(category) ?? []) {
      const ongoing = hit.span.ongoing && hit.span.endDay === undefined;
      if (ongoing && conditionStatus === 'resolved') continue;
      if (!ongoing && conditionStatus === 'active' && !m.resolvedConditionWindow) continue;
      const window = ongoing ? undefined : (m.resolvedConditionWindow ?? 'ever');
      add(timedItem(hit, window, base, asOf, settings), hit);
    }
  }
  for (const drugClass of m.medications ?? []) {
    for (const hit of hits.medications.get(drugClass) ?? [])
      add(timedItem(hit, m.medicationWindow ?? { days: 0 }, base, asOf, settings), hit);
  }
  for (const category of m.allergies ?? [])
    for (const hit of hits.allergies.get(category) ?? [])
      add({ evidence: hit.evidence, severity: base }, hit);
  for (const category of m.procedures ?? []) {
    for (const hit of hits.procedures.get(category) ?? []) {
      add(
        timedItem(
          { ...hit, span: { ...hit.span, ongoing: false } },
          m.procedureWindow ?? 'ever',
          base,
          asOf,
          settings,
          m.afterWindowSeverity,
        ),
        hit,
      );
    }
  }
  for (const key of m.answers ?? []) {
    const answer = facts.answers?.[key];
    if (answer === 'yes') {
      const start = facts.answerDates?.[key];
      outcome.items.push({
        evidence: compact({ source: 'answer', ref: `answer:${key}`, text: 'yes', start, matched: key }),
        severity: base,
      });
    } else if (answer === 'unknown') {
      outcome.missing.push({ what: answerLabels[key], answer: key });
    }
  }
  const required = rule.requiresAnswer;
  const requiredHere =
    required && (!rule.answerRequiredFor || rule.answerRequiredFor.includes(request.modality));
  if (requiredHere && outcome.items.length === 0 && facts.answers?.[required] === undefined) {
    outcome.missing.push({ what: answerLabels[required], answer: required });
  }
  return outcome;
}
