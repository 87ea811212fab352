import { z } from 'zod';

export const AuditEvent = z.object({
  id: z.string(),
  /** The event's place in the clinic's hash chain; null while it waits to be sealed (seconds). */
  seq: z.number().int().nullable(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  patientId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string().nullable(),
  /** False while the event is appended but not yet sealed into the chain (shown as pending). */
  sealed: z.boolean(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z
  .object({
    action: z.string().max(100).optional(),
    actorUserId: z.uuid().optional(),
    patientId: z.uuid().optional(),
    entityType: z.string().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    beforeSeq: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  events: z.array(AuditEvent),
  nextBeforeSeq: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** Why a chain does not verify: an event changed, events missing at the end, a rewritten chain, a forged checkpoint. */
export const AuditChainProblem = z.enum([
  'event-changed',
  'events-missing',
  'chain-rewritten',
  'checkpoint-invalid',
]);
export type AuditChainProblem = z.infer<typeof AuditChainProblem>;

/** `full=true`: recompute the whole chain instead of starting at the last signed checkpoint. */
export const AuditVerifyQuery = z.object({ full: z.enum(['true', 'false']).optional() }).strict();
export type AuditVerifyQuery = z.infer<typeof AuditVerifyQuery>;

export const AuditVerification = z.object({
  intact: z.boolean(),
  /** Events recomputed: those after the last signed checkpoint, or the whole chain (`full=true`, no checkpoint). */
  checked: z.number().int(),
  /** The first seq recomputed: 1 for the whole chain, the last checkpoint's seq + 1 otherwise. */
  fromSeq: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  problem: AuditChainProblem.nullable(),
  /** Events appended but not yet sealed when the check ran (not part of `checked`). */
  pending: z.number().int(),
  /** The last signed checkpoint outside the database that the chain was checked against. */
  checkpoint: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
