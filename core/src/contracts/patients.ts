import { z } from 'zod';
import { localeSchema } from './common';
import { AnswerKey } from '../knowledge/knowledge.schema';
import { IsoDate } from './common';

export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export const entryKinds = ['condition', 'medication', 'allergy', 'procedure', 'observation'] as const;
export const reviewedLists = ['conditions', 'medications', 'allergies'] as const;

/** Concerns and goals a patient comes with (the plan templates' indications). */
export const concerns = [
  'acne-scars',
  'surgical-scars',
  'burn-scars',
  'striae',
  'fine-lines',
  'pores',
  'dark-spots',
  'pih',
  'melasma',
  'rosacea',
  'vitiligo',
  'hair-loss',
] as const;
export const Concern = z.enum(concerns);

export const CodingDto = z.object({ system: z.string(), code: z.string(), display: z.string().optional() });

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
  kind: z.enum(entryKinds),
  system: z.string().nullable(),
  code: z.string().nullable(),
  codes: z.array(CodingDto),
  display: z.string(),
  status: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  value: z.string().nullable(),
  bodySites: z.array(z.string()),
  source: z.enum(['clinic', 'intake', 'import']),
  /** Why staff must review the entry (e.g. an imported medication that could not be named). */
  review: z.string().nullable().optional(),
});
export type ClinicalEntry = z.infer<typeof ClinicalEntry>;

export const Answer = z.object({ value: z.enum(['yes', 'no', 'unknown']), date: IsoDate.optional() });
export const Answers = z.partialRecord(AnswerKey, Answer);
export type Answers = z.infer<typeof Answers>;
export const ListsReviewed = z.partialRecord(z.enum(reviewedLists), IsoDate);
export type ListsReviewed = z.infer<typeof ListsReviewed>;

export const PatientRecord = PatientSummary.extend({
  address: z.string(),
  fitzpatrick: z.number().int().min(1).max(6).nullable(),
  concerns: z.array(z.string()),
  notes: z.string(),
  answers: Answers,
  listsReviewed: ListsReviewed,
  version: z.number().int(),
  mergedInto: z.uuid().nullable(),
  /** Recorded as deceased (an import): cannot be booked or invited. */
  deceased: z.boolean().optional(),
  deceasedDate: z.string().nullable().optional(),
  /** Sex assigned at birth when recorded (US Core birth-sex); screening reads it with `sex`. */
  birthSex: z.enum(sexes).nullable().optional(),
  /** The language the patient reads the portal and their messages in (their choice in the portal). */
  preferredLanguage: localeSchema,
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

const givenName = z.string().trim().min(1, 'Enter the first name').max(100);
const familyName = z.string().trim().min(1, 'Enter the last name').max(100);
const email = z.email('Enter a valid email address').max(254);
/** A phone number as people write it: digits with spaces, `+`, `-`, dots or brackets; at least 6 digits. */
const phone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => v === '' || (/^\+?[0-9 ()./-]+$/.test(v) && (v.match(/[0-9]/g) ?? []).length >= 6), {
    message: 'Enter a phone number: digits, spaces, + - ( ) only, at least 6 digits',
  });
/** A birth date from 1900 on; the server also refuses dates after the clinic's today. */
const birthDate = z.iso
  .date('Enter the birth date')
  .refine((v) => v >= '1900-01-01', { message: 'Enter a birth date from 1900 on' });

export const CreatePatientRequest = z
  .object({
    givenName,
    familyName,
    birthDate,
    sex: z.enum(sexes),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    /** Create even though a patient with the same name and birth date exists (after staff checked). */
    notDuplicate: z.boolean().optional(),
  })
  .strict();
export type CreatePatientRequest = z.infer<typeof CreatePatientRequest>;

/** A partial change; `expectedVersion` guards against overwriting someone else's edit. */
export const UpdatePatientRequest = z
  .object({
    expectedVersion: z.number().int().min(1),
    givenName: givenName.optional(),
    familyName: familyName.optional(),
    birthDate: birthDate.optional(),
    sex: z.enum(sexes).optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    address: z.string().trim().max(500).optional(),
    fitzpatrick: z.number().int().min(1).max(6).nullable().optional(),
    concerns: z.array(Concern).max(12).optional(),
    notes: z.string().max(10_000).optional(),
    answers: Answers.optional(),
    listsReviewed: ListsReviewed.optional(),
  })
  .strict();
export type UpdatePatientRequest = z.infer<typeof UpdatePatientRequest>;

export const EntryInput = z
  .object({
    kind: z.enum(entryKinds),
    display: z.string().trim().min(1).max(300),
    codes: z.array(CodingDto).max(10).default([]),
    status: z.string().trim().min(1).max(40),
    startDate: IsoDate.nullable().optional(),
    endDate: IsoDate.nullable().optional(),
    value: z.string().max(200).nullable().optional(),
    bodySites: z.array(z.string().max(60)).max(10).default([]),
  })
  .strict()
  .refine((e) => !e.startDate || !e.endDate || e.startDate <= e.endDate, {
    message: 'The end date is before the start date',
    path: ['endDate'],
  });
export type EntryInput = z.infer<typeof EntryInput>;

export const EntryParams = z.object({ id: z.uuid(), entryId: z.uuid() }).strict();

export const PatientVersion = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  summary: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export const PatientHistory = z.object({ versions: z.array(PatientVersion) });
export type PatientHistory = z.infer<typeof PatientHistory>;

export const MergePatientsRequest = z
  .object({ duplicateId: z.uuid(), expectedVersion: z.number().int().min(1) })
  .strict();
export type MergePatientsRequest = z.infer<typeof MergePatientsRequest>;
