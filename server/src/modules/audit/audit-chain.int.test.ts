import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chainedFieldsOf, chainHash, type StoredAuditRow } from '../../platform/audit';
import { lockSealer } from '../../platform/audit-chain.repo';
import { appendCheckpoints, type AuditAnchor } from '../../platform/audit-checkpoints';
import { sealAuditEvents, startAuditSealer, writeAuditCheckpoints } from '../../platform/audit-sealer';
import { systemClock } from '../../platform/clock';
import { sealAuditTrail } from '../../testing/audit';
import { reportFigure } from '../../testing/figures';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { verifyAuditChain } from './audit.service';

let t: TestApp;
let dir: string;
let anchor: AuditAnchor;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'needlepoint-audit-'));
  anchor = { file: join(dir, 'audit-checkpoints.jsonl'), key: randomBytes(32) };
  t = await createTestApp({ auditAnchor: anchor });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** A clinic whose provider read a patient's record `reads` times; all sealed, and a checkpoint written. */
async function clinicWithEvents(reads: number) {
  const clinicId = (await makeClinic(t.database.db)).id;
  const provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
  const owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  const patient = await makePatient(t.database.db, clinicId);
  for (let i = 0; i < reads; i++) {
    await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}`, headers: { cookie: provider } });
  }
  await sealAuditTrail(t.database.db);
  await writeAuditCheckpoints(t.database.db, anchor, systemClock);
  const sealed = (await chain(clinicId)).length;
  return { clinicId, owner, provider, patientId: patient.id, sealed };
}

async function verify(owner: string, query = '') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/audit/verify${query}`,
    headers: { cookie: owner },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function chain(clinicId: string): Promise<StoredAuditRow[]> {
  const { rows } = await t.database.db.query<StoredAuditRow>(
    'SELECT * FROM audit_events WHERE clinic_id = $1 ORDER BY seq',
    [clinicId],
  );
  return rows;
}

/** What an attacker with the database's superuser does: switch the append-only triggers off, then write. */
async function asSuperuser(work: (client: pg.PoolClient) => Promise<void>) {
  await t.database.admin().transaction(async (client) => {
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await work(client);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  });
}

describe('the audit sealer', () => {
  it('appends events without a chain position; sealing chains each clinic’s events in order', async () => {
    const clinicId = (await makeClinic(t.database.db)).id;
    const provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
    const patient = await makePatient(t.database.db, clinicId);
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'GET',
        url: `/api/patients/${patient.id}`,
        headers: { cookie: provider },
      });
    }
    const appended = await t.database.db.query<{ seq: number | null; hash: string | null }>(
      'SELECT seq, hash FROM audit_events WHERE clinic_id = $1',
      [clinicId],
    );
    const n = appended.rows.length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(appended.rows.every((row) => row.seq === null && row.hash === null)).toBe(true);

    await sealAuditTrail(t.database.db);
    const sealed = await t.database.db.query<{ id: number; seq: number }>(
      'SELECT id, seq FROM audit_events WHERE clinic_id = $1 ORDER BY id',
      [clinicId],
    );
    expect(sealed.rows.map((row) => row.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(await verifyAuditChain(t.database.db, clinicId)).toMatchObject({
      intact: true,
      checked: n,
      pending: 0,
    });
  });

  it('lets the sealer set an event’s seal once and nothing else; never deletes', async () => {
    const clinicId = (await makeClinic(t.database.db)).id;
    await t.database.db.query(
      `INSERT INTO audit_events (clinic_id, occurred_at, action, entity_type) VALUES ($1, now(), 'test.event', 'test')`,
      [clinicId],
    );
    const seal = "seq = 99, prev_hash = repeat('0', 64), hash = repeat('1', 64)";
    await expect(
      t.database.db.query(
        `UPDATE audit_events SET ${seal}, action = 'x' WHERE clinic_id = $1 AND seq IS NULL`,
        [clinicId],
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.database
        .admin()
        .query(`UPDATE audit_events SET ${seal}, action = 'x' WHERE clinic_id = $1 AND seq IS NULL`, [
          clinicId,
        ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.db.query(`UPDATE audit_events SET seq = 99 WHERE clinic_id = $1 AND seq IS NULL`, [
        clinicId,
      ]),
    ).rejects.toThrow(/append-only|audit_events_sealed_whole/);
    await sealAuditTrail(t.database.db);
    await expect(
      t.database.db.query(`UPDATE audit_events SET ${seal} WHERE clinic_id = $1 AND seq = 1`, [clinicId]),
    ).rejects.toThrow(/append-only/);
    // The app's role may not delete or truncate at all; even a superuser meets the triggers.
    const remove = 'DELETE FROM audit_events WHERE clinic_id = $1 AND seq = 1';
    await expect(t.database.db.query(remove, [clinicId])).rejects.toThrow(/permission denied/);
    await expect(t.database.db.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
    await expect(t.database.admin().query(remove, [clinicId])).rejects.toThrow(/append-only/);
    await expect(t.database.admin().query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('runs one sealer at a time: another one finds it busy and leaves the events to it', async () => {
    const { clinicId, provider, patientId } = await clinicWithEvents(0);
    await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}`, headers: { cookie: provider } });
    const holder = await t.database.db.pool.connect();
    try {
      await holder.query('BEGIN');
      expect(await lockSealer(holder, false)).toBe(true);
      expect(await sealAuditEvents(t.database.db)).toEqual({ sealed: 0, busy: true });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await sealAuditEvents(t.database.db)).busy).toBe(false);
    expect((await chain(clinicId)).every((row) => row.seq !== null)).toBe(true);
  });

  it('seals in the background within seconds and writes signed checkpoints', async () => {
    const { clinicId, provider, patientId } = await clinicWithEvents(0);
    const own: AuditAnchor = { file: join(dir, 'background.jsonl'), key: anchor.key };
    const sealer = startAuditSealer({
      db: t.database.db,
      clock: systemClock,
      anchor: own,
      log: () => undefined,
      intervalMs: 50,
      checkpointEveryMs: 0,
    });
    try {
      await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}`, headers: { cookie: provider } });
      await vi.waitFor(
        async () => {
          const rows = await chain(clinicId);
          expect(rows.every((row) => row.seq !== null)).toBe(true);
          const head = rows.at(-1)!;
          expect(await readFile(own.file, 'utf8')).toContain(`"seq":${head.seq},"hash":"${head.hash}"`);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await sealer.stop();
    }
  });
});

describe('tamper evidence against the checkpoints', () => {
  // The fault suite's figure: which tampering `verify` caught against the checkpoint file.
  const detected: string[] = [];
  afterAll(() => {
    reportFigure(
      `audit tamper: ${detected.length} of 3 cases detected against the checkpoint file (${detected.join(', ') || 'none'})`,
    );
  });

  it('verifies an untouched chain against its last checkpoint, and counts events still pending', async () => {
    const { owner, provider, patientId, sealed } = await clinicWithEvents(3);
    await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}`, headers: { cookie: provider } });
    const result = await verify(owner);
    expect(result).toMatchObject({ intact: true, firstBrokenSeq: null, problem: null, pending: 0 });
    expect(result.checkpoint.seq).toBe(sealed);
    // Only what came after the checkpoint is recomputed: the read, sealed by the check itself.
    expect(result).toMatchObject({ checked: 1, fromSeq: sealed + 1 });
    const whole = await verify(owner, '?full=true');
    expect(whole).toMatchObject({ intact: true, fromSeq: 1, checkpoint: { seq: sealed } });
    expect(whole.checked).toBeGreaterThanOrEqual(sealed + 1);
  });

  it('finds an edited event after the last checkpoint, and with full=true one before it', async () => {
    const { clinicId, owner, provider, patientId, sealed } = await clinicWithEvents(4);
    await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}`, headers: { cookie: provider } });
    await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}`, headers: { cookie: provider } });
    await sealAuditTrail(t.database.db);
    await asSuperuser(async (client) => {
      await client.query(
        "UPDATE audit_events SET ip = '203.0.113.9' WHERE clinic_id = $1 AND seq IN (3, $2)",
        [clinicId, sealed + 2],
      );
    });
    expect(await verify(owner)).toMatchObject({
      intact: false,
      firstBrokenSeq: sealed + 2,
      problem: 'event-changed',
      fromSeq: sealed + 1,
    });
    expect(await verify(owner, '?full=true')).toMatchObject({
      intact: false,
      firstBrokenSeq: 3,
      problem: 'event-changed',
    });
    detected.push('row edited');
  });

  it('refuses an unknown verify option', async () => {
    const { owner } = await clinicWithEvents(0);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/audit/verify?full=yes',
      headers: { cookie: owner },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBeTypeOf('string');
  });

  it('finds the newest events deleted (the chain is shorter than the last checkpoint)', async () => {
    const { clinicId, owner } = await clinicWithEvents(4);
    await asSuperuser(async (client) => {
      await client.query('DELETE FROM audit_events WHERE clinic_id = $1 AND seq > 3', [clinicId]);
    });
    expect(await chain(clinicId)).toHaveLength(3);
    // The rest still links up: only the checkpoint outside the database shows what is gone.
    expect(await verifyAuditChain(t.database.db, clinicId)).toMatchObject({ intact: true });
    expect(await verify(owner)).toMatchObject({
      intact: false,
      firstBrokenSeq: 4,
      problem: 'events-missing',
    });
    detected.push('newest rows deleted');
  });

  it('finds a chain rewritten and rehashed from an edited event on', async () => {
    const { clinicId, owner } = await clinicWithEvents(4);
    await asSuperuser(async (client) => {
      await client.query("UPDATE audit_events SET ip = '203.0.113.9' WHERE clinic_id = $1 AND seq = 2", [
        clinicId,
      ]);
      const rows = await chain(clinicId);
      let prev = rows[0]!.hash!;
      for (const row of rows.slice(1)) {
        const edited = { ...row, ip: row.seq === 2 ? '203.0.113.9' : row.ip };
        const hash = chainHash(prev, chainedFieldsOf(edited, row.seq!));
        await client.query('UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE id = $3', [
          prev,
          hash,
          row.id,
        ]);
        prev = hash;
      }
    });
    expect(await verifyAuditChain(t.database.db, clinicId)).toMatchObject({ intact: true });
    const result = await verify(owner);
    expect(result).toMatchObject({ intact: false, problem: 'chain-rewritten' });
    expect(result.firstBrokenSeq).toBeGreaterThanOrEqual(2);
    detected.push('whole chain rehashed');
  });

  it('finds a checkpoint written without the key', async () => {
    const { clinicId, owner } = await clinicWithEvents(2);
    const rows = await chain(clinicId);
    const last = rows.at(-1)!;
    await appendCheckpoints({ file: anchor.file, key: randomBytes(32) }, [
      { clinicId, seq: last.seq!, hash: last.hash!, at: new Date().toISOString() },
    ]);
    expect(await verify(owner)).toMatchObject({ intact: false, problem: 'checkpoint-invalid' });
  });

  it('skips a checkpoint line cut short by a crash', async () => {
    const { clinicId, owner } = await clinicWithEvents(1);
    await appendFile(anchor.file, `{"at":"2026-01-01T00:00:00.000Z","clinicId":"${clinicId}","seq":`);
    await appendFile(anchor.file, '\n');
    expect(await verify(owner)).toMatchObject({ intact: true });
  });
});
