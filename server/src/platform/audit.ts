import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { Clock } from './clock';

/** Who did it, from where: taken from the request by routes and passed down to services. */
export interface Actor {
  userId: string;
  clinicId: string;
  role: string;
  ip: string | null;
  requestId: string | null;
  /** The app's injected clock: the audit event's time (and tests pin it). */
  clock: Clock;
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

/** Work done by the system itself (a job, the command line), not by a signed-in user. */
export interface SystemActor {
  userId: null;
  clinicId: string;
  role: null;
  ip: null;
  requestId: string | null;
  clock: Clock;
}

export type AnyActor = Actor | SystemActor;

export function systemActor(clinicId: string, requestId: string, clock: Clock): SystemActor {
  return { userId: null, clinicId, role: null, ip: null, requestId, clock };
}

/**
 * Appends one event inside the caller's transaction: one plain INSERT, no lock and no read. The event has no
 * place in the clinic's chain yet; the sealer (`audit-sealer.ts`) gives it its seq and hash within seconds.
 */
export async function recordAudit(
  client: Queryable,
  actor:
    | AnyActor
    | {
        userId: null;
        clinicId: string;
        role: null;
        ip: string | null;
        requestId: string | null;
        clock: Clock;
      },
  input: AuditInput,
): Promise<void> {
  await client.query(
    `INSERT INTO audit_events (clinic_id, occurred_at, actor_user_id, actor_role, action, entity_type,
       entity_id, patient_id, ip, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.clinicId,
      actor.clock.now().toISOString(),
      actor.userId,
      actor.role,
      input.action,
      input.entityType,
      input.entityId ?? null,
      input.patientId ?? null,
      actor.ip,
      actor.requestId,
      JSON.stringify(input.details ?? {}),
    ],
  );
}

/**
 * A read of patient data that changes nothing: one read (a single statement sees one snapshot), then its audit
 * event appended on its own. No transaction wraps them, which saves the BEGIN and COMMIT round trips of every
 * audited read; what matters is kept: the answer leaves only after its event is stored, and a read that fails
 * (unknown patient) records nothing. Use cases that write keep one transaction with `recordAudit` inside it.
 */
export async function auditedRead<T>(
  db: Database,
  actor: AnyActor,
  read: (client: Queryable) => Promise<T>,
  event: (result: T) => AuditInput,
): Promise<T> {
  const result = await read(db.pool);
  await recordAudit(db.pool, actor, event(result));
  return result;
}

/** An audit row as stored (seq, prev_hash and hash are null until the row is sealed). */
export interface StoredAuditRow {
  id: number;
  clinic_id: string;
  seq: number | null;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string | null;
  hash: string | null;
}

/** The fields a row's hash covers, as read back from the database, at chain position `seq`. */
export function chainedFieldsOf(row: StoredAuditRow, seq: number): ChainedFields {
  return {
    clinicId: row.clinic_id,
    seq,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    patientId: row.patient_id,
    ip: row.ip,
    requestId: row.request_id,
    details: row.details,
  };
}

export type { ChainedFields };
