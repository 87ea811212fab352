import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFhir } from '../server/src/modules/imports/fhir-import.service';
import {
  listImportFiles,
  readImportFile,
  type SourceItem,
} from '../server/src/modules/imports/import-sources';
import { makeClinic } from '../server/src/testing/factories';
import { benchDatabase } from './support/database';
import { systemClock } from '../server/src/platform/clock';

const targetMb = Number(process.env.BENCH_IMPORT_MB ?? 100);
const fixtures = fileURLToPath(new URL('../fixtures/fhir/synthea-bundles/', import.meta.url));

/** Copies of the Synthea bundles with fresh ids (new patients each copy) until the folder reaches the target size. */
async function makeFolder(dir: string): Promise<{ files: number; bytes: number }> {
  const originals = await Promise.all(
    (await readdir(fixtures))
      .filter((f) => f.endsWith('.json'))
      .map(async (f) => readFile(join(fixtures, f), 'utf8')),
  );
  let bytes = 0;
  let files = 0;
  while (bytes < targetMb * 1024 * 1024) {
    for (const text of originals) {
      // Every uuid changes consistently (references still resolve) and the patient's identifiers and name get the
      // copy number, so each copy is a new patient.
      const suffix = files.toString(16).padStart(12, '0');
      const bundle = JSON.parse(
        text.replace(/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{12}/g, `$1${suffix}`),
      );
      for (const entry of bundle.entry) {
        if (entry.resource.resourceType !== 'Patient') continue;
        for (const identifier of entry.resource.identifier ?? [])
          identifier.value = `${identifier.value}-${files}`;
        entry.resource.name[0].family = `${entry.resource.name[0].family}${files}`;
      }
      const copy = JSON.stringify(bundle);
      await writeFile(join(dir, `bundle-${files}.json`), copy);
      bytes += Buffer.byteLength(copy);
      files += 1;
    }
  }
  return { files, bytes };
}

/**
 * The baseline: the same files read by the same streaming reader and bulk-inserted as jsonb (500 a statement),
 * with no validation, mapping, matching or audit. The import's throughput is reported as a ratio to it.
 */
async function baselineSeconds(
  db: Awaited<ReturnType<typeof benchDatabase>>['db'],
  items: AsyncGenerator<SourceItem>,
): Promise<number> {
  await db.query('CREATE TABLE bench_raw_resources (id bigserial PRIMARY KEY, resource jsonb NOT NULL)');
  const started = performance.now();
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.query('INSERT INTO bench_raw_resources (resource) SELECT unnest($1::jsonb[])', [batch]);
    batch = [];
  };
  for await (const item of items) {
    if (!('resource' in item)) continue;
    batch.push(JSON.stringify(item.resource));
    if (batch.length >= 500) await flush();
  }
  await flush();
  return (performance.now() - started) / 1000;
}

/** FHIR import of a folder of transaction Bundles: bundles/s, resources/s and peak memory (RSS). */
export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'needlepoint-import-bench-'));
  const database = await benchDatabase();
  try {
    const folder = await makeFolder(dir);
    const clinic = await makeClinic(database.db);
    const files = await listImportFiles(dir);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    async function* items(): AsyncGenerator<SourceItem> {
      for (const file of files) yield* readImportFile(file, () => undefined);
    }
    const started = performance.now();
    const report = await importFhir(
      database.db,
      { userId: null, clinicId: clinic.id, role: null, ip: null, requestId: 'bench', clock: systemClock },
      items(),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const resources = Object.values(report.resources).reduce(
      (s, c) => s + c.created + c.updated + c.unchanged,
      0,
    );
    const skipped = Object.values(report.skipped).reduce((s, n) => s + n, 0);
    const baseline = await baselineSeconds(database.db, items());
    return {
      name: 'import',
      metrics: {
        folder_mb: Number((folder.bytes / 1024 / 1024).toFixed(1)),
        bundles: folder.files,
        seconds: Number(seconds.toFixed(1)),
        bundles_per_s: Number((folder.files / seconds).toFixed(1)),
        mb_per_s: Number((folder.bytes / 1024 / 1024 / seconds).toFixed(2)),
        resources_stored_per_s: Math.round(resources / seconds),
        resources_read_per_s: Math.round((resources + skipped + report.patients.created) / seconds),
        patients_created: report.patients.created,
        rejected: report.rejected.length,
        peak_rss_mb: Math.round(peakRss / 1024 / 1024),
        rss_growth_mb: Math.round((peakRss - baseRss) / 1024 / 1024),
        baseline_seconds: Number(baseline.toFixed(1)),
        throughput_vs_baseline: Number((baseline / seconds).toFixed(2)),
      },
      notes: `BENCH_IMPORT_MB=${targetMb}. Peak RSS is the whole process (server code + Medplum definitions + the import).`,
    };
  } finally {
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
