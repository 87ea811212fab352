import { z } from 'zod';
import { Area, Modality, Source } from '../knowledge/knowledge.schema';
import { planStatuses, sessionStatuses } from '../plans/plan';
import {
  AdjunctKind,
  Indication,
  OutcomeScale,
  PlanTemplate,
  ZoneDepth,
  ZoneSchema,
} from '../plans/template.schema';
import { IsoDate } from './common';

/** Treatment plans: templates, a patient's plan, adjustments, state transitions, progress and depth checks. */

export const PlanTemplateDto = PlanTemplate.and(
  z.object({
    /** Built-in templates are read-only; a clinic edits a copy. */
    builtIn: z.boolean(),
  }),
);
export type PlanTemplateDto = z.infer<typeof PlanTemplateDto>;

export const PlanTemplatesResponse = z.object({
  templates: z.array(PlanTemplateDto),
  /** Every source the templates cite, by id. */
  sources: z.record(z.string(), Source),
});
export type PlanTemplatesResponse = z.infer<typeof PlanTemplatesResponse>;

export const PlanStatus = z.enum(planStatuses);

export const PlanTransitionDto = z.object({
  from: PlanStatus,
  to: PlanStatus,
  reason: z.string().nullable(),
  at: z.string(),
});

export const PlanProgressDto = z.object({
  sessionsPlanned: z.number().int(),
  sessionsCompleted: z.number().int(),
  sessionsBooked: z.number().int(),
  sessionsToBook: z.number().int(),
  seriesComplete: z.boolean(),
  lastSessionOn: z.string().nullable(),
  nextDue: z.object({ earliest: z.string(), typical: z.string(), overdue: z.boolean() }).nullable(),
  maintenance: z.object({ earliest: z.string(), latest: z.string() }).nullable(),
});
export type PlanProgressDto = z.infer<typeof PlanProgressDto>;

export const PlanSessionDto = z.object({
  bookingId: z.uuid(),
  sessionNumber: z.number().int().nullable(),
  startsAt: z.string(),
  status: z.enum(sessionStatuses),
});

export const PlanDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  templateId: z.string(),
  indication: Indication,
  name: z.string(),
  status: PlanStatus,
  sessions: z.number().int(),
  minIntervalDays: z.number().int(),
  typicalIntervalDays: z.number().int(),
  modality: Modality,
  areas: z.array(Area),
  zones: z.array(ZoneDepth),
  adjuncts: z.array(AdjunctKind),
  outcomeScales: z.array(OutcomeScale),
  maintenance: z.object({ everyMonthsMin: z.number().int(), everyMonthsMax: z.number().int() }).nullable(),
  /** The service its sessions are booked as. */
  serviceTypeId: z.string(),
  notes: z.string(),
  history: z.array(PlanTransitionDto),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Computed by the server from the plan's bookings in the clinic time zone. */
  progress: PlanProgressDto.optional(),
  planSessions: z.array(PlanSessionDto).optional(),
});
export type PlanDto = z.infer<typeof PlanDto>;

/** A patient's plans (staff: any patient's; the portal: the signed-in patient's own). */
export const PlanList = z.object({ plans: z.array(PlanDto) });
export type PlanList = z.infer<typeof PlanList>;

export const UpdatePlanRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    sessions: z.number().int().min(1).max(52),
    minIntervalDays: z.number().int().min(1).max(365),
    typicalIntervalDays: z.number().int().min(1).max(365),
    modality: Modality,
    areas: z.array(Area).min(1).max(8),
    zones: z.array(ZoneDepth).min(1).max(11),
    adjuncts: z.array(AdjunctKind).max(5),
    serviceTypeId: z.string().regex(/^[a-z0-9-]{2,64}$/),
    notes: z.string().max(4000),
  })
  .partial()
  .strict();
export type UpdatePlanRequest = z.infer<typeof UpdatePlanRequest>;

export const CreatePlanRequest = z
  .object({
    patientId: z.uuid(),
    templateId: z.string().min(1).max(64),
    adjustments: UpdatePlanRequest.optional(),
  })
  .strict();
export type CreatePlanRequest = z.infer<typeof CreatePlanRequest>;

export const TransitionPlanRequest = z
  .object({
    to: z.enum(['active', 'paused', 'completed', 'cancelled']),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
// Pausing and cancelling need a reason: a rule of the plan (`transitionPlan`, PLAN_REASON_REQUIRED), checked once
// the plan is found, so another clinic's plan is a 404 whatever the body says.
export type TransitionPlanRequest = z.infer<typeof TransitionPlanRequest>;

export const CheckDepthRequest = z
  .object({ zone: ZoneSchema, depthMm: z.number().positive().max(10) })
  .strict();
export type CheckDepthRequest = z.infer<typeof CheckDepthRequest>;

export const CheckDepthResponse = z.object({
  result: z.enum(['ok', 'needs-confirmation']),
  zone: ZoneSchema,
  depthMm: z.number(),
  range: z.object({ minMm: z.number(), maxMm: z.number() }).nullable(),
  reason: z.string().optional(),
});
export type CheckDepthResponse = z.infer<typeof CheckDepthResponse>;

export const PlanListQuery = z
  .object({ patientId: z.uuid().optional(), status: PlanStatus.optional(), dueBefore: IsoDate.optional() })
  .strict();
export type PlanListQuery = z.infer<typeof PlanListQuery>;
