import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { servedTypes } from '@needlepoint/core/fhir/fhir-search';
import { insertExport, findExport } from '../server/src/modules/fhir-api/fhir-export.repo';
import { runExport } from '../server/src/modules/fhir-api/fhir-export.service';
import { makeClinic, makeUser } from '../server/src/testing/factories';
import { benchDatabase } from './support/database';
import { generatePatients } from './support/fhir-data';
import { systemClock } from '../server/src/platform/clock';

const patients = Number(process.env.BENCH_EXPORT_PATIENTS ?? 10_000);
const entriesPerKind = Number(process.env.BENCH_EXPORT_ENTRIES ?? 2);

/**
 * Bulk Data $export of a clinic (the job itself: cursor -> FHIR mapping -> NDJSON files): MB/s and peak RSS,
 * against a baseline that streams the same rows through the same cursor and writes them as raw JSON.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const dir = await mkdtemp(join(tmpdir(), 'needlepoint-export-bench-'));
  try {
    const clinic = await makeClinic(db);
    const t0 = performance.now();
    await generatePatients(db, clinic.id, patients, entriesPerKind);
    const generateSeconds = (performance.now() - t0) / 1000;

    // Baseline: the same rows, no FHIR mapping.
    const client = await db.pool.connect();
    const baseStart = performance.now();
    let baseBytes = 0;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const table of ['patients', 'patient_entries']) {
        const out = createWriteStream(join(dir, `baseline-${table}.ndjson`));
        await client.query(`DECLARE c NO SCROLL CURSOR FOR SELECT * FROM ${table} WHERE clinic_id = $1`, [
          clinic.id,
        ]);
        for (;;) {
          const { rows } = await client.query('FETCH 1000 FROM c');
          if (rows.length === 0) break;
          const chunk = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
          baseBytes += Buffer.byteLength(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
        }
        await client.query('CLOSE c');
        await new Promise<void>((resolve) => out.end(resolve));
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const baseSeconds = (performance.now() - baseStart) / 1000;

    const owner = await makeUser(db, clinic.id, 'owner');
    const row = await insertExport(db.pool, {
      clinicId: clinic.id,
      userId: owner.id,
      clientId: null,
      level: 'system',
      types: [...servedTypes],
      since: null,
      requestUrl: 'bench',
      now: new Date(),
    });
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const start = performance.now();
    await runExport({ db, exportDir: dir, clock: systemClock }, { exportId: row.id, clinicId: clinic.id });
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const done = await findExport(db.pool, clinic.id, row.id);
    if (done?.status !== 'completed') throw new Error(`export ended ${done?.status}: ${done?.error}`);
    let bytes = 0;
    for (const f of done.output) bytes += (await stat(join(dir, clinic.id, row.id, f.file))).size;
    const resources = done.output.reduce((n, f) => n + f.count, 0);
    const mbPerSecond = bytes / 1024 / 1024 / seconds;
    const baseMbPerSecond = baseBytes / 1024 / 1024 / baseSeconds;
    return {
      name: 'fhir-export',
      metrics: {
        patients,
        resources,
        generate_s: Number(generateSeconds.toFixed(1)),
        export_s: Number(seconds.toFixed(2)),
        output_mb: Number((bytes / 1024 / 1024).toFixed(1)),
        export_mb_per_s: Number(mbPerSecond.toFixed(1)),
        resources_per_s: Math.round(resources / seconds),
        baseline_mb_per_s: Number(baseMbPerSecond.toFixed(1)),
        ratio_to_baseline: Number((mbPerSecond / baseMbPerSecond).toFixed(2)),
        rss_base_mb: Math.round(baseRss / 1024 / 1024),
        rss_peak_mb: Math.round(peakRss / 1024 / 1024),
        rss_under_300mb: peakRss < 300 * 1024 * 1024 ? 'yes' : 'NO',
      },
      notes:
        'Job only (cursor, FHIR mapping, NDJSON); baseline streams the same rows as raw JSON through the same cursor.',
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await database.dispose();
  }
}
