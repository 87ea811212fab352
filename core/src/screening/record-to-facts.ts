import type { ClinicalEntry, PatientRecord } from '../contracts/patients';
import type {
  AllergyFact,
  ConditionFact,
  MedicationFact,
  ObservationFact,
  ObservationValue,
  ProcedureFact,
  ScreeningFacts,
} from './facts';

/**
 * The clinic's patient record -> ScreeningFacts. A list counts as provided when staff confirmed it complete
 * (`listsReviewed`) or when it holds at least one entry; an empty, unconfirmed list is "not provided".
 */

const conditionStatuses = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
const verificationOnly = ['entered-in-error', 'refuted'] as const;
const medicationStatuses = [
  'active',
  'on-hold',
  'intended',
  'completed',
  'stopped',
  'cancelled',
  'draft',
  'entered-in-error',
  'not-taken',
] as const;
const allergyStatuses = ['active', 'inactive', 'resolved'] as const;
const observationStatuses = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
] as const;
const procedureStatuses = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
] as const;

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

const base = (e: FactsEntry) => ({
  ref: `entry:${e.id}`,
  codes: e.codes.map((c) => ({
    system: c.system,
    code: c.code,
    ...(c.display ? { display: c.display } : {}),
  })),
  text: e.display,
});

function observationValue(raw: string | null): ObservationValue | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const quantity = /^\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(raw);
  if (quantity)
    return {
      kind: 'quantity',
      value: Number(quantity[1]),
      ...(quantity[2] ? { unit: quantity[2].trim() } : {}),
    };
  if (/^(true|yes)$/i.test(raw.trim())) return { kind: 'boolean', value: true };
  if (/^(false|no)$/i.test(raw.trim())) return { kind: 'boolean', value: false };
  return { kind: 'string', value: raw };
}

/** The parts of a record screening reads; entries may carry partial dates (`2019`, `2019-04`). */
export type FactsEntry = Pick<
  ClinicalEntry,
  'id' | 'kind' | 'codes' | 'display' | 'status' | 'startDate' | 'endDate' | 'value' | 'bodySites'
> & { review?: string | null };
export type FactsRecord = Pick<PatientRecord, 'id' | 'sex' | 'birthDate' | 'answers' | 'listsReviewed'> & {
  birthSex?: PatientRecord['sex'] | null;
  entries: FactsEntry[];
};

export function recordToFacts(record: FactsRecord): ScreeningFacts {
  const of = (kind: ClinicalEntry['kind']) => record.entries.filter((e) => e.kind === kind);
  const conditions: ConditionFact[] = of('condition').map((e) => {
    const verification = oneOf(verificationOnly, e.status);
    return {
      ...base(e),
      clinicalStatus: verification ? 'unknown' : (oneOf(conditionStatuses, e.status) ?? 'unknown'),
      ...(verification ? { verificationStatus: verification } : {}),
      ...(e.startDate ? { onset: e.startDate } : {}),
      ...(e.endDate ? { abatement: e.endDate } : {}),
      bodySites: e.bodySites,
    };
  });
  const medications: MedicationFact[] = of('medication').map((e) => ({
    ...base(e),
    status: oneOf(medicationStatuses, e.status) ?? 'unknown',
    ...(e.startDate ? { start: e.startDate } : {}),
    ...(e.endDate ? { end: e.endDate } : {}),
  }));
  const allergies: AllergyFact[] = of('allergy').map((e) => {
    const verification = oneOf(['entered-in-error', 'refuted'] as const, e.status);
    return {
      ...base(e),
      clinicalStatus: verification ? 'unknown' : (oneOf(allergyStatuses, e.status) ?? 'unknown'),
      ...(verification ? { verificationStatus: verification } : {}),
      ...(e.startDate ? { recorded: e.startDate } : {}),
    };
  });
  const observations: ObservationFact[] = of('observation').map((e) => {
    const value = observationValue(e.value);
    return {
      ...base(e),
      status: oneOf(observationStatuses, e.status) ?? 'unknown',
      ...(e.startDate ? { effective: e.startDate } : {}),
      ...(value ? { value } : {}),
    };
  });
  const procedures: ProcedureFact[] = of('procedure').map((e) => ({
    ...base(e),
    status: oneOf(procedureStatuses, e.status) ?? 'unknown',
    ...(e.startDate ? { performedStart: e.startDate } : {}),
    ...(e.endDate ? { performedEnd: e.endDate } : {}),
    bodySites: e.bodySites,
  }));
  const answers: NonNullable<ScreeningFacts['answers']> = {};
  const answerDates: NonNullable<ScreeningFacts['answerDates']> = {};
  for (const [key, answer] of Object.entries(record.answers) as [
    keyof typeof answers,
    { value: 'yes' | 'no' | 'unknown'; date?: string },
  ][]) {
    answers[key] = answer.value;
    if (answer.date) answerDates[key] = answer.date;
  }
  // Sex for screening: a recorded birth sex that differs from the administrative one leaves it open.
  const sex = record.birthSex && record.birthSex !== record.sex ? 'unknown' : record.sex;
  const review = record.entries
    .filter((e) => e.review)
    .map((e) => ({ ref: `entry:${e.id}`, kind: e.kind, reason: e.review! }));
  return {
    patient: {
      ref: `patient:${record.id}`,
      sex,
      ...(record.birthDate ? { birthDate: record.birthDate } : {}),
    },
    conditions,
    medications,
    allergies,
    observations,
    procedures,
    answers,
    answerDates,
    review,
    provided: {
      conditions: record.listsReviewed.conditions !== undefined || conditions.length > 0,
      medications: record.listsReviewed.medications !== undefined || medications.length > 0,
      allergies: record.listsReviewed.allergies !== undefined || allergies.length > 0,
    },
  };
}
