import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuePatientMessage } from '../modules/messages/outbox.service';
import { fixedClock } from '../platform/clock';
import { makeClinic, makePatient } from '../testing/factories';
import { reportFigure } from '../testing/figures';
import { parseMail, startTestSmtp, type ReceivedMail } from '../testing/smtp';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

/**
 * Fault: the job worker's process is killed (SIGKILL) while it sends a batch of emails, one of them cut off after
 * the SMTP server stored it. A new worker process finds the dead worker's jobs itself (heartbeats, ADR 034) and
 * every message arrives; the only repeat is the cut-off one, under the same Message-ID.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const patients = 12;
const killAt = 5;

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let killed: () => void;
const killedNow = new Promise<void>((resolve) => (killed = resolve));
let seen = 0;

/** The worker in a child process; resolves once it is running. */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/bin/tsx.mjs', 'server/src/testing/outbox-worker.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: smtp.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtp({
    // The server stores the fifth message and the worker is killed before it hears "250 OK": the message arrived,
    // but the outbox never learned that it was sent.
    beforeAccept: async (mail: ReceivedMail) => {
      seen += 1;
      if (seen !== killAt) return;
      smtp.inbox.push(mail);
      await killedNow;
      return { refuse: 421, message: 'Connection lost' };
    },
  });
});
afterAll(async () => {
  await smtp.stop();
  await database.drop();
});

describe('a worker killed mid-batch', () => {
  it('loses no message, and a redelivery only repeats a Message-ID', { timeout: 180_000 }, async () => {
    const db = database.db;
    const clock = fixedClock(new Date(Date.now() - 60_000));
    const clinicId = (await makeClinic(db, { name: 'Quay Clinic', timeZone: 'Europe/Madrid' })).id;
    await db.transaction(async (client) => {
      for (let i = 0; i < patients; i++) {
        const p = await makePatient(db, clinicId, { email: `p${i}@example.test`, givenName: `P${i}` });
        await queuePatientMessage(
          client,
          clinicId,
          p.id,
          'check-in-prompt',
          { day: 1 },
          { now: clock.now() },
        );
      }
    });

    const first = await startWorker();
    const gone = exited(first);
    while (seen < killAt) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await gone;
    const killedAt = Date.now();
    killed();
    const afterCrash = await db.query<{ status: string }>(
      "SELECT status FROM messages WHERE channel = 'email' AND status <> 'sent'",
    );
    expect(afterCrash.rowCount).toBeGreaterThan(0);

    // Nothing is unlocked by hand: the new worker releases the dead one's jobs (its heartbeat went stale).
    const second = await startWorker();
    // Counted from the new worker running (its start-up on a busy machine is not the jobs' delay).
    const restarted = Date.now();
    let recoveredMs: number;
    let sinceKillMs: number;
    try {
      // Within a minute of the restart: graphile-worker alone would wait four hours for the dead worker's lock.
      await expect
        .poll(async () => (await db.query("SELECT 1 FROM messages WHERE status <> 'sent'")).rowCount, {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(0);
      recoveredMs = Date.now() - restarted;
      sinceKillMs = Date.now() - killedAt;
    } finally {
      const stopped = exited(second);
      second.kill('SIGTERM');
      await stopped;
    }

    const rows = (
      await db.query<{ message_id: string; attempts: number }>(
        "SELECT message_id, attempts FROM messages WHERE channel = 'email'",
      )
    ).rows;
    const received = await Promise.all(smtp.inbox.map((m) => parseMail(m)));
    const counts = new Map<string, number>();
    for (const mail of received) counts.set(mail.messageId!, (counts.get(mail.messageId!) ?? 0) + 1);
    // Every message arrived, under the Message-ID stored with its row, and nothing else arrived.
    expect([...counts.keys()].sort()).toEqual(rows.map((r) => `<${r.message_id}@test.needlepoint>`).sort());
    // The one cut off mid-send came twice with the same Message-ID; only messages in flight at the kill can repeat.
    const repeated = [...counts.entries()].filter(([, n]) => n > 1);
    expect(repeated.length).toBeGreaterThanOrEqual(1);
    expect(repeated.length).toBeLessThanOrEqual(3);
    expect(repeated.every(([, n]) => n === 2)).toBe(true);
    for (const [id] of repeated) {
      const copies = received.filter((m) => m.messageId === id);
      expect(new Set(copies.map((m) => m.text)).size).toBe(1);
    }
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(1);
    reportFigure(
      `worker killed mid-batch: ${rows.length} emails queued, ${counts.size} delivered, ${received.length - counts.size} repeated under the same Message-ID, all sent ${(sinceKillMs / 1000).toFixed(1)} s after the kill (${(recoveredMs / 1000).toFixed(1)} s after the new worker started)`,
    );
  });
});
