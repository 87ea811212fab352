import type { AnswerKey, Severity } from '../knowledge/knowledge.schema';
import type { ScreeningSettings } from '../knowledge/settings';
import { addMonths, dayOf, yearsBetween } from './dates';
import type { FindingEvidence } from './classify-facts';
import { compact } from './classify-facts';
import type { ObservationFact, ScreeningFacts } from './facts';
import { normalizeText } from './text-match';
import { systemKind } from './vocab-index';

/** Rule kinds that read observations and answers rather than vocabulary matches. */

export interface RuleItem {
  evidence: FindingEvidence;
  severity: Severity;
  /** First day the finding no longer applies; undefined: open-ended. */
  untilDay?: number;
}

export interface Missing {
  what: string;
  answer?: AnswerKey;
  evidence?: FindingEvidence;
}

export interface RuleOutcome {
  items: RuleItem[];
  missing: Missing[];
}

const LOINC_PREGNANCY = '82810-3';
const LOINC_BREASTFEEDING = '63895-7';
const SNOMED_PREGNANT = '77386006';
const SNOMED_NOT_PREGNANT = '60001007';
const countedObservation = new Set(['registered', 'preliminary', 'final', 'amended', 'corrected', 'unknown']);

/** The latest counted observation with this LOINC code, effective on or before asOf and not before `fromDay`. */
export function latestObservation(
  facts: ScreeningFacts,
  loinc: string,
  asOf: number,
  fromDay: number,
): { obs: ObservationFact; day: number } | undefined {
  let best: { obs: ObservationFact; day: number } | undefined;
  for (const obs of facts.observations ?? []) {
    if (!countedObservation.has(obs.status ?? 'unknown')) continue;
    if (!(obs.codes ?? []).some((c) => c.code === loinc && systemKind(c.system) === 'loinc')) continue;
    const day = dayOf(obs.effective, 'start');
    if (day === undefined || day > asOf || day < fromDay) continue;
    if (!best || day > best.day) best = { obs, day };
  }
  return best;
}

function observationEvidence(obs: ObservationFact, matched: string): FindingEvidence {
  const value = obs.value;
  let text: string | undefined;
  if (value?.kind === 'quantity') text = `${value.value}${value.unit ? ' ' + value.unit : ''}`;
  else if (value?.kind === 'coded') text = value.text ?? value.codes[0]?.display ?? value.codes[0]?.code;
  else if (value) text = String(value.value);
  return compact({
    source: 'observation',
    ref: obs.ref,
    code: obs.codes?.[0],
    text,
    status: obs.status,
    start: obs.effective,
    matched,
  });
}

function answerEvidence(key: AnswerKey, facts: ScreeningFacts): FindingEvidence {
  return compact({
    source: 'answer',
    ref: `answer:${key}`,
    text: 'yes',
    start: facts.answerDates?.[key],
    matched: key,
  });
}

/** yes / no / unknown read from a coded, boolean or text observation value. */
function yesNo(
  obs: ObservationFact,
  yesCodes: string[],
  noCodes: string[],
  yesWord: RegExp,
): 'yes' | 'no' | 'unknown' {
  const value = obs.value;
  if (!value) return 'unknown';
  if (value.kind === 'boolean') return value.value ? 'yes' : 'no';
  if (value.kind === 'quantity') return 'unknown';
  if (value.kind === 'string') {
    // A stored coded value without words: `system|code`.
    const token = value.value.trim().split('|').pop()!;
    if (yesCodes.includes(token)) return 'yes';
    if (noCodes.includes(token)) return 'no';
  }
  const codes = value.kind === 'coded' ? value.codes : [];
  if (codes.some((c) => yesCodes.includes(c.code))) return 'yes';
  if (codes.some((c) => noCodes.includes(c.code))) return 'no';
  const texts = value.kind === 'coded' ? [value.text, ...codes.map((c) => c.display)] : [value.value];
  for (const raw of texts) {
    if (!raw) continue;
    const t = normalizeText(raw);
    if (/\b(not|no|never|false|denies)\b/.test(t) || /^n$/.test(t)) return 'no';
    if (/\b(yes|true|y)\b/.test(t) || yesWord.test(t)) return 'yes';
  }
  return 'unknown';
}

export function hasChildbearingPotential(
  facts: ScreeningFacts,
  settings: ScreeningSettings,
  asOf: number,
): boolean {
  if (facts.patient.sex === 'male') return false;
  const birth = dayOf(facts.patient.birthDate, 'start');
  if (birth === undefined) return true;
  const age = yearsBetween(birth, asOf);
  return age >= settings.childbearingAgeMin && age <= settings.childbearingAgeMax;
}

interface StatusSpec {
  answer: AnswerKey;
  loinc: string;
  maxAgeDays: number;
  yesCodes: string[];
  noCodes: string[];
  yesWord: RegExp;
  label: string;
}

function statusRule(
  facts: ScreeningFacts,
  asOf: number,
  spec: StatusSpec,
  severity: Severity,
  required: boolean,
  extraPositives: FindingEvidence[],
): RuleOutcome {
  const outcome: RuleOutcome = { items: [], missing: [] };
  const answer = facts.answers?.[spec.answer];
  if (answer === 'yes') outcome.items.push({ evidence: answerEvidence(spec.answer, facts), severity });
  const latest = latestObservation(facts, spec.loinc, asOf, asOf - spec.maxAgeDays);
  const observed = latest ? yesNo(latest.obs, spec.yesCodes, spec.noCodes, spec.yesWord) : undefined;
  if (latest && observed === 'yes')
    outcome.items.push({ evidence: observationEvidence(latest.obs, spec.label), severity });
  for (const evidence of extraPositives) outcome.items.push({ evidence, severity });
  if (outcome.items.length > 0) return outcome;
  const knownNo = answer === 'no' || observed === 'no';
  if (!knownNo && (required || answer === 'unknown')) {
    const note = latest
      ? `latest ${spec.label} observation is "${observationEvidence(latest.obs, '').text ?? 'empty'}"`
      : undefined;
    outcome.missing.push(
      compact({
        what: spec.label,
        answer: spec.answer,
        evidence: note ? observationEvidence(latest!.obs, note) : undefined,
      }),
    );
  }
  return outcome;
}

export function pregnancyOutcome(
  facts: ScreeningFacts,
  settings: ScreeningSettings,
  asOf: number,
  severity: Severity,
  pregnancyConditions: FindingEvidence[],
): RuleOutcome {
  return statusRule(
    facts,
    asOf,
    {
      answer: 'pregnant',
      loinc: LOINC_PREGNANCY,
      maxAgeDays: settings.pregnancyStatusMaxAgeDays,
      yesCodes: [SNOMED_PREGNANT],
      noCodes: [SNOMED_NOT_PREGNANT],
      yesWord: /\bpregnant\b/,
      label: 'pregnancy status',
    },
    severity,
    hasChildbearingPotential(facts, settings, asOf),
    pregnancyConditions,
  );
}

export function breastfeedingOutcome(
  facts: ScreeningFacts,
  settings: ScreeningSettings,
  asOf: number,
  severity: Severity,
  breastfeedingConditions: FindingEvidence[] = [],
): RuleOutcome {
  return statusRule(
    facts,
    asOf,
    {
      answer: 'breastfeeding',
      loinc: LOINC_BREASTFEEDING,
      maxAgeDays: settings.breastfeedingStatusMaxAgeDays,
      yesCodes: [],
      noCodes: [],
      yesWord: /\b(breastfeeding|breast feeding|breastfed|lactating|nursing)\b/,
      label: 'breastfeeding status',
    },
    severity,
    hasChildbearingPotential(facts, settings, asOf),
    breastfeedingConditions,
  );
}

/** HbA1c in % from % or mmol/mol (IFCC: % = mmol/mol / 10.929 + 2.15). */
function hba1cPercent(value: number, unit: string | undefined): number {
  return unit && /mmol/i.test(unit) ? value / 10.929 + 2.15 : value;
}

export function labThresholdOutcome(
  facts: ScreeningFacts,
  asOf: number,
  loinc: string,
  threshold: number,
  maxAgeMonths: number,
  severity: Severity,
): RuleOutcome {
  const outcome: RuleOutcome = { items: [], missing: [] };
  const latest = latestObservation(facts, loinc, asOf, addMonths(asOf, -maxAgeMonths));
  const value = latest?.obs.value;
  if (!latest || value?.kind !== 'quantity') {
    outcome.missing.push({ what: `HbA1c (LOINC ${loinc}) within ${maxAgeMonths} months` });
    return outcome;
  }
  const percent = hba1cPercent(value.value, value.unit);
  if (percent >= threshold) {
    const evidence = observationEvidence(latest.obs, 'hba1c');
    evidence.note = `${Math.round(percent * 10) / 10}% is at or above the clinic threshold of ${threshold}%`;
    outcome.items.push({ evidence, severity });
  }
  return outcome;
}
