import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The embedded PostgreSQL's data folder after a crash. PostgreSQL writes `postmaster.pid` (its process id and
 * port) while it runs; Needlepoint writes `postgres-owner` (the app's process id) beside the folder. After
 * `kill -9` of the app its PostgreSQL keeps running with no owner (an orphan); after `kill -9` of PostgreSQL its
 * lock file stays behind (stale). Both are found and cleared here before a new server starts.
 */

export interface PostmasterLock {
  pid: number;
  port: number;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function procText(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** The parent process id, read from /proc (null where there is no /proc). */
function parentOf(pid: number): number | null {
  const stat = procText(pid, 'stat');
  if (stat === null) return null;
  // "pid (command) state ppid ...": the command may hold spaces, so read after the last ')'.
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/** Whether `pid` is a running PostgreSQL server (not another program that reused the number). */
function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const command = procText(pid, 'cmdline');
  return command === null ? true : command.includes('postgres');
}

export async function readPostmasterLock(databaseDir: string): Promise<PostmasterLock | null> {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, port: 0 };
  return { pid, port: Number.isInteger(port) ? port : 0 };
}

export function ownerFileOf(dataDir: string): string {
  return join(dataDir, 'postgres-owner');
}

export async function writeOwner(dataDir: string): Promise<void> {
  await writeFile(ownerFileOf(dataDir), String(process.pid));
}

export async function clearOwner(dataDir: string): Promise<void> {
  await rm(ownerFileOf(dataDir), { force: true });
}

/**
 * The server on the folder is in use when the app that started it still runs and is still its parent. A server
 * whose app is gone (its parent is now init or another reaper) is an orphan.
 */
export async function serverInUse(dataDir: string, lock: PostmasterLock): Promise<boolean> {
  const owner = Number((await readFile(ownerFileOf(dataDir), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) return false;
  const parent = parentOf(lock.pid);
  return parent === null || parent === owner;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** Stops a PostgreSQL server: fast shutdown, then immediate shutdown, then kill. */
export async function stopServerProcess(pid: number): Promise<void> {
  for (const [signal, wait] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, wait)) return;
  }
}

/** Processes working in the folder (PostgreSQL's server and backends run with the data folder as their cwd). */
async function processesIn(databaseDir: string): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => null);
    if (cwd !== null && resolve(cwd) === resolve(databaseDir)) found.push(Number(entry));
  }
  return found;
}

/** Waits for leftover backends of a dead server to leave (they exit when they see it gone), then kills them. */
async function clearLeftoverBackends(databaseDir: string): Promise<number> {
  let left = await processesIn(databaseDir);
  const until = Date.now() + 10_000;
  while (left.length > 0 && Date.now() < until) {
    await sleep(200);
    left = await processesIn(databaseDir);
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return left.length;
}

/**
 * Makes the data folder startable: stops an orphaned server on it, removes a stale lock. Returns one line saying
 * what was done (null when nothing was needed). Throws when the app that owns the running server is alive.
 */
export async function recoverDataFolder(dataDir: string, databaseDir: string): Promise<string | null> {
  const lock = await readPostmasterLock(databaseDir);
  if (!lock) return null;
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!isPostgres(lock.pid)) {
    // The shared memory check PostgreSQL bases on this file is done here: no process still works in the folder.
    await clearLeftoverBackends(databaseDir);
    await rm(pidFile, { force: true });
    return `removed a stale PostgreSQL lock (process ${lock.pid} no longer runs) from ${databaseDir}`;
  }
  if (await serverInUse(dataDir, lock)) {
    throw new Error(`Another Needlepoint process already runs PostgreSQL on ${databaseDir}; stop it first`);
  }
  await stopServerProcess(lock.pid);
  await clearLeftoverBackends(databaseDir);
  await rm(pidFile, { force: true });
  return `stopped an orphaned PostgreSQL (process ${lock.pid}) that a previous run left on ${databaseDir}`;
}
