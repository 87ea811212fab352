import type {
  AllergenCategory,
  Area,
  ConditionCategory,
  DrugClass,
  ProcedureCategory,
} from '../knowledge/knowledge.schema';
import type {
  AllergyFact,
  Coding,
  ConditionFact,
  MedicationFact,
  ProcedureFact,
  ScreeningFacts,
} from './facts';
import { allergyCounts, conditionSpan, medicationSpan, procedureSpan, type Span } from './record-span';
import { areasOf, classify, isNegated, type CompiledKnowledge } from './vocab-index';

/** Every record of the facts that matched the vocabulary, grouped by category, with its time span. */

export type EvidenceSource =
  'condition' | 'medication' | 'allergy' | 'observation' | 'procedure' | 'answer' | 'list';

export interface FindingEvidence {
  source: EvidenceSource;
  ref: string;
  code?: Coding;
  text?: string;
  status?: string;
  start?: string;
  end?: string;
  /** The vocabulary concept or answer that matched. */
  matched?: string;
  note?: string;
}

export interface Hit {
  evidence: FindingEvidence;
  span: Span;
  /** Treatment areas the record is located in (empty: unknown). */
  areas: Area[];
}

export interface ClassifiedFacts {
  conditions: Map<ConditionCategory, Hit[]>;
  medications: Map<DrugClass, Hit[]>;
  allergies: Map<AllergenCategory, Hit[]>;
  procedures: Map<ProcedureCategory, Hit[]>;
}

const always: Span = { ongoing: true, startDay: undefined, endDay: undefined, endEstimated: false };
const HISTORY_PREFIX = /^\s*(history of|h\/o|hx of|past history of|previous)\b/i;

/**
 * Keeps one hit per concept, record text and location in a category: the most relevant one (ongoing, else the
 * latest end). A Synthea history repeats the same order hundreds of times; the finding needs the latest.
 */
function push<C>(map: Map<C, Hit[]>, key: C, hit: Hit): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  const same = list.findIndex(
    (h) =>
      h.evidence.matched === hit.evidence.matched &&
      h.evidence.text === hit.evidence.text &&
      h.areas.join() === hit.areas.join(),
  );
  if (same === -1) list.push(hit);
  else if (moreRelevant(hit.span, list[same]!.span)) list[same] = hit;
}

function moreRelevant(a: Span, b: Span): boolean {
  if (a.ongoing !== b.ongoing) return a.ongoing;
  if (a.endDay === undefined) return false;
  return b.endDay === undefined || a.endDay > b.endDay;
}

function firstCode(codes: readonly Coding[] | undefined): Coding | undefined {
  return codes?.[0];
}

function recordText(record: { text?: string | undefined; codes?: Coding[] | undefined }): string | undefined {
  return record.text ?? record.codes?.find((c) => c.display)?.display;
}

export function classifyFacts(
  facts: ScreeningFacts,
  compiled: CompiledKnowledge,
  asOf: number,
): ClassifiedFacts {
  const out: ClassifiedFacts = {
    conditions: new Map(),
    medications: new Map(),
    allergies: new Map(),
    procedures: new Map(),
  };

  for (const c of facts.conditions ?? []) classifyCondition(c, compiled, asOf, out);

  for (const m of facts.medications ?? []) {
    const matches = classify(compiled.drugs, m.codes ?? [], m.text);
    if (matches.length === 0) continue;
    const span = medicationSpan(m, asOf);
    if (!span) continue;
    for (const match of matches)
      push(out.medications, match.category, {
        evidence: medicationEvidence(m, match.concept),
        span,
        areas: [],
      });
  }

  for (const a of facts.allergies ?? []) {
    const matches = classify(compiled.allergens, a.codes ?? [], a.text);
    if (matches.length === 0 || !allergyCounts(a, asOf)) continue;
    for (const match of matches)
      push(out.allergies, match.category, {
        evidence: allergyEvidence(a, match.concept),
        span: always,
        areas: [],
      });
  }

  for (const p of facts.procedures ?? []) {
    const matches = classify(compiled.procedures, p.codes ?? [], p.text);
    if (matches.length === 0) continue;
    const span = procedureSpan(p, asOf);
    if (!span) continue;
    const areas = [...new Set([...(p.areas ?? []), ...areasOf(compiled, p.bodySites ?? [])])];
    for (const match of matches)
      push(out.procedures, match.category, { evidence: procedureEvidence(p, match.concept), span, areas });
  }
  return out;
}

function classifyCondition(
  c: ConditionFact,
  compiled: CompiledKnowledge,
  asOf: number,
  out: ClassifiedFacts,
): void {
  const text = recordText(c);
  const matches = classify(compiled.conditions, c.codes ?? [], c.text);
  if (matches.length === 0 || isNegated(compiled, text)) return;
  const span = conditionSpan(c, asOf);
  if (!span) return;
  const areas = areasOf(compiled, c.bodySites ?? []);
  const isHistory = text !== undefined && HISTORY_PREFIX.test(text);
  for (const match of matches) {
    let matchSpan = span;
    if (isHistory && matchSpan.ongoing && !compiled.historyCounts.has(match.concept)) {
      matchSpan = { ongoing: false, startDay: span.startDay, endDay: undefined, endEstimated: false };
    }
    push(out.conditions, match.category, {
      evidence: conditionEvidence(c, match.concept),
      span: matchSpan,
      areas,
    });
  }
}

function conditionEvidence(c: ConditionFact, matched: string): FindingEvidence {
  return compact({
    source: 'condition',
    ref: c.ref,
    code: firstCode(c.codes),
    text: recordText(c),
    status: c.clinicalStatus ?? 'unknown',
    start: c.onset ?? c.recorded,
    end: c.abatement,
    matched,
  });
}

function medicationEvidence(m: MedicationFact, matched: string): FindingEvidence {
  return compact({
    source: 'medication',
    ref: m.ref,
    code: firstCode(m.codes),
    text: recordText(m),
    status: m.status ?? 'unknown',
    start: m.start,
    end: m.end,
    matched,
  });
}

function allergyEvidence(a: AllergyFact, matched: string): FindingEvidence {
  return compact({
    source: 'allergy',
    ref: a.ref,
    code: firstCode(a.codes),
    text: recordText(a),
    status: a.clinicalStatus ?? 'unknown',
    start: a.recorded,
    matched,
  });
}

function procedureEvidence(p: ProcedureFact, matched: string): FindingEvidence {
  return compact({
    source: 'procedure',
    ref: p.ref,
    code: firstCode(p.codes),
    text: recordText(p),
    status: p.status ?? 'unknown',
    start: p.performedStart,
    end: p.performedEnd,
    matched,
  });
}

/** Drops undefined fields so results serialise cleanly. */
export function compact<T extends object>(value: T): T {
  const out = {} as T;
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
