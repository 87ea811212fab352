import { answerKeys, type AnswerKey } from '../knowledge/knowledge.schema';
import type { AnswerValue, ConditionFact, MedicationFact, ProcedureFact, ScreeningFacts } from './facts';

/**
 * Builds ScreeningFacts for tests, demos and benchmarks: a fully answered intake ("no" to everything, all lists
 * provided and empty) that a case then changes. Starting from complete facts keeps each case about one rule.
 */
export function completeFacts(overrides: Partial<ScreeningFacts> = {}): ScreeningFacts {
  const answers = Object.fromEntries(answerKeys.map((k) => [k, 'no'])) as Record<AnswerKey, AnswerValue>;
  return {
    patient: { sex: 'male', birthDate: '1980-01-01' },
    conditions: [],
    medications: [],
    allergies: [],
    observations: [],
    procedures: [],
    answers,
    answerDates: {},
    provided: { conditions: true, medications: true, allergies: true },
    ...overrides,
  };
}

export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const SNOMED = 'http://snomed.info/sct';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
export const LOINC = 'http://loinc.org';

export function medication(text: string, fields: Partial<MedicationFact> = {}): MedicationFact {
  return {
    ref: `MedicationRequest/${text.replace(/\W+/g, '-')}`,
    codes: [],
    text,
    status: 'active',
    ...fields,
  };
}

export function codedMedication(
  code: string,
  display: string | undefined,
  fields: Partial<MedicationFact> = {},
): MedicationFact {
  return {
    ref: `MedicationRequest/${code}`,
    codes: [{ system: RXNORM, code, ...(display ? { display } : {}) }],
    status: 'active',
    ...fields,
  };
}

export function condition(text: string, fields: Partial<ConditionFact> = {}): ConditionFact {
  return {
    ref: `Condition/${text.replace(/\W+/g, '-')}`,
    codes: [],
    text,
    clinicalStatus: 'active',
    ...fields,
  };
}

export function codedCondition(
  system: string,
  code: string,
  fields: Partial<ConditionFact> = {},
): ConditionFact {
  return { ref: `Condition/${code}`, codes: [{ system, code }], clinicalStatus: 'active', ...fields };
}

export function procedure(
  text: string,
  performed: string,
  fields: Partial<ProcedureFact> = {},
): ProcedureFact {
  return {
    ref: `Procedure/${text.replace(/\W+/g, '-')}`,
    codes: [],
    text,
    status: 'completed',
    performedStart: performed,
    ...fields,
  };
}
