import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../db/database';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrate } from '../db/migrate';
import { verifyAuditChain } from '../modules/audit/audit.service';
import { movePhotosToStore } from '../modules/photos/photo-mover';
import type { AuditVerification } from '@needlepoint/core/contracts/audit';
import { recordAudit, systemActor } from '../platform/audit';
import {
  checkpointFileName,
  checkpointKeyFileName,
  loadCheckpointKey,
  type AuditAnchor,
} from '../platform/audit-checkpoints';
import { writeAuditCheckpoints } from '../platform/audit-sealer';
import { systemClock } from '../platform/clock';
import { sealAuditTrail } from '../testing/audit';
import { createFolderBlobStore } from '../platform/blob-store/blob-store';
import { migrateJobs } from '../platform/jobs';
import { seedDemoClinic } from '../seed/demo';
import { makePatient, makeUser } from '../testing/factories';
import { makePng } from '../testing/images';
import { createTestDatabase } from '../testing/test-database';
import { runBackup, runRestore } from './backup.command';

const folders: string[] = [];
async function folder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

function command(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), env },
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A clinic as it runs: the demo data, audited events, photos moved to the folder store, an audit anchor file. */
async function seed(db: Database, dataDir: string): Promise<void> {
  await seedDemoClinic(db, new Date('2026-11-30T09:00:00Z'));
  const { rows } = await db.query<{ id: string }>('SELECT id FROM clinics');
  for (const { id: clinicId } of rows) {
    const patient = await makePatient(db, clinicId);
    const user = await makeUser(db, clinicId, 'patient', { patientId: patient.id });
    for (let i = 0; i < 12; i++)
      await db.transaction((client) =>
        recordAudit(client, systemActor(clinicId, `req-${i}`, systemClock), {
          action: 'patient.viewed',
          entityType: 'patient',
          entityId: patient.id,
          patientId: patient.id,
          details: { n: i },
        }),
      );
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08070' } })
      .jpeg()
      .toBuffer();
    for (const [content, type] of [
      [makePng(40, 30, true), 'image/png'],
      [jpeg, 'image/jpeg'],
    ] as const) {
      await db.query(
        `INSERT INTO patient_photos (clinic_id, patient_id, area, content_type, byte_size, sha256, content, uploaded_by,
           taken_at) VALUES ($1, $2, 'face', $3, $4, $5, $6, $7, now())`,
        [clinicId, patient.id, type, content.length, sha256(content), content, user.id],
      );
    }
  }
  const moved = await movePhotosToStore(db, createFolderBlobStore(join(dataDir, 'photos')));
  expect(moved.moved).toBeGreaterThan(0);
  // The anchor outside the database, as a development install keeps it: a key file and signed checkpoints.
  await sealAuditTrail(db);
  await writeAuditCheckpoints(db, await anchorOf(dataDir), systemClock);
}

async function anchorOf(dataDir: string): Promise<AuditAnchor> {
  const { key } = await loadCheckpointKey({ configured: undefined, dataDir, development: true });
  return { file: join(dataDir, checkpointFileName), key };
}

interface Snapshot {
  counts: Record<string, number>;
  chains: Record<string, AuditVerification>;
  files: Record<string, string>;
}

async function listFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  if (!existsSync(dir)) return files;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = sha256(await readFile(path));
  }
  return files;
}

/** Rows per table (through information_schema), each clinic's chain verification, and the stored files. */
async function snapshot(db: Database, dataDir: string): Promise<Snapshot> {
  const { rows: tables } = await db.query<{ s: string; t: string }>(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { s, t } of tables) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${s}"."${t}"`);
    counts[`${s}.${t}`] = rows[0]!.n;
  }
  const chains: Snapshot['chains'] = {};
  const { rows: clinics } = await db.query<{ id: string }>('SELECT id FROM clinics ORDER BY id');
  const anchor = await anchorOf(dataDir);
  // The whole chain (full), against every signed checkpoint: a restore must bring back all of it.
  for (const { id } of clinics) chains[id] = await verifyAuditChain(db, id, anchor, { full: true });
  const files = await listFiles(join(dataDir, 'photos'));
  for (const name of [checkpointFileName, checkpointKeyFileName])
    files[name] = sha256(await readFile(join(dataDir, name)));
  return { counts, chains, files };
}

function expectSeeded(before: Snapshot) {
  expect(before.counts['public.audit_events']).toBeGreaterThanOrEqual(12);
  expect(before.counts['public.patient_photos']).toBeGreaterThan(0);
  // Every clinic's chain verifies against a signed checkpoint outside the database.
  expect(
    Object.values(before.chains).every((c) => c.intact && c.checked >= 12 && c.checkpoint !== null),
  ).toBe(true);
  expect(Object.keys(before.files).filter((f) => f.startsWith('photos/')).length).toBeGreaterThan(0);
}

// Each case starts and restores whole PostgreSQL servers: more time than the suite's default on a busy machine.
describe('needlepoint backup / restore', () => {
  it('copies a running embedded database with its photos and audit anchors, and restores it into an empty folder', async () => {
    const source = await folder('np-backup-src-');
    const target = await folder('np-backup-dst-');
    const archive = join(await folder('np-backup-file-'), 'clinic.tar.gz');

    const server = await startEmbeddedPostgres(source, { database: 'needlepoint' });
    const db = createDatabase(server.url, { max: 3 });
    let before: Snapshot;
    try {
      await migrate(db);
      await migrateJobs(db.pool);
      await seed(db, source);
      before = await snapshot(db, source);
      expectSeeded(before);
      // The app keeps running while the copy is made.
      const backup = command({ DATA_DIR: source });
      expect(await runBackup([archive], backup.io), backup.err.join('\n')).toBe(0);
      expect(backup.out).toHaveLength(1);
      expect(backup.out[0]).toMatch(
        /^backed up the embedded PostgreSQL 18\.\d+ database \(data folder copy, \d+ tables, [\d,]+ rows\), \d+ photo files and \d+ other files to .*clinic\.tar\.gz \(/,
      );
      // Restoring over the running installation is refused.
      const refused = command({ DATA_DIR: source });
      expect(await runRestore([archive, '--force'], refused.io)).toBe(1);
      expect(refused.err.join('\n')).toMatch(/running on .*; stop it before restoring/);
    } finally {
      await db.close();
      await server.stop();
    }

    const restore = command({ DATA_DIR: target });
    expect(await runRestore([archive], restore.io), restore.err.join('\n')).toBe(0);
    expect(restore.out).toHaveLength(1);
    expect(restore.out[0]).toMatch(/^restored the embedded database in .* \(\d+ tables, [\d,]+ rows\)/);

    const again = command({ DATA_DIR: target });
    expect(await runRestore([archive], again.io)).toBe(1);
    expect(again.err.join('\n')).toMatch(/already holds a database; nothing was changed/);

    const restored = await startEmbeddedPostgres(target, { database: 'needlepoint' });
    const rdb = createDatabase(restored.url, { max: 3 });
    try {
      expect(await snapshot(rdb, target)).toEqual(before!);
    } finally {
      await rdb.close();
      await restored.stop();
    }
  }, 180_000);

  it('dumps a database behind DATABASE_URL with its pg_dump and restores it into an empty database', async () => {
    const source = await createTestDatabase();
    const sourceDir = await folder('np-backup-url-src-');
    const targetDir = await folder('np-backup-url-dst-');
    const archive = join(await folder('np-backup-url-file-'), 'clinic.tar.gz');
    const adminUrl = inject('adminDatabaseUrl');
    const emptyName = `needlepoint_restore_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${emptyName}`);
    const emptyUrl = Object.assign(new URL(adminUrl), { pathname: `/${emptyName}` }).toString();
    // A database that has the app's tables, no longer in use (restore refuses one that has other connections).
    const migratedName = `needlepoint_restore_m_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${migratedName}`);
    const migratedUrl = Object.assign(new URL(adminUrl), { pathname: `/${migratedName}` }).toString();
    const migrating = createDatabase(migratedUrl, { max: 1 });
    await migrate(migrating);
    await migrateJobs(migrating.pool);
    await migrating.close();
    try {
      await seed(source.db, sourceDir);
      const before = await snapshot(source.db, sourceDir);
      expectSeeded(before);

      const backup = command({ DATA_DIR: sourceDir, DATABASE_URL: source.url });
      const code = await runBackup([archive], backup.io);
      const { rows } = await source.db.query<{ n: string }>(
        "SELECT current_setting('server_version_num') AS n",
      );
      const major = Math.floor(Number(rows[0]!.n) / 10_000);
      if (code !== 0) {
        // No pg_dump of the server's version on this machine: said in one line, and nothing is written.
        expect(backup.err).toHaveLength(1);
        expect(backup.err[0]).toMatch(new RegExp(`^needlepoint backup: no pg_dump for PostgreSQL ${major} `));
        expect(existsSync(archive)).toBe(false);
        return;
      }
      expect(backup.out[0]).toMatch(
        new RegExp(`^backed up the PostgreSQL ${major}\\.\\d+ database \\(pg_dump ${major}, \\d+ tables`),
      );

      const restore = command({ DATA_DIR: targetDir, DATABASE_URL: emptyUrl });
      expect(await runRestore([archive], restore.io), restore.err.join('\n')).toBe(0);
      expect(restore.out[0]).toMatch(/^restored the database behind DATABASE_URL \(\d+ tables/);
      const rdb = createDatabase(emptyUrl, { max: 2 });
      try {
        expect(await snapshot(rdb, targetDir)).toEqual(before);
      } finally {
        await rdb.close();
      }

      // The same archive restores into an empty embedded database (a server's clinic moved onto one machine).
      const embeddedDir = await folder('np-backup-url-embedded-');
      const intoEmbedded = command({ DATA_DIR: embeddedDir });
      expect(await runRestore([archive], intoEmbedded.io), intoEmbedded.err.join('\n')).toBe(0);
      const embedded = await startEmbeddedPostgres(embeddedDir, { database: 'needlepoint' });
      const edb = createDatabase(embedded.url, { max: 2 });
      try {
        expect(await snapshot(edb, embeddedDir)).toEqual(before);
      } finally {
        await edb.close();
        await embedded.stop();
      }

      // A database in use is left alone, even with --force.
      const busy = command({ DATA_DIR: targetDir, DATABASE_URL: source.url });
      const user = await source.db.pool.connect();
      try {
        expect(await runRestore([archive, '--force'], busy.io)).toBe(1);
      } finally {
        user.release();
      }
      expect(busy.err[0]).toMatch(/other connection\(s\) use the database .*nothing was changed/);

      // A database with tables is not overwritten without --force; with it, it becomes the backup.
      const refused = command({ DATA_DIR: targetDir, DATABASE_URL: migratedUrl });
      expect(await runRestore([archive], refused.io)).toBe(1);
      expect(refused.err[0]).toMatch(/is not empty \(\d+ tables\); nothing was changed/);
      const forced = command({ DATA_DIR: targetDir, DATABASE_URL: migratedUrl });
      expect(await runRestore([archive, '--force'], forced.io), forced.err.join('\n')).toBe(0);
      const mdb = createDatabase(migratedUrl, { max: 2 });
      try {
        expect(await snapshot(mdb, targetDir)).toEqual(before);
      } finally {
        await mdb.close();
      }
    } finally {
      await source.drop();
      await admin.query(`DROP DATABASE IF EXISTS ${migratedName} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${emptyName} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);
});
