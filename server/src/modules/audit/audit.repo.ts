import type { Database } from '../../db/database';

type Queryable = Pick<Database, 'query'>;
import type { StoredAuditRow } from '../../platform/audit';

export interface AuditRow extends StoredAuditRow {
  actor_name: string | null;
}

export interface AuditFilters {
  action?: string | undefined;
  actorUserId?: string | undefined;
  patientId?: string | undefined;
  entityType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function whereOf(clinicId: string, filters: AuditFilters): { where: string[]; params: unknown[] } {
  const where = ['a.clinic_id = $1'];
  const params: unknown[] = [clinicId];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filters.action) add('a.action LIKE ?', `${filters.action.replace(/[%_]/g, '')}%`);
  if (filters.actorUserId) add('a.actor_user_id = ?', filters.actorUserId);
  if (filters.patientId) add('a.patient_id = ?', filters.patientId);
  if (filters.entityType) add('a.entity_type = ?', filters.entityType);
  if (filters.from) add('a.occurred_at >= ?', filters.from);
  if (filters.to) add('a.occurred_at < ?', filters.to);
  return { where, params };
}

/** Sealed events matching the filters, newest first (by chain position), before `beforeSeq` when given. */
export async function findSealedEvents(
  db: Queryable,
  clinicId: string,
  filters: AuditFilters,
  beforeSeq: number | undefined,
  limit: number,
): Promise<AuditRow[]> {
  const { where, params } = whereOf(clinicId, filters);
  where.push('a.seq IS NOT NULL');
  if (beforeSeq) {
    params.push(beforeSeq);
    where.push(`a.seq < $${params.length}`);
  }
  params.push(limit);
  const { rows } = await db.query<AuditRow>(
    `SELECT a.*, u.name AS actor_name FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** Events appended but not yet sealed, matching the filters, newest first. */
export async function findPendingEvents(
  db: Queryable,
  clinicId: string,
  filters: AuditFilters,
  limit: number,
): Promise<AuditRow[]> {
  const { where, params } = whereOf(clinicId, filters);
  where.push('a.seq IS NULL');
  params.push(limit);
  const { rows } = await db.query<AuditRow>(
    `SELECT a.*, u.name AS actor_name FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** The clinic's sealed events after `afterSeq`, in order (the unique `(clinic_id, seq)` index walks them). */
export async function readChainAfter(
  db: Queryable,
  clinicId: string,
  afterSeq: number,
): Promise<StoredAuditRow[]> {
  const { rows } = await db.query<StoredAuditRow>(
    'SELECT * FROM audit_events WHERE clinic_id = $1 AND seq > $2 ORDER BY seq',
    [clinicId, afterSeq],
  );
  return rows;
}

/** The sealed event at `seq`, and the clinic's last seq (0 when nothing is sealed). */
export async function chainEventAt(
  db: Queryable,
  clinicId: string,
  seq: number,
): Promise<{ hash: string | null; lastSeq: number }> {
  const { rows } = await db.query<{ hash: string | null; last_seq: string | null }>(
    `SELECT (SELECT hash FROM audit_events WHERE clinic_id = $1 AND seq = $2) AS hash,
            (SELECT seq FROM audit_events WHERE clinic_id = $1 AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1) AS last_seq`,
    [clinicId, seq],
  );
  return { hash: rows[0]?.hash ?? null, lastSeq: Number(rows[0]?.last_seq ?? 0) };
}

/** How many of the clinic's events still wait to be sealed (the partial index of unsealed rows). */
export async function countPending(db: Queryable, clinicId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE clinic_id = $1 AND seq IS NULL',
    [clinicId],
  );
  return rows[0]?.n ?? 0;
}

/** The clinic's sealed chain in order, and how many events still wait to be sealed. */
export async function readChain(
  db: Queryable,
  clinicId: string,
): Promise<{ rows: StoredAuditRow[]; pending: number }> {
  const { rows } = await db.query<StoredAuditRow>(
    'SELECT * FROM audit_events WHERE clinic_id = $1 AND seq IS NOT NULL ORDER BY seq',
    [clinicId],
  );
  return { rows, pending: await countPending(db, clinicId) };
}
