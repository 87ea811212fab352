import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ImportReport } from '@needlepoint/core/contracts/imports';
import { openDatabase } from '../main';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { listClinics } from '../modules/clinic/clinic.service';
import { importFhir } from '../modules/imports/fhir-import.service';
import { listImportFiles, readImportFile, type SourceItem } from '../modules/imports/import-sources';
import { scalarText } from '@needlepoint/core/text/scalar-text';

export interface ImportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  progress: (s: string) => void;
  isTty: boolean;
  env: NodeJS.ProcessEnv;
}

function bar(fraction: number, done: number): string {
  const width = 30;
  const filled = Math.round(Math.min(1, fraction) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done} resources`;
}

export function formatReport(report: ImportReport): string {
  const lines = [
    `Patients: ${report.patients.created} created, ${report.patients.updated} updated, ${report.patients.unchanged} unchanged`,
  ];
  for (const [type, c] of Object.entries(report.resources))
    lines.push(`${type}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  const skipped = Object.entries(report.skipped);
  if (skipped.length)
    lines.push(`Not kept (other types): ${skipped.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  lines.push(`Rejected: ${report.rejectedCount}`);
  for (const r of report.rejected.slice(0, 50))
    lines.push(`  ${r.source}${r.line ? `:${r.line}` : ''}  ${r.reason}`);
  if (report.rejectedCount > 50)
    lines.push(
      `  ... and ${report.rejectedCount - 50} more (--format json lists the first ${report.rejected.length})`,
    );
  return lines.join('\n');
}

/** `needlepoint import <file-or-folder> [--format json|text] [--clinic <id>]`: exit 0 when the import ran, 2 when nothing could be read. */
export async function runImport(args: string[], io: ImportIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, clinic: { type: 'string' } },
    });
  } catch (error) {
    io.stderr(`needlepoint import: ${error instanceof Error ? error.message : 'bad arguments'}`);
    return 2;
  }
  const [path, ...extra] = parsed.positionals;
  const format = parsed.values.format;
  if (!path || extra.length > 0 || (format !== 'json' && format !== 'text')) {
    io.stderr('usage: needlepoint import <file-or-folder> [--format json|text] [--clinic <id>]');
    return 2;
  }
  const exists = await stat(path).catch(() => null);
  if (!exists) {
    io.stderr(`needlepoint import: ${path}: no such file or folder`);
    return 2;
  }
  const files = await listImportFiles(path);
  if (files.length === 0) {
    io.stderr(`needlepoint import: ${path}: no .json or .ndjson files to import`);
    return 2;
  }
  const config = loadConfig(io.env);
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (error) {
    const why =
      error instanceof Error && error.message ? error.message : scalarText(error, 'no reason given');
    io.stderr(
      `needlepoint import: cannot open the database in ${config.dataDir} (${why.split('\n')[0]}); set DATABASE_URL to the app's database, or stop the app and run the import again`,
    );
    return 2;
  }
  const { db, embedded } = opened;
  try {
    const clinics = await listClinics(db.pool);
    const clinic = parsed.values.clinic
      ? clinics.find((c) => c.id === parsed.values.clinic)
      : clinics.length === 1
        ? clinics[0]
        : undefined;
    if (!clinic) {
      io.stderr(
        clinics.length === 0
          ? 'needlepoint import: the database has no clinic yet; start the app once first'
          : `needlepoint import: choose a clinic with --clinic <id>: ${clinics.map((c) => `${c.id} (${c.name})`).join(', ')}`,
      );
      return 2;
    }
    const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0) || 1;
    let readBytes = 0;
    let lastShown = -1;
    const show = (done: number) => {
      const fraction = readBytes / totalBytes;
      const step = Math.floor(fraction * 10);
      if (io.isTty) io.progress(`\r${bar(fraction, done)}`);
      else if (step !== lastShown) io.progress(`${bar(fraction, done)}\n`);
      lastShown = step;
    };
    let unreadable = 0;
    async function* items(): AsyncGenerator<SourceItem> {
      for (const file of files) {
        let yielded = 0;
        let failed = false;
        for await (const item of readImportFile(file, (n) => (readBytes += n))) {
          yielded += 1;
          if ('error' in item && yielded === 1 && !item.line) failed = true;
          yield item;
        }
        if (failed && yielded === 1) unreadable += 1;
      }
    }
    const report = await importFhir(
      db,
      {
        userId: null,
        clinicId: clinic.id,
        role: null,
        ip: null,
        requestId: 'cli-import',
        clock: systemClock,
      },
      items(),
      { onProgress: show },
    );
    readBytes = totalBytes;
    show(Object.values(report.resources).reduce((s, c) => s + c.created + c.updated + c.unchanged, 0));
    if (io.isTty) io.progress('\n');
    if (unreadable === files.length) {
      io.stderr(
        `needlepoint import: nothing could be read: ${report.rejected.map((r) => `${r.source}: ${r.reason}`).join('; ')}`,
      );
      return 2;
    }
    io.stdout(format === 'json' ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
