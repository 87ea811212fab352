import { z } from 'zod';
import { Area, Modality } from '../knowledge/knowledge.schema';
import { ScreeningSettingOverrides, ScreeningSettings } from '../knowledge/settings';
import { decisionKinds } from '../screening/clearance';
import { verdicts } from '../screening/verdict';
import { IsoDate } from './common';

export const RunScreeningRequest = z
  .object({
    areas: z.array(Area).min(1, 'Choose at least one treatment area').max(8),
    modality: Modality,
    asOf: IsoDate.optional(),
  })
  .strict();
export type RunScreeningRequest = z.infer<typeof RunScreeningRequest>;

export const Decision = z.object({
  id: z.uuid(),
  screeningId: z.uuid(),
  ruleId: z.string(),
  findingCode: z.string(),
  decision: z.enum(decisionKinds),
  reason: z.string(),
  until: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const FindingDto = z.object({
  code: z.string(),
  ruleId: z.string(),
  severity: z.string(),
  title: z.string(),
  reason: z.string(),
  evidence: z.array(z.record(z.string(), z.unknown())),
  action: z.string(),
  until: z.string().optional(),
  sources: z.array(
    z.object({ id: z.string(), citation: z.string(), url: z.string(), evidenceLevel: z.string() }),
  ),
  evidenceLevel: z.string(),
  explanation: z.string(),
  patientExplanation: z.string(),
  /** The latest decision a provider recorded on this rule for this patient, on this or an earlier screening. */
  decision: Decision.nullable(),
  /** Whether the finding still stands in the way of treatment after decisions. */
  open: z.boolean(),
});
export type FindingDto = z.infer<typeof FindingDto>;

export const ScreeningChanges = z.object({
  previousId: z.uuid(),
  previousVerdict: z.enum(verdicts),
  previousAt: z.string(),
  added: z.array(z.string()),
  resolved: z.array(z.string()),
});

export const Screening = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  appointmentId: z.uuid().nullable(),
  trigger: z.enum(['manual', 'intake', 'booking', 'pre-session']),
  asOf: z.string(),
  areas: z.array(z.string()),
  modality: z.string(),
  verdict: z.enum(verdicts),
  /** True when no finding stands in the way: the verdict allows treatment, or every blocking finding has a decision that clears it. */
  cleared: z.boolean(),
  findings: z.array(FindingDto),
  knowledgeVersion: z.string(),
  settingsVersion: z.number().int(),
  recordVersion: z.number().int(),
  changes: ScreeningChanges.nullable(),
  runBy: z.string().nullable(),
  runByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Screening = z.infer<typeof Screening>;

export const ScreeningList = z.object({ screenings: z.array(Screening) });
export type ScreeningList = z.infer<typeof ScreeningList>;

export const DecisionRequest = z
  .object({
    ruleId: z.string().min(1).max(100),
    decision: z.enum(decisionKinds),
    reason: z.string().trim().min(3, 'Say why, in a few words').max(2000),
    until: IsoDate.optional(),
  })
  .strict()
  .refine((d) => d.decision !== 'defer' || d.until, { message: 'A deferral needs a date', path: ['until'] });
export type DecisionRequest = z.infer<typeof DecisionRequest>;

export const ScreeningSettingsView = z.object({
  version: z.number().int(),
  settings: ScreeningSettings,
  overrides: ScreeningSettingOverrides,
  defaults: ScreeningSettings,
  docs: z.record(
    z.string(),
    z.object({ description: z.string(), whyThisDefault: z.string(), sources: z.array(z.string()) }),
  ),
  reason: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string().nullable(),
  knowledgeVersion: z.string(),
});
export type ScreeningSettingsView = z.infer<typeof ScreeningSettingsView>;

export const UpdateScreeningSettingsRequest = z
  .object({ overrides: ScreeningSettingOverrides, reason: z.string().trim().min(3).max(2000) })
  .strict();
export type UpdateScreeningSettingsRequest = z.infer<typeof UpdateScreeningSettingsRequest>;

/** The provider's screening work list: each patient's latest screening that still has open findings. */
export const ScreeningQueueItem = z.object({
  patientId: z.uuid(),
  patientName: z.string(),
  birthDate: z.string(),
  screening: Screening,
});
/** A page of the work list: `next` is the `after` of the following page, null on the last one. */
export const ScreeningQueue = z.object({ items: z.array(ScreeningQueueItem), next: z.uuid().nullable() });
export type ScreeningQueue = z.infer<typeof ScreeningQueue>;

/** `after`: the `next` of the page before; `limit`: screenings read for the page (50 when not given). */
export const ScreeningQueueQuery = z
  .object({ after: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).optional() })
  .strict();
export type ScreeningQueueQuery = z.infer<typeof ScreeningQueueQuery>;
