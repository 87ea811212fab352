import { resolve } from 'node:path';
import { buildApp } from './app';
import { createDatabase, type Database } from './db/database';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { loadCheckpointKey } from './platform/audit-checkpoints';
import { startAuditSealer } from './platform/audit-sealer';
import { systemClock } from './platform/clock';
import { loadConfig } from './platform/config';
import { createMailer } from './platform/mail';
import { createSmsProvider } from './platform/sms';
import { migrateJobs, startJobs } from './platform/jobs';
import { finishDatabaseAccess, prepareDatabaseAccess } from './db/roles';
import { makeTasks } from './jobs/tasks';
import { movePhotosToStore } from './modules/photos/photo-mover';
import { createBlobStore } from './platform/blob-store/blob-store';
import { setupStatus } from './modules/clinic/create-clinic.service';
import { demoLogins, seedDemoClinic } from './seed/demo';

/**
 * Opens the configured database (DATABASE_URL when set, else an embedded PostgreSQL in DATA_DIR), brings its
 * schema up to date as the owner role, and connects the app as the app role, which owns nothing (ADR 061).
 */
export async function openDatabase(config: {
  databaseUrl: string | undefined;
  databaseOwnerUrl?: string | undefined;
  dataDir: string;
}): Promise<{ db: Database; embedded: EmbeddedDatabase | null; applied: string[] }> {
  const { url, embedded } = await openServer(config);
  try {
    const access = await prepareDatabaseAccess({
      url,
      ownerUrl: config.databaseOwnerUrl,
      dataDir: resolve(config.dataDir),
      embedded: embedded !== null,
    });
    // On stderr: commands that print JSON (import) keep stdout for it.
    if (access.notice) console.error(`[database] ${access.notice}`);
    const owner = createDatabase(access.ownerUrl, { max: 2, role: access.ownerSetRole });
    let applied: string[];
    try {
      applied = await migrate(owner);
      await migrateJobs(owner.pool);
      await finishDatabaseAccess(access);
    } finally {
      await owner.close();
    }
    return { db: createDatabase(access.appUrl), embedded, applied };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

async function openServer(config: {
  databaseUrl: string | undefined;
  databaseOwnerUrl?: string | undefined;
  dataDir: string;
}): Promise<{ url: string; embedded: EmbeddedDatabase | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  if (config.databaseOwnerUrl) throw new Error('DATABASE_OWNER_URL is set without DATABASE_URL');
  // The app may already run on this DATA_DIR: then use its server (never a second one on the same folder).
  const running = await runningEmbeddedPostgres(resolve(config.dataDir), 'needlepoint');
  if (running) return { url: running.url, embedded: running };
  const embedded = await startEmbeddedPostgres(resolve(config.dataDir), { database: 'needlepoint' });
  // One line on what a crash left behind and what was done about it.
  if (embedded.notice) console.log(`[database] ${embedded.notice}`);
  return { url: embedded.url, embedded };
}

export async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const checkpointKey = await loadCheckpointKey({
    configured: config.auditCheckpoints.key,
    dataDir: resolve(config.dataDir),
    development: config.auditCheckpoints.development,
  });
  if (checkpointKey.notice) console.log(`[audit] ${checkpointKey.notice}`);
  const auditAnchor = { file: resolve(config.auditCheckpoints.file), key: checkpointKey.key };
  const { db, embedded, applied } = await openDatabase(config);
  const photoStore = createBlobStore(config.photoStore);
  // Photos kept in PostgreSQL before the blob store existed move out on the first start (a no-op afterwards).
  const movedPhotos = await movePhotosToStore(db, photoStore);
  const seeded = config.seedDemo ? await seedDemoClinic(db, systemClock.now()) : false;
  const lifecycle = { draining: false };
  // Without SMTP_URL, emails are kept in the development mail catcher (readable by an owner of a trial clinic).
  const mailer = config.smtpUrl
    ? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: (message) => console.log(message) })
    : null;
  const log = (line: string) => console.log(line);
  const app = await buildApp({
    db,
    lifecycle,
    clock: systemClock,
    logLevel: config.logLevel,
    cookieSecure: config.cookieSecure,
    mailCatcher: !config.smtpUrl,
    publicUrl: config.publicUrl,
    exportDir: resolve(config.exportDir),
    importLimits: config.importLimits,
    photoStore,
    trustProxy: config.trustProxy,
    auditAnchor,
  });
  const jobs = await startJobs(
    db.pool,
    makeTasks({
      db,
      mailer,
      sms: createSmsProvider({ ...config.sms, log }),
      mailFrom: config.mailFrom,
      log,
      logBodies: config.mailLogBodies,
      clock: systemClock,
      publicUrl: config.publicUrl,
      exportDir: resolve(config.exportDir),
    }),
  );

  // Audit events are appended by requests and sealed into each clinic's chain here, every second.
  const sealer = startAuditSealer({ db, clock: systemClock, anchor: auditAnchor, log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    // Not ready first, so a proxy's health check sends new requests elsewhere; then drain.
    lifecycle.draining = true;
    await new Promise((done) => setTimeout(done, config.shutdownDelayMs));
    await app.close(); // stops accepting, waits for requests in flight
    await jobs.stop(); // lets running jobs finish
    await sealer.stop(); // seals the last events and writes a checkpoint
    await db.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lines = [
    '',
    `Needlepoint is running at http://localhost:${port}`,
    `  database: ${embedded ? `embedded PostgreSQL in ${resolve(config.dataDir)}` : 'DATABASE_URL'}` +
      (applied.length ? ` (applied ${applied.join(', ')})` : ''),
    `  API docs: http://localhost:${port}/api/docs`,
    `  photos: ${config.photoStore.kind === 'folder' ? resolve(config.photoStore.dir) : `S3 bucket ${config.photoStore.bucket}`}` +
      (movedPhotos.moved ? ` (moved ${movedPhotos.moved} from the database)` : '') +
      (movedPhotos.mismatched.length
        ? ` (${movedPhotos.mismatched.length} left in the database: bytes do not match their checksum)`
        : ''),
  ];
  const status = await setupStatus(db);
  if (status.needed) {
    lines.push(
      `  No clinic yet: open ${config.publicUrl.replace(/\/$/, '')}/setup to create yours,`,
      '  or run `npx needlepoint setup` (see `npx needlepoint help`).',
    );
  } else if (status.demo) {
    // Trial data only: these sign-ins are public, printed for anyone trying the app on their own machine.
    lines.push(
      seeded
        ? '  DEMO clinic loaded (trial data, public sign-ins):'
        : '  DEMO clinic (trial data, public sign-ins):',
    );
    for (const login of demoLogins)
      lines.push(`    ${login.role.padEnd(11)} ${login.email.padEnd(34)} ${login.password}`);
    lines.push('  (the owner sets up two-factor sign-in on first sign-in)');
  }
  console.log(lines.join('\n'));
}
