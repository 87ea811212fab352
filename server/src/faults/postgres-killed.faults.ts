import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { freePort } from '../db/embedded';
import { reportFigure } from '../testing/figures';
import {
  appDatabase,
  patientsFound,
  postgresPidOf,
  staffCookie,
  startApp,
  stopApp,
  writeLoad,
  type AppProcess,
} from './app-process';
import { removeDataDir } from './cleanup';

/**
 * Fault: `kill -9` of the embedded PostgreSQL's server process while clients create patients through the HTTP
 * API. The app's supervisor starts it again with backoff; meanwhile `/ready` is false and writes answer 503 with
 * the error body (never 500); then writes succeed again, and every acknowledged one is in the database (ADR 034).
 */

const acknowledgedBeforeKill = 100;
const acknowledgedAfterRecovery = 50;
const recoveryBoundMs = 90_000;

let dataDir: string | undefined;
let app: AppProcess | undefined;
const pools: Database[] = [];

afterAll(async () => {
  for (const pool of pools) await pool.close().catch(() => undefined);
  await stopApp(app);
  await removeDataDir(dataDir);
});

describe('kill -9 of PostgreSQL under write load', () => {
  it('answers 503 while the supervisor restarts it, then recovers with no acknowledged write lost', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'np-fault-pg-'));
    const running = await startApp(dataDir, await freePort(0));
    app = running;
    const cookie = await staffCookie(running, dataDir);
    const first = await postgresPidOf(dataDir);

    // /ready, watched every 100 ms from the kill on.
    const readiness: { at: number; ready: boolean }[] = [];
    let watching = true;
    let killedAt = 0;
    let readyAgainAt = 0;
    const watch = (async () => {
      while (watching) {
        if (killedAt) {
          const response = await fetch(`${running.url}/ready`).catch(() => null);
          const ready = response?.status === 200;
          readiness.push({ at: Date.now(), ready });
          if (ready && !readyAgainAt && readiness.some((r) => !r.ready)) readyAgainAt = Date.now();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    let acknowledgedAtRecovery = 0;
    const { answers, unanswered } = await writeLoad(running, cookie, 4, (so) => {
      const acknowledged = so.filter((a) => a.status === 201).length;
      if (!killedAt && acknowledged >= acknowledgedBeforeKill) {
        process.kill(first, 'SIGKILL');
        killedAt = Date.now();
      }
      if (readyAgainAt && !acknowledgedAtRecovery) acknowledgedAtRecovery = acknowledged;
      if (acknowledgedAtRecovery && acknowledged >= acknowledgedAtRecovery + acknowledgedAfterRecovery)
        return true;
      return killedAt > 0 && Date.now() - killedAt > recoveryBoundMs;
    });
    watching = false;
    await watch;

    expect(readyAgainAt, 'ready again within the bound').toBeGreaterThan(0);
    const notReady = readiness.filter((r) => !r.ready);
    expect(notReady.length).toBeGreaterThan(0);
    expect(await postgresPidOf(dataDir)).not.toBe(first);
    // The app itself never stopped answering; what it could not do, it answered 503 with the one error body.
    expect(unanswered).toBe(0);
    const failed = answers.filter((a) => a.status !== 201);
    expect(failed.filter((a) => a.status !== 503 || a.code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(failed.length).toBeGreaterThan(0);
    expect(running.output()).toMatch(/PostgreSQL stopped unexpectedly \(SIGKILL\)/);
    expect(running.output()).toMatch(/PostgreSQL is running again/);

    const db = await appDatabase(dataDir);
    pools.push(db);
    const ids = answers.filter((a) => a.status === 201).map((a) => a.id!);
    const found = await patientsFound(db, ids);
    expect(found).toBe(ids.length);
    const notReadySeconds = ((readyAgainAt - notReady[0]!.at) / 1000).toFixed(1);
    reportFigure(
      `kill -9 PostgreSQL: ${ids.length} acknowledged writes, ${ids.length - found} lost, ${failed.length} answered 503 SERVICE_UNAVAILABLE, 0 answered 500; /ready false for ${notReadySeconds} s until the supervisor had it running again`,
    );
  });
});
