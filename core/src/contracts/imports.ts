import { z } from 'zod';

const Counts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportCounts = z.infer<typeof Counts>;

/**
 * The import report (a public contract): what landed, and the entries that did not, with their reasons: the
 * first 500 in `rejected`, all of them counted in `rejectedCount`.
 */
export const ImportReport = z.object({
  patients: Counts,
  resources: z.record(z.string(), Counts),
  /** Valid FHIR resources of types the record does not keep (Encounter, Claim...), counted by type. */
  skipped: z.record(z.string(), z.number().int()),
  rejected: z.array(z.object({ source: z.string(), line: z.number().int().optional(), reason: z.string() })),
  rejectedCount: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportQuery = z
  .object({ format: z.enum(['bundle', 'ndjson']).optional(), name: z.string().max(200).optional() })
  .strict();

/** An imported patient that may be the same person as another: for staff to review (merge or dismiss). */
export const PossibleDuplicate = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  patientBirthDate: z.string(),
  otherPatientId: z.uuid(),
  otherName: z.string(),
  otherBirthDate: z.string(),
  reason: z.string(),
  source: z.string(),
  createdAt: z.string(),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;
export const PossibleDuplicateList = z.object({ duplicates: z.array(PossibleDuplicate) });
export type PossibleDuplicateList = z.infer<typeof PossibleDuplicateList>;
export const PossibleDuplicateQuery = z.object({ patientId: z.uuid().optional() }).strict();
export const PossibleDuplicateParams = z.object({ id: z.uuid() }).strict();
export const DismissedDuplicate = z.object({ dismissed: z.literal(true) });
