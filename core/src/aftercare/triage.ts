import type { Source } from '../knowledge/knowledge.schema';
import { careTipsForDay, measureTemperature, safetyNet, urgencyHeadlines } from './advice';
import type { CheckIn } from './check-in';
import { checkInFieldLabels } from './questions';
import { aftercareSources } from './sources';
import { triageRules, triageRulesVersion } from './triage-rules';
import {
  type TriageAdvicePart,
  TriageRule,
  urgencyRank,
  type ParsedTriageRule,
  type Predicate,
  type TriageReason,
  type TriageResult,
  type Urgency,
} from './triage.schema';

/**
 * The triage engine: a check-in in, an urgency with reasons and plain-language advice out. Pure: no clock, no I/O.
 *
 * Answers are three-valued. A missing or "not sure" answer makes a test unknown (never "no"): a rule that is
 * neither true nor false lists the answers it lacked, and the `unanswered` rule holds such a check-in for review
 * instead of calling it normal healing.
 */

type Truth = true | false | 'unknown';
interface Outcome {
  truth: Truth;
  /** Answers whose absence made the outcome unknown. */
  missing: string[];
  /** Of those, the ones a rule marked optional. */
  optional: string[];
}

const known = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

function test(p: Predicate, c: CheckIn, unanswered: boolean): Outcome {
  const of = (truth: Truth, missing: string[] = [], optional = false): Outcome => ({
    truth,
    missing,
    optional: optional ? missing : [],
  });
  switch (p.kind) {
    case 'yes':
      return known(c[p.field]) ? of(c[p.field] === true) : of('unknown', [p.field]);
    case 'at-least': {
      const v = c[p.field];
      return known(v) ? of(v >= p.value) : of('unknown', [p.field], p.optionalAnswer === true);
    }
    case 'at-most':
      return known(c[p.field]) ? of(c[p.field]! <= p.value) : of('unknown', [p.field]);
    case 'redness-trend':
      return known(c.rednessTrend) ? of(p.values.includes(c.rednessTrend)) : of('unknown', ['rednessTrend']);
    case 'swelling':
      return known(c.swelling) ? of(p.values.includes(c.swelling)) : of('unknown', ['swelling']);
    case 'pain-increase': {
      // Pain now of 0 cannot be an increase, whatever day 1 was.
      if (c.painNow === 0) return of(false);
      const missing = [...(known(c.painNow) ? [] : ['painNow']), ...(known(c.painDay1) ? [] : ['painDay1'])];
      if (missing.length > 0) return of('unknown', missing);
      return of(c.painNow! - c.painDay1! >= p.by);
    }
    case 'note':
      return of(known(c.notes) && c.notes.trim().length > 0);
    case 'unanswered':
      return of(unanswered);
  }
}

function combine(outcomes: Outcome[], mode: 'all' | 'any'): Outcome {
  const decisive = mode === 'all' ? false : true;
  if (outcomes.some((o) => o.truth === decisive)) return { truth: decisive, missing: [], optional: [] };
  const unknowns = outcomes.filter((o) => o.truth === 'unknown');
  if (unknowns.length === 0) return { truth: !decisive, missing: [], optional: [] };
  return {
    truth: 'unknown',
    missing: unknowns.flatMap((o) => o.missing),
    optional: unknowns.flatMap((o) => o.optional),
  };
}

function evaluateRule(rule: ParsedTriageRule, c: CheckIn, unanswered: boolean): Outcome {
  const parts = [
    combine(
      rule.all.map((p) => test(p, c, unanswered)),
      'all',
    ),
  ];
  if (rule.any.length > 0)
    parts.push(
      combine(
        rule.any.map((p) => test(p, c, unanswered)),
        'any',
      ),
    );
  return combine(parts, 'all');
}

const appliesOn = (rule: ParsedTriageRule, day: number) =>
  day >= rule.fromDay && (rule.toDay === undefined || day <= rule.toDay);

function sourcesOf(ids: string[], sources: Record<string, Source>) {
  return ids.map((id) => {
    const s = sources[id];
    if (!s) throw new Error(`Triage rule cites unknown source ${id}`);
    return { id: s.id, citation: s.citation, url: s.url };
  });
}

export interface TriageOptions {
  rules?: TriageRule[];
  sources?: Record<string, Source>;
  version?: string;
}

let defaultRules: ParsedTriageRule[] | undefined;

/** Triage one check-in. The check-in must already be parsed with the `CheckIn` contract. */
export function triageCheckIn(checkIn: CheckIn, options: TriageOptions = {}): TriageResult {
  const rules = options.rules
    ? options.rules.map((r) => TriageRule.parse(r))
    : (defaultRules ??= triageRules.map((r) => TriageRule.parse(r)));
  const sources = options.sources ?? aftercareSources;
  const day = checkIn.daysSinceTreatment;
  const active = rules.filter((r) => appliesOn(r, day));
  const isMeta = (r: ParsedTriageRule) => [...r.all, ...r.any].some((p) => p.kind === 'unanswered');

  const fired: ParsedTriageRule[] = [];
  const missing = new Set<string>();
  const blocking = new Set<string>();
  for (const rule of active.filter((r) => !isMeta(r))) {
    const outcome = evaluateRule(rule, checkIn, false);
    if (outcome.truth === true) fired.push(rule);
    // An unknown only matters where it could have raised the urgency above normal healing.
    if (outcome.truth === 'unknown' && rule.urgency !== 'expected') {
      for (const f of outcome.missing) missing.add(f);
      for (const f of outcome.missing) if (!outcome.optional.includes(f)) blocking.add(f);
    }
  }
  for (const rule of active.filter(isMeta))
    if (evaluateRule(rule, checkIn, blocking.size > 0).truth === true) fired.push(rule);

  const urgency: Urgency = fired.reduce<Urgency>(
    (u, r) => (urgencyRank(r.urgency) > urgencyRank(u) ? r.urgency : u),
    'expected',
  );
  // Reassurances are shown only when nothing else was found.
  const shown = fired
    .filter((r) => (urgency === 'expected' ? true : r.urgency !== 'expected'))
    .sort((a, b) => urgencyRank(b.urgency) - urgencyRank(a.urgency));
  const reasons: TriageReason[] = shown.map((r) => ({
    code: r.code,
    title: r.title,
    ruleId: r.ruleId,
    urgency: r.urgency,
    evidenceLevel: r.evidenceLevel,
    sources: sourcesOf(r.sources, sources),
  }));

  const unanswered = [...missing];
  const parts: { step: string; part: TriageAdvicePart }[] = shown.map((r) =>
    r.code === 'ANSWERS_MISSING'
      ? {
          step: `${r.patientAdvice} Not answered: ${[...blocking].map((f) => checkInFieldLabels[f as keyof CheckIn] ?? f).join(', ')}.`,
          part: { key: `triage.rule.${r.ruleId}`, fields: [...blocking] },
        }
      : { step: r.patientAdvice, part: { key: `triage.rule.${r.ruleId}` } },
  );
  if (missing.has('temperatureC'))
    parts.push({ step: measureTemperature, part: { key: 'triage.measureTemperature' } });
  if (urgencyRank(urgency) <= urgencyRank('routine'))
    for (const tip of careTipsForDay(day))
      parts.push({ step: tip.text, part: { key: `triage.tip.${tip.id}` } });
  if (urgency !== 'emergency') parts.push({ step: safetyNet, part: { key: 'triage.safetyNet' } });
  // The same words twice (two rules with one piece of advice) are shown once.
  const seen = new Set<string>();
  const unique = parts.filter(({ step }) => !seen.has(step) && Boolean(seen.add(step)));

  return {
    urgency,
    reasons,
    advice: {
      headline: urgencyHeadlines[urgency],
      steps: unique.map((p) => p.step),
      parts: unique.map((p) => p.part),
    },
    unanswered,
    rulesVersion: options.version ?? triageRulesVersion,
  };
}
