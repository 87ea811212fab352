import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import type { Clock } from './clock';
import { batched } from './batched';

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

type AuditActor =
  | AnyActor
  | {
      userId: null;
      clinicId: string;
      role: null;
      ip: string | null;
      requestId: string | null;
      clock: Clock;
    };

const auditColumns = `clinic_id, occurred_at, actor_user_id, actor_role, action, entity_type, entity_id, patient_id,
  ip, request_id, details`;

/** An event's columns, in the order of `auditColumns`. */
function auditValues(actor: AuditActor, input: AuditInput): unknown[] {
  return [
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
  ];
}

/**
 * Appends one event inside the caller's transaction: one plain INSERT, no lock and no read. The event has no
 * place in the clinic's chain yet; the sealer (`audit-sealer.ts`) gives it its seq and hash within seconds.
 */
export async function recordAudit(client: Queryable, actor: AuditActor, input: AuditInput): Promise<void> {
  await client.query(
    `INSERT INTO audit_events (${auditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    auditValues(actor, input),
  );
}

/** Several events of one use case in one statement, in the order given, inside the caller's transaction. */
export async function recordAudits(
  client: Queryable,
  actor: AuditActor,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length > 0)
    await appendAuditEvents(
      client,
      inputs.map((input) => auditValues(actor, input)),
    );
}

/** Appends many events in one statement, in the order given (their ids, and so their chain order, follow it). */
async function appendAuditEvents(client: Queryable, events: readonly unknown[][]): Promise<void> {
  const columns = Array.from({ length: 11 }, (_, i) => events.map((values) => values[i]));
  await client.query(
    `INSERT INTO audit_events (${auditColumns})
     SELECT e.c1, e.c2, e.c3, e.c4, e.c5, e.c6, e.c7, e.c8, e.c9, e.c10, e.c11
       FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::uuid[], $9::text[], $10::text[], $11::jsonb[])
            WITH ORDINALITY AS e (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, n)
      ORDER BY e.n`,
    columns,
  );
}

/** Per database: read events of requests that finish together are appended in one statement. */
const readEventAppenders = new WeakMap<Database, (values: unknown[]) => Promise<void>>();
function readEventAppender(db: Database): (values: unknown[]) => Promise<void> {
  let append = readEventAppenders.get(db);
  if (!append) {
    append = batched<unknown[], void>(async (events) => {
      await appendAuditEvents(db.pool, events);
      return events.map(() => undefined);
    });
    readEventAppenders.set(db, append);
  }
  return append;
}

/**
 * A read of patient data that changes nothing: one read (a single statement sees one snapshot), then its audit
 * event appended on its own, in one statement with the events of other reads that finish at the same moment. No
 * transaction wraps them, which saves the BEGIN and COMMIT round trips of every audited read; what matters is
 * kept: the answer leaves only after its event is stored, and a read that fails (unknown patient) records
 * nothing. Use cases that write keep one transaction with `recordAudit` inside it.
 */
export async function auditedRead<T>(
  db: Database,
  actor: AnyActor,
  read: (client: Queryable) => Promise<T>,
  event: (result: T) => AuditInput,
): Promise<T> {
  const result = await read(db.pool);
  await readEventAppender(db)(auditValues(actor, event(result)));
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
