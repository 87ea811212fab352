import { resolve } from 'node:path';
import { backup, BackupError, restore, s3PhotosNote, totalRows, type Installation } from '../db/backup';
import { loadConfig, type Config } from '../platform/config';

export interface BackupIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

export const backupUsage = `usage: needlepoint backup <file>
       needlepoint restore <file> [--force]
  backup writes one archive (tar, gzip) of the database, the photo folder and every file under DATA_DIR (audit
  anchors included); the app may keep running. restore puts an archive back into an empty database and DATA_DIR;
  it refuses a database that already has tables unless --force (an embedded database replaced that way is kept
  aside as DATA_DIR/postgres.before-restore-<time>). Both use DATA_DIR / DATABASE_URL as the app does.`;

function installationOf(config: Config): Installation {
  return {
    dataDir: resolve(config.dataDir),
    photoDir: config.photoStore.kind === 'folder' ? resolve(config.photoStore.dir) : null,
    // Backups read and restores write as the tables' owner when one is configured (ADR 061).
    databaseUrl: config.databaseOwnerUrl ?? config.databaseUrl,
  };
}

const number = (n: number) => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${number(Math.ceil(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function parse(args: string[]): { file: string; force: boolean } | null {
  const force = args.includes('--force');
  const rest = args.filter((arg) => arg !== '--force');
  if (rest.length !== 1 || rest[0]!.startsWith('-')) return null;
  return { file: rest[0]!, force };
}

/** `needlepoint backup <file>`: 0 written, 1 could not be made, 2 bad usage. */
export async function runBackup(args: string[], io: BackupIo): Promise<number> {
  const parsed = parse(args);
  if (!parsed || parsed.force) {
    io.stderr(backupUsage);
    return 2;
  }
  const config = loadConfig(io.env);
  try {
    const { manifest, file, bytes } = await backup(installationOf(config), parsed.file);
    const tables = Object.keys(manifest.tables).length;
    const what =
      manifest.kind === 'embedded'
        ? `the embedded PostgreSQL ${manifest.postgresVersion} database (data folder copy`
        : `the PostgreSQL ${manifest.postgresVersion} database (pg_dump ${manifest.dumpMajor}`;
    io.stdout(
      `backed up ${what}, ${tables} tables, ${number(totalRows(manifest.tables))} rows), ` +
        `${number(manifest.photoFiles)} photo files and ${number(manifest.otherFiles)} other files to ${file} (${size(bytes)})`,
    );
    if (config.photoStore.kind === 's3') io.stderr(s3PhotosNote);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`needlepoint backup: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `needlepoint restore <file> [--force]`: 0 restored, 1 refused or failed, 2 bad usage. */
export async function runRestore(args: string[], io: BackupIo): Promise<number> {
  const parsed = parse(args);
  if (!parsed) {
    io.stderr(backupUsage);
    return 2;
  }
  const config = loadConfig(io.env);
  const install = installationOf(config);
  try {
    const { manifest, tables, keptPrevious } = await restore(install, parsed.file, parsed.force);
    const where = install.databaseUrl
      ? 'the database behind DATABASE_URL'
      : `the embedded database in ${install.dataDir}`;
    io.stdout(
      `restored ${where} (${Object.keys(tables).length} tables, ${number(totalRows(tables))} rows), ` +
        `${number(manifest.photoFiles)} photo files and ${number(manifest.otherFiles)} other files ` +
        `from ${resolve(parsed.file)} (made ${manifest.createdAt})` +
        (keptPrevious ? `; the database it replaced is kept in ${keptPrevious}` : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr(`needlepoint restore: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
