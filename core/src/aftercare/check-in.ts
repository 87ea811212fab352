import { z } from 'zod';

/**
 * A symptom check-in after a session: the public contract shared by the portal, the API and
 * `needlepoint triage`. The field names are a public contract; keep them exact.
 *
 * Every symptom answer is optional and nullable: absent means "not asked / not answered", `null` means "not
 * sure". Both are unknown, and the triage engine never reads an unknown answer as "no" (see triage.ts).
 */

export const rednessTrends = ['better', 'same', 'worse'] as const;
export const RednessTrend = z.enum(rednessTrends);
export type RednessTrend = z.infer<typeof RednessTrend>;

export const swellingLevels = ['none', 'mild', 'moderate', 'severe'] as const;
export const SwellingLevel = z.enum(swellingLevels);
export type SwellingLevel = z.infer<typeof SwellingLevel>;

const yesNo = z.boolean().nullable().optional();
const painScore = z.number().int().min(0).max(10).nullable().optional();

/** The yes/no symptom questions, in the order the portal asks them. */
export const symptomFlags = [
  'breathingDifficulty',
  'hives',
  'visionChange',
  'swellingNearEye',
  'confusionOrTwitching',
  'numbnessAroundMouth',
  'metallicTaste',
  'ringingEars',
  'rednessSpreading',
  'pus',
  'honeyCrusts',
  'blisters',
  'bleedingNotStopping',
  'newBumps',
  'darkPatches',
  'trackMarks',
  'itchOrRash',
  'flaking',
  'dryness',
] as const;
export type SymptomFlag = (typeof symptomFlags)[number];

export const CheckInAnswers = z
  .object({
    /** Highest temperature measured since the session, in °C; null: not measured. */
    temperatureC: z.number().min(30).max(45).nullable().optional(),
    rednessTrend: RednessTrend.nullable().optional(),
    rednessSpreading: yesNo,
    swelling: SwellingLevel.nullable().optional(),
    swellingNearEye: yesNo,
    visionChange: yesNo,
    pus: yesNo,
    honeyCrusts: yesNo,
    blisters: yesNo,
    painNow: painScore,
    painDay1: painScore,
    bleedingNotStopping: yesNo,
    breathingDifficulty: yesNo,
    hives: yesNo,
    numbnessAroundMouth: yesNo,
    metallicTaste: yesNo,
    ringingEars: yesNo,
    confusionOrTwitching: yesNo,
    newBumps: yesNo,
    darkPatches: yesNo,
    trackMarks: yesNo,
    itchOrRash: yesNo,
    flaking: yesNo,
    dryness: yesNo,
    notes: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
export type CheckInAnswers = z.infer<typeof CheckInAnswers>;

/** The full check-in the triage engine reads: the answers plus the day since the session (0 = the day itself). */
export const CheckIn = CheckInAnswers.extend({
  daysSinceTreatment: z.number().int().min(0).max(3650),
}).strict();
export type CheckIn = z.infer<typeof CheckIn>;

/** Every field name of the contract (for error messages and forms). */
export const checkInFields = Object.keys(CheckIn.shape) as (keyof CheckIn)[];
