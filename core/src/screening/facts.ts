import { z } from 'zod';
import { Area, AnswerKey } from '../knowledge/knowledge.schema';

/**
 * ScreeningFacts: what the engine knows about a patient, independent of where it came from (FHIR, intake).
 * Dates are ISO `YYYY-MM-DD` (a partial `YYYY` or `YYYY-MM` is allowed). `unknown` answers are kept distinct
 * from `no`, and a list that was not provided is distinct from an empty list (`provided`).
 */

export const Coding = z.object({ system: z.string(), code: z.string(), display: z.string().optional() });
export type Coding = z.infer<typeof Coding>;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

const recordBase = {
  /** Where the record came from, e.g. `MedicationRequest/abc` or `intake:medications[2]`. */
  ref: z.string(),
  codes: z.array(Coding).default([]),
  text: z.string().optional(),
};

export const ConditionFact = z.object({
  ...recordBase,
  clinicalStatus: z
    .enum(['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved', 'unknown'])
    .default('unknown'),
  verificationStatus: z
    .enum(['confirmed', 'provisional', 'differential', 'unconfirmed', 'refuted', 'entered-in-error'])
    .optional(),
  onset: isoDate.optional(),
  abatement: isoDate.optional(),
  recorded: isoDate.optional(),
  bodySites: z.array(z.string()).default([]),
});
export type ConditionFact = z.input<typeof ConditionFact>;

export const MedicationFact = z.object({
  ...recordBase,
  status: z
    .enum([
      'active',
      'on-hold',
      'intended',
      'completed',
      'stopped',
      'cancelled',
      'draft',
      'entered-in-error',
      'not-taken',
      'unknown',
    ])
    .default('unknown'),
  start: isoDate.optional(),
  end: isoDate.optional(),
  route: z.string().optional(),
});
export type MedicationFact = z.input<typeof MedicationFact>;

export const AllergyFact = z.object({
  ...recordBase,
  clinicalStatus: z.enum(['active', 'inactive', 'resolved', 'unknown']).default('unknown'),
  verificationStatus: z
    .enum(['confirmed', 'unconfirmed', 'presumed', 'refuted', 'entered-in-error'])
    .optional(),
  recorded: isoDate.optional(),
});
export type AllergyFact = z.input<typeof AllergyFact>;

export const ObservationValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quantity'), value: z.number(), unit: z.string().optional() }),
  z.object({ kind: z.literal('coded'), codes: z.array(Coding), text: z.string().optional() }),
  z.object({ kind: z.literal('boolean'), value: z.boolean() }),
  z.object({ kind: z.literal('string'), value: z.string() }),
]);
export type ObservationValue = z.infer<typeof ObservationValue>;

export const ObservationFact = z.object({
  ...recordBase,
  status: z
    .enum([
      'registered',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'cancelled',
      'entered-in-error',
      'unknown',
    ])
    .default('unknown'),
  effective: isoDate.optional(),
  value: ObservationValue.optional(),
});
export type ObservationFact = z.input<typeof ObservationFact>;

export const ProcedureFact = z.object({
  ...recordBase,
  status: z
    .enum([
      'preparation',
      'in-progress',
      'not-done',
      'on-hold',
      'stopped',
      'completed',
      'entered-in-error',
      'unknown',
    ])
    .default('unknown'),
  performedStart: isoDate.optional(),
  performedEnd: isoDate.optional(),
  bodySites: z.array(z.string()).default([]),
  /** Areas already mapped (intake answers name them directly). */
  areas: z.array(Area).default([]),
});
export type ProcedureFact = z.input<typeof ProcedureFact>;

export const AnswerValue = z.enum(['yes', 'no', 'unknown']);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const ScreeningFacts = z.object({
  patient: z.object({
    ref: z.string().optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
    birthDate: isoDate.optional(),
  }),
  conditions: z.array(ConditionFact).default([]),
  medications: z.array(MedicationFact).default([]),
  allergies: z.array(AllergyFact).default([]),
  observations: z.array(ObservationFact).default([]),
  procedures: z.array(ProcedureFact).default([]),
  /** Intake answers; a key that is absent was not asked. */
  answers: z.partialRecord(AnswerKey, AnswerValue).default({}),
  /** Where the answer is yes, the date it refers to (e.g. when the sunburn or cold sore was). */
  answerDates: z.partialRecord(AnswerKey, isoDate).default({}),
  /**
   * Records that could not be read and need staff review (e.g. a medication that names no readable
   * medication): each is reported as missing information, never taken as "none".
   */
  review: z.array(z.object({ ref: z.string(), kind: z.string(), reason: z.string() })).default([]),
  /** Whether each list was provided at all (an empty provided list means "none"). */
  provided: z
    .object({ conditions: z.boolean(), medications: z.boolean(), allergies: z.boolean() })
    .default({ conditions: false, medications: false, allergies: false }),
});
export type ScreeningFacts = z.input<typeof ScreeningFacts>;
