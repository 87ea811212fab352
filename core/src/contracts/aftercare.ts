import { z } from 'zod';
import { localeSchema } from './common';
import { CheckInAnswers } from '../aftercare/check-in';
import { TimelineSettings, TimelineStep } from '../aftercare/timeline';
import { TriageResult, Urgency } from '../aftercare/triage.schema';

/** The patient's check-in from the portal: the answers; the server works out the day from the session. */
export const SubmitCheckInRequest = CheckInAnswers.extend({
  /** The treated session this is about; absent: the patient's latest completed session. */
  appointmentId: z.uuid().optional(),
}).strict();
export type SubmitCheckInRequest = z.infer<typeof SubmitCheckInRequest>;

export const reviewStatuses = ['open', 'reviewed', 'contacted'] as const;
export const ReviewStatus = z.enum(reviewStatuses);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const CheckInAction = z.object({
  action: z.enum(['reviewed', 'contacted']),
  note: z.string(),
  byName: z.string(),
  at: z.string(),
});
export type CheckInAction = z.infer<typeof CheckInAction>;

export const CheckInDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  appointmentId: z.uuid(),
  treatmentStartsAt: z.string(),
  service: z.string(),
  daysSinceTreatment: z.number().int(),
  answers: CheckInAnswers,
  triage: TriageResult,
  submittedAt: z.string(),
  reviewStatus: ReviewStatus,
  actions: z.array(CheckInAction),
});
export type CheckInDto = z.infer<typeof CheckInDto>;

export const PromptStatus = z.enum(['scheduled', 'sent', 'answered', 'missed']);
export const CheckInPrompt = z.object({
  id: z.uuid(),
  appointmentId: z.uuid(),
  day: z.number().int(),
  dueAt: z.string(),
  status: PromptStatus,
});
export type CheckInPrompt = z.infer<typeof CheckInPrompt>;

/** What the portal shows: the latest treated session, whether a check-in is asked for now, and past check-ins. */
export const PortalAftercare = z.object({
  treatment: z
    .object({
      appointmentId: z.uuid(),
      startsAt: z.string(),
      service: z.string(),
      daysSinceTreatment: z.number().int(),
    })
    .nullable(),
  /** A prompted check-in that is due now and not yet answered. */
  due: CheckInPrompt.nullable(),
  checkIns: z.array(CheckInDto),
});
export type PortalAftercare = z.infer<typeof PortalAftercare>;

export const TriageQueueQuery = z
  .object({
    status: z.enum(['open', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export type TriageQueueQuery = z.infer<typeof TriageQueueQuery>;

export const TriageQueueItem = z.object({
  checkIn: CheckInDto,
  patientName: z.string(),
  /** The patient's earlier check-ins for the same session, newest first. */
  history: z.array(
    z.object({
      id: z.uuid(),
      submittedAt: z.string(),
      daysSinceTreatment: z.number().int(),
      urgency: Urgency,
    }),
  ),
});
export type TriageQueueItem = z.infer<typeof TriageQueueItem>;

export const MissedCheckIn = z.object({
  promptId: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  appointmentId: z.uuid(),
  treatmentStartsAt: z.string(),
  day: z.number().int(),
  dueAt: z.string(),
});
export type MissedCheckIn = z.infer<typeof MissedCheckIn>;

export const TriageQueue = z.object({
  timeZone: z.string(),
  items: z.array(TriageQueueItem),
  missed: z.array(MissedCheckIn),
});
export type TriageQueue = z.infer<typeof TriageQueue>;

export const CheckInActionRequest = z
  .object({
    action: z.enum(['reviewed', 'contacted']),
    note: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((r) => r.action !== 'contacted' || r.note.length > 0, {
    message: 'Say how the patient was contacted and what was agreed',
    path: ['note'],
  });
export type CheckInActionRequest = z.infer<typeof CheckInActionRequest>;

export const AftercareAlert = z.object({
  id: z.uuid(),
  checkInId: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  urgency: Urgency,
  title: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type AftercareAlert = z.infer<typeof AftercareAlert>;
export const AftercareAlertList = z.object({ alerts: z.array(AftercareAlert) });

export const AftercareSettings = z.object({
  /** Days after a completed session on which the patient is asked to check in. */
  promptDays: z.array(z.number().int().min(1).max(90)).max(10),
  /** Who gets urgent alerts; null: the provider who treated the patient. */
  onCallProviderId: z.uuid().nullable(),
  /** A prompted check-in not answered this many hours after it was asked for is flagged as missed. */
  missedAfterHours: z.number().int().min(1).max(168),
  /** Days of the preparation and aftercare timeline. */
  timeline: TimelineSettings,
});
export type AftercareSettings = z.infer<typeof AftercareSettings>;

export const UpdateAftercareSettingsRequest = AftercareSettings.extend({
  timeline: TimelineSettings.partial(),
})
  .partial()
  .strict()
  .refine((s) => !s.promptDays || new Set(s.promptDays).size === s.promptDays.length, {
    message: 'Each day only once',
    path: ['promptDays'],
  });
export type UpdateAftercareSettingsRequest = z.infer<typeof UpdateAftercareSettingsRequest>;

/** The patient's preparation and aftercare timeline around their next (or latest) session. */
/** `GET /api/portal/timeline?language=es`: the words in the language the portal shows (else the patient's). */
export const PortalTimelineQuery = z.object({ language: localeSchema.optional() }).strict();

export const PortalTimeline = z.object({
  session: z
    .object({ appointmentId: z.uuid(), startsAt: z.string(), status: z.enum(['booked', 'completed']) })
    .nullable(),
  today: z.iso.date(),
  steps: z.array(TimelineStep),
});
export type PortalTimeline = z.infer<typeof PortalTimeline>;
