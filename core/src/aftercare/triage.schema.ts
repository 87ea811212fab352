import { z } from 'zod';
import { EvidenceLevel, SourceId } from '../knowledge/knowledge.schema';
import { swellingLevels, rednessTrends, symptomFlags } from './check-in';

/** How soon someone must act on a check-in, mildest first. */
export const urgencies = ['expected', 'routine', 'soon', 'same-day', 'emergency'] as const;
export const Urgency = z.enum(urgencies);
export type Urgency = z.infer<typeof Urgency>;

export function urgencyRank(u: Urgency): number {
  return urgencies.indexOf(u);
}

export const triageCodes = [
  'BREATHING_DIFFICULTY',
  'HIVES_WITH_SWELLING',
  'HIVES',
  'ANESTHETIC_TOXICITY',
  'ANESTHETIC_SYMPTOMS_LATE',
  'CONFUSION_OR_TWITCHING',
  'VISION_CHANGE',
  'EYE_SWELLING_WITH_INFECTION_SIGNS',
  'SWELLING_NEAR_EYE',
  'FEVER',
  'SPREADING_REDNESS',
  'PUS_OR_CRUSTS',
  'BLISTERS',
  'PAIN_INCREASING',
  'PAIN_SEVERE',
  'BLEEDING_NOT_STOPPING',
  'SWELLING_SEVERE',
  'REDNESS_WORSENING',
  'REDNESS_WORSE_EARLY',
  'REDNESS_PERSISTING',
  'SWELLING_PERSISTING',
  'NEW_BUMPS_EARLY',
  'NEW_BUMPS_LATE',
  'DARK_PATCHES',
  'TRACK_MARKS',
  'ITCH_OR_RASH',
  'PATIENT_NOTE',
  'ANSWERS_MISSING',
  'EXPECTED_REDNESS',
  'EXPECTED_SWELLING',
  'EXPECTED_FLAKING',
  'EXPECTED_PAIN',
] as const;
export const TriageCode = z.enum(triageCodes);
export type TriageCode = z.infer<typeof TriageCode>;

/** Rules that are clinic process, not clinical evidence (a note to read, unanswered questions), cite no source. */
export const TriageEvidenceLevel = z.union([EvidenceLevel, z.literal('clinic-policy')]);
export type TriageEvidenceLevel = z.infer<typeof TriageEvidenceLevel>;

/**
 * One test on the answers. `optionalAnswer`: when this answer is unknown the engine still lists it as
 * unanswered, but does not hold the check-in for review on that account (the rule says why in `matchesText`).
 */
export const Predicate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yes'), field: z.enum(symptomFlags) }),
  z.object({
    kind: z.literal('at-least'),
    field: z.enum(['temperatureC', 'painNow']),
    value: z.number(),
    optionalAnswer: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('at-most'),
    field: z.enum(['painNow']),
    value: z.number(),
  }),
  z.object({ kind: z.literal('redness-trend'), values: z.array(z.enum(rednessTrends)).min(1) }),
  z.object({ kind: z.literal('swelling'), values: z.array(z.enum(swellingLevels)).min(1) }),
  /** painNow is at least `by` points above painDay1. */
  z.object({ kind: z.literal('pain-increase'), by: z.number().int().min(1) }),
  z.object({ kind: z.literal('note') }),
  /** Some answer another rule needed was missing or "not sure" (evaluated after every other rule). */
  z.object({ kind: z.literal('unanswered') }),
]);
export type Predicate = z.infer<typeof Predicate>;

export const TriageRule = z
  .object({
    ruleId: z.string().regex(/^[a-z0-9-]+$/),
    code: TriageCode,
    title: z.string().min(3),
    urgency: Urgency,
    /** Days since the session (0 = the day itself) this rule applies to, inclusive. */
    fromDay: z.number().int().min(0).default(0),
    toDay: z.number().int().min(0).optional(),
    /** Every one of these must hold... */
    all: z.array(Predicate).default([]),
    /** ...and at least one of these (when any are given). */
    any: z.array(Predicate).default([]),
    matchesText: z.string().min(10),
    /** What the patient reads: plain words, what to do now. */
    patientAdvice: z.string().min(10),
    /** What staff should do. */
    staffAction: z.string().min(10),
    evidenceLevel: TriageEvidenceLevel,
    sources: z.array(SourceId),
    /** Section of the evidence file the rule rests on. */
    evidenceSection: z.string(),
  })
  .refine((r) => r.all.length + r.any.length > 0, 'a rule tests at least one answer')
  .refine(
    (r) => (r.evidenceLevel === 'clinic-policy') === (r.sources.length === 0),
    'clinical rules cite sources; clinic-policy rules cite none',
  )
  .refine((r) => r.toDay === undefined || r.toDay >= r.fromDay, 'toDay is not before fromDay');
export type TriageRule = z.input<typeof TriageRule>;
export type ParsedTriageRule = z.output<typeof TriageRule>;

export const TriageSource = z.object({ id: SourceId, citation: z.string(), url: z.string() });
export type TriageSource = z.infer<typeof TriageSource>;

export const TriageReason = z.object({
  code: TriageCode,
  title: z.string(),
  ruleId: z.string(),
  urgency: Urgency,
  evidenceLevel: TriageEvidenceLevel,
  sources: z.array(TriageSource),
});
export type TriageReason = z.infer<typeof TriageReason>;

/**
 * One step of the advice by what it says, so the portal can show it in the patient's language:
 * `triage.rule.<ruleId>`, `triage.tip.<tip id>`, `triage.measureTemperature` or `triage.safetyNet`; `fields`
 * lists the unanswered questions a step names. Check-ins triaged before steps had keys have none.
 */
export const TriageAdvicePart = z.object({ key: z.string(), fields: z.array(z.string()).optional() });
export type TriageAdvicePart = z.infer<typeof TriageAdvicePart>;

export const TriageAdvice = z.object({
  /** The one thing to do, first. */
  headline: z.string(),
  /** Specific steps for what was reported, then care tips for the day. */
  steps: z.array(z.string()),
  /** The same steps by key, in the same order. */
  parts: z.array(TriageAdvicePart).optional(),
});
export type TriageAdvice = z.infer<typeof TriageAdvice>;

export const TriageResult = z.object({
  urgency: Urgency,
  reasons: z.array(TriageReason),
  advice: TriageAdvice,
  /** Answers that were missing or "not sure" where they could have changed the result. */
  unanswered: z.array(z.string()),
  rulesVersion: z.string(),
});
export type TriageResult = z.infer<typeof TriageResult>;
