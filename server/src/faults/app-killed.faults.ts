import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { freePort } from '../db/embedded';
import { isAlive } from '../db/embedded-folder';
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
 * Fault: `kill -9` of the app while clients create patients through the HTTP API. Its embedded PostgreSQL is left
 * running without it (an orphan); the next start stops it, says so in one line, and is ready within a bound with
 * every acknowledged write still there (ADR 034, ADR 062).
 */

const acknowledgedBeforeKill = 100;
const readyBoundMs = 60_000;

let dataDir: string | undefined;
let first: AppProcess | undefined;
let second: AppProcess | undefined;
const pools: Database[] = [];

afterAll(async () => {
  for (const pool of pools) await pool.close().catch(() => undefined);
  if (first && first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
  await stopApp(second);
  await removeDataDir(dataDir);
});

describe('kill -9 of the app under write load', () => {
  it('restarts cleanly and has lost no acknowledged write', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'np-fault-app-'));
    const port = await freePort(0);
    first = await startApp(dataDir, port);
    const cookie = await staffCookie(first, dataDir);
    const orphan = await postgresPidOf(dataDir);

    let killed = false;
    const app = first;
    const { answers, unanswered } = await writeLoad(app, cookie, 4, (so) => {
      if (!killed && so.filter((a) => a.status === 201).length >= acknowledgedBeforeKill) {
        app.child.kill('SIGKILL');
        killed = true;
      }
      return killed;
    });
    await app.exited;
    expect(app.child.signalCode).toBe('SIGKILL');
    // The app answered every request it answered with a created patient; requests in flight got no answer.
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    expect(isAlive(orphan)).toBe(true);

    const restartedAt = Date.now();
    second = await startApp(dataDir, port);
    const url = second.url;
    await expect
      .poll(async () => (await fetch(`${url}/ready`).catch(() => null))?.status, {
        timeout: readyBoundMs,
        interval: 100,
      })
      .toBe(200);
    const readyMs = Date.now() - restartedAt;
    // One line says what was done about the server the killed app left behind.
    const notices = second
      .output()
      .split('\n')
      .filter((line) => line.startsWith('[database] '));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^\[database\] stopped an orphaned PostgreSQL \(process \d+\)/);
    expect(isAlive(orphan)).toBe(false);

    const db = await appDatabase(dataDir);
    pools.push(db);
    const ids = answers.map((a) => a.id!);
    const found = await patientsFound(db, ids);
    expect(found).toBe(ids.length);
    reportFigure(
      `kill -9 app: ${ids.length} acknowledged writes, ${ids.length - found} lost (${unanswered} in flight unanswered), ready ${(readyMs / 1000).toFixed(1)} s after the restart; ${notices[0]!.replace('[database] ', '')}`,
    );
  });
});
