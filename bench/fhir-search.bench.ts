import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/src/app';
import { systemClock } from '../server/src/platform/clock';
import { makeClinic, makeUser } from '../server/src/testing/factories';
import { clientBearer, registerTestClient } from '../server/src/testing/fhir-clients';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';
import { generatePatients } from './support/fhir-data';
import { httpGetter } from './support/http';

const patients = Number(process.env.BENCH_SEARCH_PATIENTS ?? 100_000);
const requests = Number(process.env.BENCH_SEARCH_REQUESTS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * FHIR Patient search over HTTP on a clinic of 100k patients, as a SMART backend system (bearer token, scope
 * check, search, audit event per request): p50/p95 per kind of query, one request at a time.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const app = await buildApp({ db, clock: systemClock, webDist: null, publicUrl: 'https://clinic.test' });
  try {
    const clinic = await makeClinic(db);
    const t0 = performance.now();
    await generatePatients(db, clinic.id, patients, 0);
    const generateSeconds = (performance.now() - t0) / 1000;
    const owner = await signInCookie(app, await makeUser(db, clinic.id, 'owner'));
    const client = await registerTestClient(app, owner, ['system/*.rs']);
    const bearer = await clientBearer(app, client, 'system/Patient.rs');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const get = httpGetter(
      `http://127.0.0.1:${port}`,
      { authorization: bearer, accept: 'application/fhir+json' },
      4,
    );
    // A cursor deep into the clinic, for "next page" requests.
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM patients WHERE clinic_id = $1 ORDER BY id OFFSET $2 LIMIT 1',
      [clinic.id, Math.floor(patients / 2)],
    );
    const cursor = rows[0]!.id;
    const queries: Record<string, (i: number) => string> = {
      name_prefix: (i) => `/fhir/R4/Patient?name=${['Smi', 'Jon', 'Gar', 'Ngu', 'Oka'][i % 5]}&_count=50`,
      family_exact: (i) => `/fhir/R4/Patient?name:exact=Smith${i % 997}`,
      birthdate: (i) =>
        `/fhir/R4/Patient?birthdate=${new Date(Date.UTC(1960, 0, 1 + (i % 9000))).toISOString().slice(0, 10)}`,
      identifier: (i) => `/fhir/R4/Patient?identifier=urn:bench:mrn|MRN-${1 + ((i * 7919) % patients)}`,
      next_page: () => `/fhir/R4/Patient?_count=50&_cursor=${cursor}`,
      last_updated: () => `/fhir/R4/Patient?_lastUpdated=ge2000-01-01&_count=50`,
    };
    const metrics: Record<string, number | string> = {
      patients,
      generate_s: Number(generateSeconds.toFixed(1)),
      requests_per_query: requests,
    };
    for (const [name, url] of Object.entries(queries)) {
      for (let i = 0; i < 10; i++) await get(url(i)); // warm-up
      const latencies: number[] = [];
      for (let i = 0; i < requests; i++) {
        const start = performance.now();
        await get(url(i));
        latencies.push(performance.now() - start);
      }
      latencies.sort((a, b) => a - b);
      metrics[`${name}_p50_ms`] = Number(percentile(latencies, 50).toFixed(1));
      metrics[`${name}_p95_ms`] = Number(percentile(latencies, 95).toFixed(1));
    }
    return {
      name: 'fhir-search',
      metrics,
      notes:
        'Whole stack over loopback HTTP, sequential requests; first pages count a total (counted up to 1,000, else left out).',
    };
  } finally {
    await app.close();
    await database.dispose();
  }
}
