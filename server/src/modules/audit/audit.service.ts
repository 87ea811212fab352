import type { AuditEvent, AuditPage, AuditQuery, AuditVerification } from '@needlepoint/core/contracts/audit';
import type { Database } from '../../db/database';
import { chainHash, genesisHash, recordAudit, type Actor } from '../../platform/audit';

interface AuditRow {
  id: number;
  clinic_id: string;
  seq: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: String(row.id),
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    patientId: row.patient_id,
    ip: row.ip,
    requestId: row.request_id,
    details: row.details,
    hash: row.hash,
  };
}

/** The owner's view of the audit log: newest first, filtered, paged by sequence number. */
export async function searchAuditLog(db: Database, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  const where = ['a.clinic_id = $1'];
  const params: unknown[] = [actor.clinicId];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (query.action) add('a.action LIKE ?', `${query.action.replace(/[%_]/g, '')}%`);
  if (query.actorUserId) add('a.actor_user_id = ?', query.actorUserId);
  if (query.patientId) add('a.patient_id = ?', query.patientId);
  if (query.entityType) add('a.entity_type = ?', query.entityType);
  if (query.from) add('a.occurred_at >= ?', query.from);
  if (query.to) add('a.occurred_at < ?', query.to);
  if (query.beforeSeq) add('a.seq < ?', query.beforeSeq);
  params.push(query.limit + 1);
  const { rows } = await db.query<AuditRow>(
    `SELECT a.*, u.name AS actor_name FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  await db.transaction((client) =>
    recordAudit(client, actor, {
      action: 'audit.viewed',
      entityType: 'audit',
      details: { filters: { ...query } },
    }),
  );
  return {
    events: page.map(toEvent),
    nextBeforeSeq: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

/** Recomputes the clinic's whole chain; any edited, removed or reordered row breaks it. */
export async function verifyAuditChain(db: Database, clinicId: string): Promise<AuditVerification> {
  const { rows } = await db.query<AuditRow>(
    'SELECT *, NULL AS actor_name FROM audit_events WHERE clinic_id = $1 ORDER BY seq',
    [clinicId],
  );
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const row of rows) {
    const hash = chainHash(prev, {
      clinicId: row.clinic_id,
      seq: row.seq,
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
    });
    if (row.seq !== expectedSeq || row.prev_hash !== prev || row.hash !== hash) {
      return { intact: false, checked: rows.length, firstBrokenSeq: row.seq };
    }
    prev = row.hash;
    expectedSeq += 1;
  }
  return { intact: true, checked: rows.length, firstBrokenSeq: null };
}
