import { z } from 'zod';
import { IsoDate } from './common';

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

export const PatientSummary = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  sex: z.enum(sexes),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  archived: z.boolean(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const ClinicalEntry = z.object({
  id: z.uuid(),
  kind: z.enum(['condition', 'medication', 'allergy', 'procedure', 'observation']),
  system: z.string().nullable(),
  code: z.string().nullable(),
  display: z.string(),
  status: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  value: z.string().nullable(),
});
export type ClinicalEntry = z.infer<typeof ClinicalEntry>;

export const PatientRecord = PatientSummary.extend({
  fitzpatrick: z.number().int().min(1).max(6).nullable(),
  concerns: z.array(z.string()),
  notes: z.string(),
  entries: z.array(ClinicalEntry),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientRecord = z.infer<typeof PatientRecord>;

export const PatientSearchQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    includeArchived: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type PatientSearchQuery = z.infer<typeof PatientSearchQuery>;

export const PatientList = z.object({ patients: z.array(PatientSummary) });
export type PatientList = z.infer<typeof PatientList>;

export const CreatePatientRequest = z
  .object({
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    birthDate: IsoDate,
    sex: z.enum(sexes),
    email: z.email().max(254).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
  })
  .strict();
export type CreatePatientRequest = z.infer<typeof CreatePatientRequest>;
