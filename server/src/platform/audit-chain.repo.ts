import type { Queryable } from '../db/database';
import type { StoredAuditRow } from './audit';

/** One sealer at a time across app instances (an advisory lock held until the sealing transaction ends). */
const sealerLock = "hashtext('audit:sealer')";

/** Takes the sealer's lock for this transaction: waits for it, or answers false at once when it is held. */
export async function lockSealer(client: Queryable, wait: boolean): Promise<boolean> {
  if (wait) {
    await client.query(`SELECT pg_advisory_xact_lock(${sealerLock})`);
    return true;
  }
  const { rows } = await client.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_xact_lock(${sealerLock}) AS locked`,
  );
  return rows[0]?.locked === true;
}

/**
 * The oldest rows not yet sealed, of every clinic (the sealer works for all of them; each clinic's rows are
 * chained separately), in the order they were appended.
 */
export async function unsealedEvents(client: Queryable, limit: number): Promise<StoredAuditRow[]> {
  const { rows } = await client.query<StoredAuditRow>(
    'SELECT * FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT $1',
    [limit],
  );
  return rows;
}

export interface ChainHead {
  clinicId: string;
  seq: number;
  hash: string;
}

/** Each clinic's last sealed event (clinics with none are left out). */
export async function chainHeads(client: Queryable, clinicIds: string[] | 'all'): Promise<ChainHead[]> {
  const { rows } = await client.query<{ clinic_id: string; seq: number; hash: string }>(
    `SELECT c.id AS clinic_id, h.seq, h.hash
       FROM ${clinicIds === 'all' ? 'clinics' : 'unnest($1::uuid[])'} AS c (id)
       CROSS JOIN LATERAL (SELECT seq, hash FROM audit_events
                            WHERE clinic_id = c.id AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1) h`,
    clinicIds === 'all' ? [] : [clinicIds],
  );
  return rows.map((row) => ({ clinicId: row.clinic_id, seq: row.seq, hash: row.hash }));
}

export interface Seal {
  id: number;
  seq: number;
  prevHash: string;
  hash: string;
}

/** Gives unsealed rows their chain position and hash (the one update the append-only trigger allows). */
export async function sealEvents(client: Queryable, seals: Seal[]): Promise<number> {
  const result = await client.query(
    `UPDATE audit_events AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v (id, seq, prev_hash, hash)
      WHERE a.id = v.id AND a.seq IS NULL`,
    [seals.map((s) => s.id), seals.map((s) => s.seq), seals.map((s) => s.prevHash), seals.map((s) => s.hash)],
  );
  return result.rowCount ?? 0;
}
