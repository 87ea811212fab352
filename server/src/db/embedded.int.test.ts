import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPostmasterLock } from './embedded-folder';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

const root = new URL('../../../', import.meta.url).pathname;
const folders: string[] = [];
const servers: EmbeddedDatabase[] = [];

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'np-embedded-'));
  folders.push(dir);
  return dir;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts the embedded server in a child process, then kills that process with SIGKILL (as a crash does). */
async function crashAppLeavingServer(dataDir: string): Promise<number> {
  const child = spawn('node', ['server/bin/tsx.mjs', 'server/src/testing/embedded-child.ts', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready ')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  const lock = await readPostmasterLock(join(dataDir, 'postgres'));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return lock!.pid;
}

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL after a crash', () => {
  it('stops the server a killed app left running, says so in one line, and starts its own', async () => {
    const dataDir = await dataFolder();
    const orphan = await crashAppLeavingServer(dataDir);
    expect(isAlive(orphan)).toBe(true);
    const server = await startEmbeddedPostgres(dataDir, { database: 'needlepoint', log: () => undefined });
    servers.push(server);
    expect(server.notice).toMatch(/^stopped an orphaned PostgreSQL \(process \d+\)/);
    expect(server.notice).not.toMatch(/\n/);
    expect(isAlive(orphan)).toBe(false);
    expect(await answers(server.url)).toBe(true);
  });

  it('restarts a server that dies (kill -9), clearing the lock it left', async () => {
    const dataDir = await dataFolder();
    const lines: string[] = [];
    const server = await startEmbeddedPostgres(dataDir, {
      database: 'needlepoint',
      log: (line) => lines.push(line),
    });
    servers.push(server);
    const first = (await readPostmasterLock(join(dataDir, 'postgres')))!.pid;
    process.kill(first, 'SIGKILL');
    await expect.poll(() => server.state(), { timeout: 60_000, interval: 200 }).toBe('restarting');
    await expect
      .poll(async () => server.state() === 'running' && (await answers(server.url)), {
        timeout: 90_000,
        interval: 500,
      })
      .toBe(true);
    expect((await readPostmasterLock(join(dataDir, 'postgres')))!.pid).not.toBe(first);
    expect(lines.join('\n')).toMatch(/PostgreSQL stopped unexpectedly \(SIGKILL\)/);
    expect(lines.join('\n')).toMatch(/PostgreSQL is running again/);
  });

  it('clears a stale lock of a server killed while its app was down', async () => {
    const dataDir = await dataFolder();
    const orphan = await crashAppLeavingServer(dataDir);
    process.kill(orphan, 'SIGKILL');
    await expect.poll(() => isAlive(orphan), { timeout: 20_000 }).toBe(false);
    const server = await startEmbeddedPostgres(dataDir, { database: 'needlepoint', log: () => undefined });
    servers.push(server);
    expect(server.notice).toMatch(/^removed a stale PostgreSQL lock \(process \d+ no longer runs\)/);
    expect(await answers(server.url)).toBe(true);
  });

  it('starts two servers at the same moment on two data folders, each on a port of its own', async () => {
    // Both look for a free port from 54329 at once: the one that loses the bind takes the next free port.
    const [a, b] = await Promise.all(
      [await dataFolder(), await dataFolder()].map((dir) =>
        startEmbeddedPostgres(dir, { database: 'needlepoint', log: () => undefined }),
      ),
    );
    servers.push(a!, b!);
    expect(new URL(a!.url).port).not.toBe(new URL(b!.url).port);
    expect(await answers(a!.url)).toBe(true);
    expect(await answers(b!.url)).toBe(true);
  });

  it("shows PostgreSQL's own words when it cannot start", async () => {
    const dataDir = await dataFolder();
    const server = await startEmbeddedPostgres(dataDir, { database: 'needlepoint', log: () => undefined });
    await server.stop();
    await appendFile(join(dataDir, 'postgres', 'postgresql.conf'), '\nshared_buffers = nonsense\n');
    const failed = startEmbeddedPostgres(dataDir, { database: 'needlepoint', log: () => undefined });
    await expect(failed).rejects.toThrow(
      /PostgreSQL stopped while starting[\s\S]*PostgreSQL said:[\s\S]*shared_buffers/,
    );
  });
});
