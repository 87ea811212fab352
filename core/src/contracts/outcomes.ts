import { z } from 'zod';
import { Indication } from '../plans/template.schema';
import { reportDimensions, timepoints } from '../outcomes/report';
import { directions, OutcomeSettings, ScaleId, scorers } from '../outcomes/scale.schema';
import { translatableScaleIds } from '../outcomes/validated-texts';

/** Outcome scores: recording a scale at a time point, a plan's scores, the patient's own, the clinic report. */

export const Timepoint = z.enum(timepoints);
export type Timepoint = z.infer<typeof Timepoint>;

const values = z.record(z.string().max(64), z.unknown());

export const RecordScoreRequest = z
  .object({
    scaleId: ScaleId,
    timepoint: Timepoint,
    /** Required for `session`, refused otherwise. */
    sessionNumber: z.number().int().min(1).max(52).optional(),
    /** The appointment the score was taken at, when there is one; it must be this plan's. */
    appointmentId: z.uuid().optional(),
    /** Item id -> value; checked against the scale definition. */
    values,
  })
  .strict()
  .refine((r) => (r.timepoint === 'session') === (r.sessionNumber !== undefined), {
    message: 'A session score needs its session number; baseline and follow-up scores take none',
    path: ['sessionNumber'],
  });
export type RecordScoreRequest = z.infer<typeof RecordScoreRequest>;

/** What the patient sends from the portal: the time point is worked out from the plan's completed sessions. */
export const RecordOwnScoreRequest = z.object({ planId: z.uuid(), scaleId: ScaleId, values }).strict();
export type RecordOwnScoreRequest = z.infer<typeof RecordOwnScoreRequest>;

export const OutcomeScoreDto = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  patientId: z.uuid(),
  scaleId: ScaleId,
  scaleVersion: z.string(),
  scoredBy: z.enum(scorers),
  direction: z.enum(directions),
  timepoint: Timepoint,
  sessionNumber: z.number().int().nullable(),
  appointmentId: z.uuid().nullable(),
  values: z.record(z.string(), z.number()),
  total: z.number(),
  band: z.object({ id: z.string(), label: z.string() }).nullable(),
  parts: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  recordedByName: z.string(),
  scoredAt: z.string(),
});
export type OutcomeScoreDto = z.infer<typeof OutcomeScoreDto>;

export const PlanOutcomesDto = z.object({
  planId: z.uuid(),
  /** The scales the plan's template names, with who scores each. */
  scales: z.array(z.object({ scaleId: ScaleId, scoredBy: z.enum(scorers), sources: z.array(z.string()) })),
  scores: z.array(OutcomeScoreDto),
  settings: OutcomeSettings,
});
export type PlanOutcomesDto = z.infer<typeof PlanOutcomesDto>;

export const TranslatableScaleId = z.enum(translatableScaleIds);

/** A clinic's licensed validated translation of a patient scale: the current version of (scale, language). */
export const ValidatedScaleTextDto = z.object({
  scaleId: TranslatableScaleId,
  language: z.literal('es'),
  version: z.number().int(),
  /** Key (`name`, `item.pain`, `item.rating.choice.1`...) to the validated wording (outcomes/validated-texts.ts). */
  texts: z.record(z.string(), z.string()),
  source: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ValidatedScaleTextDto = z.infer<typeof ValidatedScaleTextDto>;

export const ValidatedScaleTextList = z.object({ texts: z.array(ValidatedScaleTextDto) });
export type ValidatedScaleTextList = z.infer<typeof ValidatedScaleTextList>;

/** A new version of a scale's validated translation: every text of the scale, and its licence and source. */
export const SaveValidatedScaleTextRequest = z
  .object({
    scaleId: TranslatableScaleId,
    language: z.literal('es'),
    texts: z.record(z.string().max(200), z.string().trim().max(2000)),
    source: z
      .string()
      .trim()
      .min(10, 'Name the licence and the published validated translation (authors, year, where)')
      .max(2000),
  })
  .strict();
export type SaveValidatedScaleTextRequest = z.infer<typeof SaveValidatedScaleTextRequest>;

export const OwnOutcomesDto = z.object({
  plans: z.array(
    z.object({
      planId: z.uuid(),
      name: z.string(),
      indication: Indication,
      /** Scales the patient scores on this plan (GAIS subject, POSAS patient, satisfaction). */
      scales: z.array(ScaleId),
      /** The time point a score sent now would be filed under. */
      nextTimepoint: Timepoint,
      nextSessionNumber: z.number().int().nullable(),
      scores: z.array(OutcomeScoreDto),
    }),
  ),
  /** The clinic's validated translations of the patient scales, shown to patients reading in that language. */
  validatedTexts: z.array(
    ValidatedScaleTextDto.pick({ scaleId: true, language: true, version: true, texts: true }),
  ),
});
export type OwnOutcomesDto = z.infer<typeof OwnOutcomesDto>;

export const OutcomeSettingsDto = z.object({
  settings: OutcomeSettings,
  defaults: OutcomeSettings,
  version: z.number().int(),
});
export type OutcomeSettingsDto = z.infer<typeof OutcomeSettingsDto>;

export const OutcomeReportRowDto = z.object({
  dimension: z.enum(reportDimensions),
  group: z.string(),
  scaleId: ScaleId,
  plans: z.number().int(),
  assessed: z.number().int(),
  meanBaseline: z.number().nullable(),
  meanLatest: z.number().nullable(),
  meanImprovementPercent: z.number().nullable(),
  improved: z.number().int().nullable(),
});
export const OutcomeReportDto = z.object({ rows: z.array(OutcomeReportRowDto) });
export type OutcomeReportDto = z.infer<typeof OutcomeReportDto>;
