import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { buildApp } from '../server/src/app';
import { createFolderBlobStore } from '../server/src/platform/blob-store/blob-store';
import { systemClock } from '../server/src/platform/clock';
import { makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { makePng } from '../server/src/testing/images';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';

const sequential = Number(process.env.BENCH_PHOTO_UPLOADS ?? 12);
const concurrent = Number(process.env.BENCH_PHOTO_CONCURRENT ?? 20);

/** A 12-megapixel camera-like JPEG (4000x3000, gradient and grain so it compresses like a photo). */
async function twelveMegapixelJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 24;
      const i = (y * width + x) * 3;
      raw[i] = (150 + ((x * 60) / width + grain)) | 0;
      raw[i + 1] = (110 + ((y * 50) / height + grain)) | 0;
      raw[i + 2] = 100 + grain;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function percentile(sorted: number[], q: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1));
}

/** Samples the process's resident memory every 10 ms until stopped; returns the peak in MB. */
function rssWatch() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/**
 * A 12-megapixel JPEG uploaded by a provider as a clinical photo, through a listening server (real socket, streamed
 * body): received to a temporary file, decoded, re-encoded without EXIF, thumbnailed, stored in the folder blob
 * store with its row. One at a time for the p50, then 20 at once for peak memory.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const storeDir = await mkdtemp(join(tmpdir(), 'needlepoint-bench-photos-'));
  const app = await buildApp({
    db,
    clock: systemClock,
    webDist: null,
    signInAttemptsPerMinute: 1000,
    photoStore: createFolderBlobStore(storeDir),
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const clinicId = (await makeClinic(db)).id;
    const provider = await signInCookie(app, await makeUser(db, clinicId, 'provider'));
    const consentingPatient = async () => {
      const patientId = (await makePatient(db, clinicId)).id;
      const portal = await signInCookie(app, await makeUser(db, clinicId, 'patient', { patientId }));
      const consents = (
        await app.inject({ method: 'GET', url: '/api/portal/consents', headers: { cookie: portal } })
      ).json().consents as { kind: string; document: { id: string } }[];
      const doc = consents.find((c) => c.kind === 'photo-clinical')!.document;
      const signed = await app.inject({
        method: 'POST',
        url: `/api/portal/consents/${doc.id}/sign`,
        headers: { cookie: portal },
        payload: {
          typedName: 'Pat Bench',
          signature: `data:image/png;base64,${makePng(120, 40).toString('base64')}`,
        },
      });
      if (signed.statusCode !== 201) throw new Error(`consent ${signed.statusCode} ${signed.body}`);
      return patientId;
    };
    const jpeg = await twelveMegapixelJpeg();
    const upload = async (patientId: string) => {
      const response = await fetch(
        `${base}/api/patients/${patientId}/clinical-photos?area=face&view=face-front`,
        {
          method: 'POST',
          headers: { cookie: provider, 'content-type': 'image/jpeg' },
          body: jpeg,
        },
      );
      if (response.status !== 201) throw new Error(`upload ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };

    const first = await consentingPatient();
    await upload(first); // warm-up: sharp and the route loaded
    const baselineRss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const watchOne = rssWatch();
    const ms: number[] = [];
    for (let i = 0; i < sequential; i++) {
      const start = performance.now();
      await upload(first);
      ms.push(performance.now() - start);
    }
    const peakOne = watchOne.stop();
    ms.sort((a, b) => a - b);

    const patients = await Promise.all([1, 2].map(() => consentingPatient()));
    const watchMany = rssWatch();
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrent }, (_, i) => upload(patients[i % patients.length]!)));
    const concurrentSeconds = (performance.now() - started) / 1000;
    const peakMany = watchMany.stop();

    return {
      name: 'photo-upload',
      metrics: {
        jpeg_megapixels: 12,
        jpeg_mb: Number((jpeg.length / 1024 / 1024).toFixed(1)),
        sequential_uploads: sequential,
        upload_p50_ms: percentile(ms, 0.5),
        upload_p95_ms: percentile(ms, 0.95),
        rss_before_mb: baselineRss,
        rss_peak_one_at_a_time_mb: peakOne,
        concurrent_uploads: concurrent,
        concurrent_total_s: Number(concurrentSeconds.toFixed(1)),
        concurrent_photos_per_s: Number((concurrent / concurrentSeconds).toFixed(2)),
        rss_peak_concurrent_mb: peakMany,
      },
      notes:
        'Server and client in one process (RSS includes the client’s one shared 12 MP buffer); decoding is ' +
        'limited to a few photos at a time, so 20 uploads at once queue instead of holding 20 decoded images.',
    };
  } finally {
    await app.close();
    await database.dispose();
    await rm(storeDir, { recursive: true, force: true });
  }
}
