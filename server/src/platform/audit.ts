import { createHash } from 'node:crypto';
import type { Database, Queryable, Statement } from '../db/database';
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

/**
 * `read` with the events of its requests appended by the same statement: `read` answers many requests at once,
 * each of its rows carrying `n`, the 1-based position of the request it answers; `events[i]` (the values of
 * `auditValues`) is appended when, and only when, a row with `n = i + 1` exists, in request order. The events'
 * arrays follow the read's own parameters. A named read stays named (prepared once per connection).
 */
function withReadEvents(read: Statement, events: readonly unknown[][]): Statement {
  const first = read.values.length + 1;
  const columns = Array.from({ length: 11 }, (_, i) => events.map((values) => values[i]));
  return {
    ...(read.name ? { name: `${read.name}+audit` } : {}),
    text: `WITH read AS (${read.text}),
           event AS (
             INSERT INTO audit_events (${auditColumns})
             SELECT e.c1, e.c2, e.c3, e.c4, e.c5, e.c6, e.c7, e.c8, e.c9, e.c10, e.c11
               FROM unnest($${first}::uuid[], $${first + 1}::timestamptz[], $${first + 2}::uuid[], $${first + 3}::text[],
                           $${first + 4}::text[], $${first + 5}::text[], $${first + 6}::text[], $${first + 7}::uuid[],
                           $${first + 8}::text[], $${first + 9}::text[], $${first + 10}::jsonb[])
                    WITH ORDINALITY AS e (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, n)
              WHERE e.n IN (SELECT read.n FROM read)
              ORDER BY e.n)
      SELECT * FROM read`,
    values: [...read.values, ...columns],
  };
}

/**
 * A read that answers many requests in one statement: given the requests' keys (in order) and `audit`, it runs
 * one statement made by `audit(statement)`, whose rows carry `n` (the 1-based position of the key they answer),
 * and returns what it found by `n`.
 */
export type BatchRead<Key, Found> = (
  client: Queryable,
  keys: readonly Key[],
  audit: (statement: Statement) => Statement,
) => Promise<Map<number, Found>>;

interface AuditedAsk<Key> {
  actor: AnyActor;
  key: Key;
  event: AuditInput;
}

/**
 * Reads of patient data that change nothing, each audited by the statement that reads (ADR 072): the reads asked
 * for while the app handles one round of ready sockets run as one statement when that round ends (`batched`),
 * which also appends one audit event for each read that found its row, in request order. One round trip for
 * them all and no transaction: the statement commits the events before its answer comes back, so no answer
 * leaves before its event is stored; a read that finds nothing (unknown patient) records nothing; if the append
 * fails, every read of the batch fails. Use cases that write keep one transaction with `recordAudit` inside it.
 * Returns, per database, a function answering one request: what was found, or undefined.
 */
export function auditedReads<Key, Found>(
  read: BatchRead<Key, Found>,
): (db: Database, actor: AnyActor, key: Key, event: AuditInput) => Promise<Found | undefined> {
  const loaders = new WeakMap<Database, (ask: AuditedAsk<Key>) => Promise<Found | undefined>>();
  return (db, actor, key, event) => {
    let load = loaders.get(db);
    if (!load) {
      load = batched<AuditedAsk<Key>, Found | undefined>(async (asks) => {
        let audited = false;
        const found = await read(
          db.pool,
          asks.map((ask) => ask.key),
          (statement) => {
            audited = true;
            return withReadEvents(
              statement,
              asks.map((ask) => auditValues(ask.actor, ask.event)),
            );
          },
        );
        if (!audited) throw new Error('An audited read ran without appending its audit events');
        return asks.map((_, i) => found.get(i + 1));
      });
      loaders.set(db, load);
    }
    return load({ actor, key, event });
  };
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
