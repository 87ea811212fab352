import type { AuditEvent, AuditPage, AuditQuery, AuditVerification } from '@needlepoint/core/contracts/audit';
import type { Database } from '../../db/database';
import {
  chainedFieldsOf,
  chainHash,
  genesisHash,
  recordAudit,
  type Actor,
  type StoredAuditRow,
} from '../../platform/audit';
import {
  readCheckpoints,
  readLastCheckpoint,
  type AuditAnchor,
  type ReadCheckpoint,
} from '../../platform/audit-checkpoints';
import { sealAuditEvents } from '../../platform/audit-sealer';
import {
  chainEventAt,
  countPending,
  findPendingEvents,
  findSealedEvents,
  readChain,
  readChainAfter,
  type AuditRow,
} from './audit.repo';

/** Pending events shown on the first page at most (the sealer leaves only seconds' worth). */
const maxPendingShown = 500;

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
    sealed: row.seq !== null,
  };
}

/**
 * The owner's view of the audit log: newest first, filtered, paged by sequence number. The first page starts
 * with the events not yet sealed (pending), then the sealed ones.
 */
export async function searchAuditLog(db: Database, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  // Seal what is waiting unless a sealer is at it right now: the page is then as complete as it can be.
  await sealAuditEvents(db, { wait: false });
  const pending = query.beforeSeq ? [] : await findPendingEvents(db, actor.clinicId, query, maxPendingShown);
  const rows = await findSealedEvents(db, actor.clinicId, query, query.beforeSeq, query.limit + 1);
  const page = rows.slice(0, query.limit);
  await db.transaction((client) =>
    recordAudit(client, actor, {
      action: 'audit.viewed',
      entityType: 'audit',
      details: { filters: { ...query } },
    }),
  );
  return {
    events: [...pending, ...page].map(toEvent),
    nextBeforeSeq: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

type ChainCheck = Pick<AuditVerification, 'intact' | 'firstBrokenSeq' | 'problem'>;

/** The first event whose seq, link or hash does not add up (an edit, a removal or a reordering), if any. */
function checkLinks(rows: StoredAuditRow[], from = { prev: genesisHash, seq: 1 }): ChainCheck {
  let prev = from.prev;
  let expectedSeq = from.seq;
  for (const row of rows) {
    const seq = row.seq ?? 0;
    const hash = chainHash(prev, chainedFieldsOf(row, seq));
    if (seq !== expectedSeq || row.prev_hash !== prev || row.hash !== hash) {
      return { intact: false, firstBrokenSeq: seq, problem: 'event-changed' };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { intact: true, firstBrokenSeq: null, problem: null };
}

/**
 * Against the signed checkpoints: a forged checkpoint, a chain shorter than a checkpoint (newest events
 * deleted), or a different hash at a checkpoint's seq (the chain rewritten and rehashed). The earliest wins.
 */
function checkAnchors(rows: StoredAuditRow[], checkpoints: ReadCheckpoint[]): ChainCheck {
  if (checkpoints.some((c) => !c.signed)) {
    const forged = checkpoints.find((c) => !c.signed)!;
    return { intact: false, firstBrokenSeq: forged.seq, problem: 'checkpoint-invalid' };
  }
  let worst: ChainCheck = { intact: true, firstBrokenSeq: null, problem: null };
  for (const checkpoint of checkpoints) {
    const problem: ChainCheck | null =
      checkpoint.seq > rows.length
        ? { intact: false, firstBrokenSeq: rows.length + 1, problem: 'events-missing' }
        : rows[checkpoint.seq - 1]?.hash !== checkpoint.hash
          ? { intact: false, firstBrokenSeq: checkpoint.seq, problem: 'chain-rewritten' }
          : null;
    if (problem && (worst.firstBrokenSeq === null || problem.firstBrokenSeq! < worst.firstBrokenSeq)) {
      worst = problem;
    }
  }
  return worst;
}

/**
 * Seals what is waiting, then checks the chain. With an anchor holding a signed checkpoint of the clinic, the check
 * starts there (ADR 070): the event at the checkpoint's seq must still carry the signed hash (else the chain was
 * rehashed, or cut back: events missing), and every event after it is recomputed from that hash. Its cost follows
 * the events since the last checkpoint (a minute's worth while the app runs), not the clinic's history. `full`
 * (or no checkpoint yet) recomputes the whole chain and checks it against every signed checkpoint of the clinic,
 * which also finds an event edited without rehashing before the last checkpoint.
 */
export async function verifyAuditChain(
  db: Database,
  clinicId: string,
  anchor: AuditAnchor | null = null,
  options: { full?: boolean } = {},
): Promise<AuditVerification> {
  await sealAuditEvents(db, { wait: true });
  const last = anchor && !options.full ? await readLastCheckpoint(anchor, clinicId) : null;
  if (!last) return verifyWholeChain(db, clinicId, anchor);
  const checkpoint = { seq: last.seq, at: last.at };
  const broken = (problem: ChainCheck, checked: number, pending: number): AuditVerification => ({
    ...problem,
    checked,
    fromSeq: last.seq + 1,
    pending,
    checkpoint,
  });
  if (!last.signed) {
    const problem = { intact: false, firstBrokenSeq: last.seq, problem: 'checkpoint-invalid' } as const;
    return broken(problem, 0, await countPending(db, clinicId));
  }
  const at = await chainEventAt(db, clinicId, last.seq);
  if (at.hash === null) {
    const firstBrokenSeq = Math.min(at.lastSeq + 1, last.seq);
    return broken(
      { intact: false, firstBrokenSeq, problem: 'events-missing' },
      0,
      await countPending(db, clinicId),
    );
  }
  if (at.hash !== last.hash) {
    const problem = { intact: false, firstBrokenSeq: last.seq, problem: 'chain-rewritten' } as const;
    return broken(problem, 0, await countPending(db, clinicId));
  }
  const rows = await readChainAfter(db, clinicId, last.seq);
  const links = checkLinks(rows, { prev: last.hash, seq: last.seq + 1 });
  return broken(links, rows.length, await countPending(db, clinicId));
}

/** The whole chain recomputed from its first event, and checked against every signed checkpoint of the clinic. */
async function verifyWholeChain(
  db: Database,
  clinicId: string,
  anchor: AuditAnchor | null,
): Promise<AuditVerification> {
  const { rows, pending } = await readChain(db, clinicId);
  const checkpoints = anchor ? await readCheckpoints(anchor, clinicId) : [];
  const links = checkLinks(rows);
  const anchors = checkAnchors(rows, checkpoints);
  const result =
    !links.intact && (anchors.intact || links.firstBrokenSeq! <= (anchors.firstBrokenSeq ?? Infinity))
      ? links
      : anchors;
  const last = checkpoints.at(-1);
  return {
    ...result,
    checked: rows.length,
    fromSeq: 1,
    pending,
    checkpoint: last ? { seq: last.seq, at: last.at } : null,
  };
}
