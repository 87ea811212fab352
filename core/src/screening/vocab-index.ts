import type {
  AllergenCategory,
  Area,
  ConditionCategory,
  DrugClass,
  Knowledge,
  ProcedureCategory,
} from '../knowledge/knowledge.schema';
import type { Coding } from './facts';
import { compileTermMatcher, normalizeText, type TermMatcher } from './text-match';

/**
 * Vocabulary indexes compiled once per knowledge object (cached in a WeakMap), so `evaluate` does only map
 * look-ups per record. Text classification results are memoised per distinct text.
 */

export interface Match<C> {
  /** Vocabulary concept id, e.g. `apixaban`. */
  concept: string;
  category: C;
}

type SystemKind = 'rxnorm' | 'snomed' | 'icd10' | 'cpt' | 'loinc';

const systemKinds = new Map<string, SystemKind>([
  ['http://www.nlm.nih.gov/research/umls/rxnorm', 'rxnorm'],
  ['rxnorm', 'rxnorm'],
  ['http://snomed.info/sct', 'snomed'],
  ['snomed', 'snomed'],
  ['http://hl7.org/fhir/sid/icd-10-cm', 'icd10'],
  ['http://hl7.org/fhir/sid/icd-10', 'icd10'],
  ['icd10', 'icd10'],
  ['icd-10', 'icd10'],
  ['http://www.ama-assn.org/go/cpt', 'cpt'],
  ['cpt', 'cpt'],
  ['http://loinc.org', 'loinc'],
  ['loinc', 'loinc'],
]);

export function systemKind(system: string): SystemKind | undefined {
  return systemKinds.get(system);
}

interface Classifier<C> {
  /** system kind -> code -> matches (two levels: no string building per look-up). */
  byCode: Map<string, Map<string, Match<C>[]>>;
  byText: TermMatcher<Match<C>>;
  /** Per concept: text that rules the match out (for one category or all). */
  excludes: Map<string, Array<{ category: C | undefined; terms: string[] }>>;
  memo: Map<string, Match<C>[]>;
  normalized: Map<string, string>;
}

function emptyClassifier<C>(matcher: TermMatcher<Match<C>>): Classifier<C> {
  return { byCode: new Map(), byText: matcher, excludes: new Map(), memo: new Map(), normalized: new Map() };
}

function addCode<C>(
  target: Map<string, Map<string, Match<C>[]>>,
  kind: SystemKind,
  code: string,
  match: Match<C>,
): void {
  let codes = target.get(kind);
  if (!codes) target.set(kind, (codes = new Map<string, Match<C>[]>()));
  const list = codes.get(code) ?? [];
  list.push(match);
  codes.set(code, list);
}

const icdCode = (code: string) => code.replace('.', '').toUpperCase();

export interface CompiledKnowledge {
  drugs: Classifier<DrugClass>;
  conditions: Classifier<ConditionCategory>;
  historyCounts: Set<string>;
  conditionNegations: string[];
  allergens: Classifier<AllergenCategory>;
  procedures: Classifier<ProcedureCategory>;
  sites: Classifier<Area>;
}

const cache = new WeakMap<Knowledge, CompiledKnowledge>();

export function compileKnowledge(knowledge: Knowledge): CompiledKnowledge {
  const cached = cache.get(knowledge);
  if (cached) return cached;

  const drugTerms: Array<{ term: string; value: Match<DrugClass>; fuzzy: boolean }> = [];
  const drugMatches: Array<[string[], Match<DrugClass>]> = [];
  for (const drug of knowledge.drugs) {
    for (const drugClass of drug.classes) {
      const match = { concept: drug.id, category: drugClass };
      drugMatches.push([drug.rxnorm ?? [], match]);
      for (const term of [...drug.terms, ...(drug.brands ?? [])])
        drugTerms.push({ term, value: match, fuzzy: true });
    }
  }
  const drugs = emptyClassifier(compileTermMatcher(drugTerms));
  for (const [codes, match] of drugMatches)
    for (const code of codes) addCode(drugs.byCode, 'rxnorm', code, match);
  for (const drug of knowledge.drugs) {
    const rules = (drug.excludeClassWhen ?? []).map((e) => ({
      category: e.drugClass,
      terms: e.terms.map(normalizeText),
    }));
    if (rules.length > 0) drugs.excludes.set(drug.id, rules);
  }

  const conditionTerms: Array<{ term: string; value: Match<ConditionCategory>; fuzzy: boolean }> = [];
  for (const c of knowledge.conditions) {
    for (const term of c.terms)
      conditionTerms.push({ term, value: { concept: c.id, category: c.category }, fuzzy: false });
  }
  const conditions = emptyClassifier(compileTermMatcher(conditionTerms));
  const historyCounts = new Set<string>();
  for (const c of knowledge.conditions) {
    const match = { concept: c.id, category: c.category };
    for (const code of c.snomed ?? []) addCode(conditions.byCode, 'snomed', code, match);
    for (const code of c.icd10 ?? []) addCode(conditions.byCode, 'icd10', icdCode(code), match);
    if (c.excludeTerms?.length)
      conditions.excludes.set(c.id, [{ category: undefined, terms: c.excludeTerms.map(normalizeText) }]);
    if (c.historyCounts) historyCounts.add(c.id);
  }

  const simple = <C>(
    concepts: Array<{
      id: string;
      category: C;
      snomed?: string[];
      rxnorm?: string[];
      cpt?: string[];
      terms: string[];
    }>,
  ) => {
    const classifier = emptyClassifier(
      compileTermMatcher(
        concepts.flatMap((c) =>
          c.terms.map((term) => ({ term, value: { concept: c.id, category: c.category }, fuzzy: false })),
        ),
      ),
    );
    for (const c of concepts) {
      const match = { concept: c.id, category: c.category };
      for (const code of c.snomed ?? []) addCode(classifier.byCode, 'snomed', code, match);
      for (const code of c.rxnorm ?? []) addCode(classifier.byCode, 'rxnorm', code, match);
      for (const code of c.cpt ?? []) addCode(classifier.byCode, 'cpt', code, match);
    }
    return classifier;
  };

  const compiled: CompiledKnowledge = {
    drugs,
    conditions,
    historyCounts,
    conditionNegations: knowledge.conditionNegations.map(normalizeText),
    allergens: simple(knowledge.allergens),
    procedures: simple(knowledge.procedures),
    sites: simple(knowledge.bodySites.map((s, i) => ({ ...s, id: `${s.area}-${i}`, category: s.area }))),
  };
  cache.set(knowledge, compiled);
  return compiled;
}

function containsPhrase(normalized: string, phrase: string): boolean {
  return (' ' + normalized + ' ').includes(' ' + phrase + ' ');
}

const MEMO_LIMIT = 50_000;

function textMatches<C>(classifier: Classifier<C>, text: string): Match<C>[] {
  let found = classifier.memo.get(text);
  if (found) return found;
  found = classifier.byText.find(text);
  if (found.length > 0 && classifier.excludes.size > 0) {
    const normalized = normalizedOf(classifier, text);
    found = found.filter((m) => !excluded(classifier, m, normalized));
  }
  if (classifier.memo.size >= MEMO_LIMIT) classifier.memo.clear();
  classifier.memo.set(text, found);
  return found;
}

function excluded<C>(classifier: Classifier<C>, match: Match<C>, normalized: string): boolean {
  const rules = classifier.excludes.get(match.concept);
  if (!rules) return false;
  return rules.some(
    (r) =>
      (r.category === undefined || r.category === match.category) &&
      r.terms.some((t) => containsPhrase(normalized, t)),
  );
}

function addMatches<C>(result: Match<C>[], matches: readonly Match<C>[] | undefined): void {
  if (!matches) return;
  for (const m of matches) {
    let seen = false;
    for (const r of result) if (r.concept === m.concept && r.category === m.category) seen = true;
    if (!seen) result.push(m);
  }
}

function normalizedOf<C>(classifier: Classifier<C>, text: string): string {
  let normalized = classifier.normalized.get(text);
  if (normalized === undefined) {
    if (classifier.normalized.size >= MEMO_LIMIT) classifier.normalized.clear();
    normalized = normalizeText(text);
    classifier.normalized.set(text, normalized);
  }
  return normalized;
}

/** Every vocabulary match for a record: by code (system + code, ICD-10 by prefix) and by its text and displays. */
export function classify<C>(
  classifier: Classifier<C>,
  codes: readonly Coding[],
  text: string | undefined,
): Match<C>[] {
  const result: Match<C>[] = [];
  for (const coding of codes) {
    const kind = systemKinds.get(coding.system);
    if (kind === 'icd10') {
      const code = coding.code.replace('.', '').toUpperCase();
      const icd = classifier.byCode.get('icd10');
      for (let len = code.length; len >= 3; len--) addMatches(result, icd?.get(code.slice(0, len)));
    } else if (kind) {
      addMatches(result, classifier.byCode.get(kind)?.get(coding.code));
    }
    if (coding.display && coding.display !== text)
      addMatches(result, textMatches(classifier, coding.display));
  }
  if (text) addMatches(result, textMatches(classifier, text));
  if (result.length > 0 && classifier.excludes.size > 0 && text) {
    const normalized = normalizedOf(classifier, text);
    return result.filter((m) => !excluded(classifier, m, normalized));
  }
  return result;
}

/** True when the record text says it is about someone else or was ruled out ("family history of ..."). */
export function isNegated(compiled: CompiledKnowledge, text: string | undefined): boolean {
  if (!text) return false;
  const normalized = normalizedOf(compiled.conditions, text);
  return compiled.conditionNegations.some((t) => containsPhrase(normalized, t));
}

export function areasOf(compiled: CompiledKnowledge, bodySites: readonly string[]): Area[] {
  const found = new Set<Area>();
  for (const site of bodySites) for (const m of textMatches(compiled.sites, site)) found.add(m.category);
  return [...found];
}
