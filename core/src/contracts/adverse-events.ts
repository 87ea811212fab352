import { z } from 'zod';
import { adverseEventTypes, seriousnessCriteria } from '../treatment/adverse-events';

export const AdverseEventType = z.enum(adverseEventTypes);
export const SeriousnessCriterion = z.enum(seriousnessCriteria);
export const outcomes = [
  'recovering',
  'recovered',
  'recovered-with-sequelae',
  'not-recovered',
  'fatal',
  'unknown',
] as const;
export const AdverseEventOutcome = z.enum(outcomes);

export const FollowUp = z.object({ at: z.string(), note: z.string(), byName: z.string() });

export const AdverseEventDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  treatmentRecordId: z.uuid().nullable(),
  /** The aftercare check-in it was opened from, if any. */
  checkInId: z.uuid().nullable(),
  type: AdverseEventType,
  description: z.string(),
  onsetOn: z.string(),
  serious: z.boolean(),
  seriousness: z.array(SeriousnessCriterion),
  deviceId: z.uuid().nullable(),
  deviceName: z.string().nullable(),
  lots: z.array(z.string()),
  actions: z.string(),
  outcome: AdverseEventOutcome,
  followUps: z.array(FollowUp),
  reportedBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AdverseEventDto = z.infer<typeof AdverseEventDto>;

export const CreateAdverseEventRequest = z
  .object({
    patientId: z.uuid(),
    treatmentRecordId: z.uuid().nullable().default(null),
    /** Opened from an aftercare check-in: links it, and its session's treatment record when none is given. */
    checkInId: z.uuid().nullable().default(null),
    type: AdverseEventType,
    description: z.string().trim().max(5000).default(''),
    onsetOn: z.iso.date(),
    seriousness: z.array(SeriousnessCriterion).max(8).default([]),
    deviceId: z.uuid().nullable().default(null),
    lots: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    actions: z.string().trim().max(5000).default(''),
    outcome: AdverseEventOutcome.default('unknown'),
  })
  .strict();
export type CreateAdverseEventRequest = z.infer<typeof CreateAdverseEventRequest>;

export const UpdateAdverseEventRequest = z
  .object({
    expectedVersion: z.number().int().min(1),
    actions: z.string().trim().max(5000).optional(),
    outcome: AdverseEventOutcome.optional(),
    seriousness: z.array(SeriousnessCriterion).max(8).optional(),
    followUp: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();

export const AdverseEventList = z.object({ events: z.array(AdverseEventDto) });
export const AdverseEventQuery = z.object({ patientId: z.uuid().optional() }).strict();

export const RateRow = z.object({
  key: z.string(),
  label: z.string(),
  events: z.number().int(),
  sessions: z.number().int(),
  per100: z.number(),
});
export const AdverseEventReport = z.object({
  sessions: z.number().int(),
  events: z.number().int(),
  per100: z.number(),
  byType: z.array(RateRow),
  byDevice: z.array(RateRow),
  byLot: z.array(RateRow),
  byProvider: z.array(RateRow),
  byFitzpatrick: z.array(RateRow),
});
export type AdverseEventReport = z.infer<typeof AdverseEventReport>;
