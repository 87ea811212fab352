import { z } from 'zod';
import { ZoneSchema } from '../plans/template.schema';
import { TreatmentRecordDraft } from '../treatment/record';

/** API contracts of the treatment record (charting, sign-off, addenda) and its schedule-level status. */

export const NumbingWarningDto = z.object({
  ruleId: z.string(),
  kind: z.enum(['label', 'clinic', 'notice']),
  measure: z.enum(['amountG', 'areaCm2', 'minutes']).nullable(),
  value: z.number().nullable(),
  limit: z.number().nullable(),
  message: z.string(),
  sources: z.array(z.string()),
  evidenceLevel: z.string(),
});

export const ScreeningCheck = z.object({
  screeningId: z.uuid().nullable(),
  verdict: z.string().nullable(),
  cleared: z.boolean().nullable(),
  ranAt: z.string().nullable(),
  /** Findings added or resolved since the previous screening (the last session's). */
  changes: z
    .object({
      previousVerdict: z.string(),
      previousAt: z.string(),
      added: z.array(z.string()),
      resolved: z.array(z.string()),
    })
    .nullable(),
  openFindings: z.array(z.object({ ruleId: z.string(), title: z.string(), severity: z.string() })),
  override: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
});
export type ScreeningCheck = z.infer<typeof ScreeningCheck>;

export const ConsentCheck = z.object({
  kind: z.string(),
  state: z.string(),
  onFile: z.boolean(),
  signedVersion: z.number().int().nullable(),
  currentVersion: z.number().int().nullable(),
});

export const PlanZoneRange = z.object({ zone: ZoneSchema, minMm: z.number(), maxMm: z.number() });

export const Addendum = z.object({
  id: z.uuid(),
  text: z.string(),
  signedBy: z.uuid(),
  signedByName: z.string(),
  signedAt: z.string(),
});
export type Addendum = z.infer<typeof Addendum>;

export const TreatmentRecordDto = z.object({
  id: z.uuid(),
  appointmentId: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  providerId: z.uuid(),
  providerName: z.string(),
  appointmentStart: z.string(),
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  sessionNumber: z.number().int().nullable(),
  modality: z.enum(['mechanical', 'rf']),
  planZones: z.array(PlanZoneRange),
  status: z.enum(['draft', 'signed']),
  version: z.number().int(),
  draft: TreatmentRecordDraft,
  screening: ScreeningCheck,
  consent: ConsentCheck,
  /** Why procedure data cannot be charted yet (screening not cleared without override), or null. */
  startBlockedReason: z.string().nullable(),
  numbingWarnings: z.array(NumbingWarningDto),
  signOffIssues: z.array(z.object({ path: z.string(), message: z.string() })),
  prefilledFrom: z.object({ planId: z.uuid().nullable(), lastRecordId: z.uuid().nullable() }),
  signedAt: z.string().nullable(),
  signedBy: z.uuid().nullable(),
  signedByName: z.string().nullable(),
  addenda: z.array(Addendum),
  updatedAt: z.string(),
});
export type TreatmentRecordDto = z.infer<typeof TreatmentRecordDto>;

export const SaveTreatmentRecordRequest = z
  .object({ expectedVersion: z.number().int().min(1), draft: TreatmentRecordDraft })
  .strict();
export type SaveTreatmentRecordRequest = z.infer<typeof SaveTreatmentRecordRequest>;

export const SignTreatmentRecordRequest = z.object({ expectedVersion: z.number().int().min(1) }).strict();
export const ScreeningOverrideRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const AddendumRequest = z.object({ text: z.string().trim().min(1).max(5000) }).strict();

export const AppointmentParams = z.object({ appointmentId: z.uuid() }).strict();

/** Front desk: whether a session has been charted and signed, nothing clinical. */
export const TreatmentRecordStatusItem = z.object({
  appointmentId: z.uuid(),
  recordId: z.uuid(),
  status: z.enum(['draft', 'signed']),
  signedAt: z.string().nullable(),
});
export const TreatmentRecordStatusList = z.object({ statuses: z.array(TreatmentRecordStatusItem) });
export const StatusQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict();

export const PatientTreatmentRecords = z.object({
  records: z.array(
    z.object({
      id: z.uuid(),
      appointmentId: z.uuid(),
      appointmentStart: z.string(),
      status: z.enum(['draft', 'signed']),
      providerName: z.string(),
      signedAt: z.string().nullable(),
    }),
  ),
});
