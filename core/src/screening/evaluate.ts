import { DomainError } from '../errors';
import { answerLabels } from '../knowledge/answer-labels';
import type { FindingCode, Knowledge, Rule, Severity, Source } from '../knowledge/knowledge.schema';
import type { ScreeningSettings } from '../knowledge/settings';
import { classifyFacts, compact, type ClassifiedFacts, type FindingEvidence } from './classify-facts';
import { dayOf, fromDayNumber, isIsoDate } from './dates';
import type { ScreeningFacts } from './facts';
import {
  breastfeedingOutcome,
  labThresholdOutcome,
  pregnancyOutcome,
  type RuleOutcome,
} from './status-rules';
import { areasOverlap, baseSeverity, recordsOutcome, type ScreeningRequest } from './records-rule';
import { compileKnowledge } from './vocab-index';
import { maxSeverity, severityRank, verdictOf, type Verdict } from './verdict';

export type { ScreeningRequest } from './records-rule';

export interface Finding {
  code: FindingCode;
  ruleId: string;
  severity: Severity;
  title: string;
  reason: string;
  evidence: FindingEvidence[];
  action: string;
  /** First day (ISO) the finding no longer applies, when that is known. */
  until?: string;
  sources: Source[];
  evidenceLevel: Rule['evidenceLevel'];
  explanation: string;
  patientExplanation: string;
}

export interface ScreeningResult {
  verdict: Verdict;
  findings: Finding[];
  knowledgeVersion: string;
  settingsUsed: ScreeningSettings;
  asOf: string;
  request: ScreeningRequest;
}

const listNames = {
  medications: 'medication list',
  conditions: 'condition (problem) list',
  allergies: 'allergy list',
} as const;

function missingListsOutcome(facts: ScreeningFacts): RuleOutcome {
  const provided = facts.provided ?? { conditions: false, medications: false, allergies: false };
  const missing: RuleOutcome['missing'] = (['medications', 'conditions', 'allergies'] as const)
    .filter((list) => !provided[list])
    .map((list) => ({
      what: listNames[list],
      evidence: { source: 'list' as const, ref: `list:${list}`, note: 'not provided' },
    }));
  for (const r of facts.review ?? []) {
    missing.push({
      what: `a ${r.kind} entry that could not be read (${r.reason})`,
      evidence: { source: r.kind as FindingEvidence['source'], ref: r.ref, note: r.reason },
    });
  }
  return { items: [], missing };
}

function outcomeFor(
  rule: Rule,
  facts: ScreeningFacts,
  hits: ClassifiedFacts,
  settings: ScreeningSettings,
  asOf: number,
  request: ScreeningRequest,
): RuleOutcome {
  const match = rule.match;
  switch (match.kind) {
    case 'records':
      return recordsOutcome(rule, facts, hits, settings, asOf, request);
    case 'pregnancy': {
      const conditions = (hits.conditions.get('pregnancy') ?? [])
        .filter((h) => h.span.ongoing && (h.span.startDay === undefined || asOf - h.span.startDay <= 300))
        .map((h) => h.evidence);
      return pregnancyOutcome(facts, settings, asOf, baseSeverity(rule, settings, request), conditions);
    }
    case 'breastfeeding': {
      const conditions = (hits.conditions.get('breastfeeding') ?? [])
        .filter((h) => h.span.ongoing)
        .map((h) => h.evidence);
      return breastfeedingOutcome(facts, settings, asOf, baseSeverity(rule, settings, request), conditions);
    }
    case 'lab-threshold': {
      const diabetic =
        facts.answers?.diabetes === 'yes' ||
        (hits.conditions.get(match.condition) ?? []).some(
          (h) => h.span.ongoing && h.span.endDay === undefined,
        );
      if (!diabetic) return { items: [], missing: [] };
      const threshold = settings[match.thresholdSetting as keyof ScreeningSettings] as number;
      const maxAge = settings[match.maxAgeSetting as keyof ScreeningSettings] as number;
      return labThresholdOutcome(
        facts,
        asOf,
        match.loinc,
        threshold,
        maxAge,
        baseSeverity(rule, settings, request),
      );
    }
    case 'missing-lists':
      return missingListsOutcome(facts);
  }
}

function describe(e: FindingEvidence): string {
  const what = e.text ?? e.code?.display ?? e.code?.code ?? e.matched ?? e.ref;
  const when = [e.status, e.start && `from ${e.start}`, e.end && `to ${e.end}`].filter(Boolean).join(', ');
  return `${e.source === 'answer' ? `intake answer "${answerLabels[e.matched as keyof typeof answerLabels] ?? e.matched}": yes` : what}${when && e.source !== 'answer' ? ` (${when})` : ''}${e.note ? ` [${e.note}]` : ''}`;
}

const ruleSources = new WeakMap<Rule, Source[]>();
function sourcesOf(rule: Rule, knowledge: Knowledge): Source[] {
  let list = ruleSources.get(rule);
  if (!list) {
    list = rule.sources.map((id) => {
      const source = knowledge.sources[id];
      if (!source) throw new DomainError('INTERNAL', `Rule ${rule.ruleId} cites unknown source ${id}`);
      return source;
    });
    ruleSources.set(rule, list);
  }
  return list;
}

function ruleRelevant(rule: Rule, request: ScreeningRequest): boolean {
  if (rule.modalities && !rule.modalities.includes(request.modality)) return false;
  return !rule.areas || areasOverlap(rule.areas, request.areas);
}

/**
 * Screens a patient for microneedling. Pure: the clock is `asOf` (YYYY-MM-DD), the rules are `knowledge`,
 * the clinic's choices are `settings`. The most severe finding decides the verdict.
 */
export function evaluate(
  facts: ScreeningFacts,
  knowledge: Knowledge,
  settings: ScreeningSettings,
  asOf: string,
  request: ScreeningRequest,
): ScreeningResult {
  if (!isIsoDate(asOf))
    throw new DomainError('SCREENING_INPUT_INVALID', `asOf must be a date YYYY-MM-DD, got "${asOf}"`);
  if (request.areas.length === 0)
    throw new DomainError('SCREENING_INPUT_INVALID', 'request.areas must name at least one area');
  const asOfDay = dayOf(asOf)!;
  const hits = classifyFacts(facts, compileKnowledge(knowledge), asOfDay);
  const findings: Finding[] = [];
  for (const rule of knowledge.rules) {
    if (!ruleRelevant(rule, request)) continue;
    const outcome = outcomeFor(rule, facts, hits, settings, asOfDay, request);
    const common = {
      ruleId: rule.ruleId,
      sources: sourcesOf(rule, knowledge),
      evidenceLevel: rule.evidenceLevel,
    };
    if (outcome.items.length > 0) {
      let severity = outcome.items[0]!.severity;
      for (const item of outcome.items) severity = maxSeverity(severity, item.severity);
      const open = outcome.items.some((i) => i.untilDay === undefined);
      const until = open ? undefined : Math.max(...outcome.items.map((i) => i.untilDay!));
      findings.push(
        compact({
          code: rule.code,
          ...common,
          severity,
          title: rule.title,
          reason: outcome.items.map((i) => describe(i.evidence)).join('; '),
          evidence: outcome.items.map((i) => i.evidence),
          action: rule.action,
          until: until === undefined ? undefined : fromDayNumber(until),
          explanation: rule.staffExplanation,
          patientExplanation: rule.patientExplanation,
        }),
      );
    }
    if (outcome.missing.length > 0) {
      const whats = outcome.missing.map((x) => x.what);
      findings.push({
        code: 'MISSING_INFORMATION',
        ...common,
        severity: 'review',
        title: `Missing information: ${whats.join(', ')}`,
        reason: `${rule.title} cannot be ruled out: ${whats.join(', ')} not known (never assumed to be "none").`,
        evidence: outcome.missing.map(
          (x) =>
            x.evidence ?? {
              source: 'answer',
              ref: `answer:${x.answer ?? 'unknown'}`,
              note: 'not answered or unknown',
            },
        ),
        action: `Ask the patient or their records for: ${whats.join(', ')}; then screen again.`,
        explanation: rule.staffExplanation,
        patientExplanation: 'We need a little more information from you before we can confirm treatment.',
      });
    }
  }
  findings.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.code.localeCompare(b.code),
  );
  return {
    verdict: verdictOf(findings.map((f) => f.severity)),
    findings,
    knowledgeVersion: knowledge.version,
    settingsUsed: settings,
    asOf,
    request,
  };
}
