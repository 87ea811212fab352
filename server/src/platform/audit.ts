import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';

/** Who did it, from where: taken from the request by routes and passed down to services. */
export interface Actor {
  userId: string;
  clinicId: string;
  role: string;
  ip: string | null;
  requestId: string | null;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientId?: string | null;
  details?: Record<string, unknown>;
}

export const genesisHash = '0'.repeat(64);

interface ChainedFields {
  clinicId: string;
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** Canonical JSON: keys sorted at every depth, so the same event always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, event: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonical(event)).digest('hex');
}

/**
 * Appends one event to the clinic's chain inside the caller's transaction. A per-clinic advisory lock
 * orders concurrent writers so each event links to exactly one predecessor.
 */
/** Work done by the system itself (a job, the command line), not by a signed-in user. */
export interface SystemActor {
  userId: null;
  clinicId: string;
  role: null;
  ip: null;
  requestId: string | null;
}

export type AnyActor = Actor | SystemActor;

export function systemActor(clinicId: string, requestId: string): SystemActor {
  return { userId: null, clinicId, role: null, ip: null, requestId };
}

export async function recordAudit(
  client: Queryable,
  actor:
    AnyActor | { userId: null; clinicId: string; role: null; ip: string | null; requestId: string | null },
  input: AuditInput,
): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))", [actor.clinicId]);
  const { rows } = await client.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events WHERE clinic_id = $1 ORDER BY seq DESC LIMIT 1',
    [actor.clinicId],
  );
  const last = rows[0];
  const fields: ChainedFields = {
    clinicId: actor.clinicId,
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date().toISOString(),
    actorUserId: actor.userId,
    actorRole: actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    patientId: input.patientId ?? null,
    ip: actor.ip,
    requestId: actor.requestId,
    details: input.details ?? {},
  };
  const prevHash = last?.hash ?? genesisHash;
  await client.query(
    `INSERT INTO audit_events (clinic_id, seq, occurred_at, actor_user_id, actor_role, action, entity_type,
       entity_id, patient_id, ip, request_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      fields.clinicId,
      fields.seq,
      fields.occurredAt,
      fields.actorUserId,
      fields.actorRole,
      fields.action,
      fields.entityType,
      fields.entityId,
      fields.patientId,
      fields.ip,
      fields.requestId,
      JSON.stringify(fields.details),
      prevHash,
      chainHash(prevHash, fields),
    ],
  );
}

export type { ChainedFields };
