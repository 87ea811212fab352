import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { buildApp } from '../server/src/app';
import { systemClock } from '../server/src/platform/clock';
import { findPatient } from '../server/src/modules/patients/patients.repo';
import { makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';
import { httpGetter } from './support/http';
import { countQueries } from './support/query-counter';
import { closedLoop, fixedRate } from './support/load';

const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const goalP99Ms = 10;
const goalThroughputRatio = 0.6;

/** The most requests a second of each of `fires`: closed loops of 32 callers, one second each in turn, `turns` times. */
async function alternating(turns: number, fires: (() => Promise<void>)[]): Promise<number[]> {
  const requests = fires.map(() => 0);
  const seconds = fires.map(() => 0);
  for (let turn = 0; turn < turns; turn++) {
    for (const [i, fire] of fires.entries()) {
      const run = await closedLoop(32, 1, fire);
      requests[i]! += run.requests;
      seconds[i]! += run.seconds;
    }
  }
  return requests.map((n, i) => Math.round(n / seconds[i]!));
}

/**
 * "Audited patient reads at 500 req/s": authenticated GETs of one patient record through the whole stack, each
 * appending its audit event, with the sealer chaining them in the background every second (as the app runs).
 * The app runs in a child process as in production. Baseline: a bare pg pool running the same SELECT plus one plain INSERT. Goals: p99 <= 10 ms at 500 req/s,
 * and the most reads a second at least 60% of the baseline's.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  // Only to sign in (the session lives in the database); the app under load runs in its own process.
  const signer = await buildApp({ db, clock: systemClock, webDist: null, signInAttemptsPerMinute: 1000 });
  const server = spawn(
    process.execPath,
    ['server/bin/tsx.mjs', 'bench/support/audited-app.ts', database.url],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const bare = new pg.Pool({ connectionString: database.url, max: 10 });
  bare.on('error', () => undefined); // idle connections closed when the database stops
  try {
    const clinic = await makeClinic(db);
    const patient = await makePatient(db, clinic.id);
    const cookie = await signInCookie(signer, await makeUser(db, clinic.id, 'provider'));
    const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
    const { port } = JSON.parse(String((await lines.next()).value)) as { port: number };
    const get = httpGetter(`http://127.0.0.1:${port}`, { cookie });
    const audited = () => get(`/api/patients/${patient.id}`);

    await bare.query(`CREATE TABLE bench_plain_inserts (id bigserial PRIMARY KEY, clinic_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL, action text NOT NULL, patient_id uuid, details jsonb NOT NULL)`);
    const baseline = async () => {
      if (!(await findPatient(bare, clinic.id, patient.id))) throw new Error('patient missing');
      await bare.query(
        `INSERT INTO bench_plain_inserts (clinic_id, occurred_at, action, patient_id, details)
         VALUES ($1, $2, 'patient.viewed', $3, '{}')`,
        [clinic.id, new Date().toISOString(), patient.id],
      );
    };

    // Round trips of one audited read (the session check included), counted through the same stack in process.
    const counter = countQueries(db.pool);
    await signer.inject({ url: `/api/patients/${patient.id}`, headers: { cookie } });
    counter.reset();
    const read = await signer.inject({ url: `/api/patients/${patient.id}`, headers: { cookie } });
    if (read.statusCode !== 200) throw new Error(`patient read answered ${read.statusCode}`);
    const roundTrips = counter.count();
    // The same for 32 reads that arrive together: their session reads and audit appends are batched.
    counter.reset();
    await Promise.all(
      Array.from({ length: 32 }, () =>
        signer.inject({ url: `/api/patients/${patient.id}`, headers: { cookie } }),
      ),
    );
    const roundTripsTogether = Number((counter.count() / 32).toFixed(2));

    await closedLoop(8, 1, audited); // warm-up
    await closedLoop(8, 1, baseline);
    const fixed = await fixedRate(rate, seconds, audited);
    // The ceilings of both, in alternating one-second turns: other work on a shared machine weighs on both alike.
    const [maxRps, baseMaxRps] = await alternating(5, [audited, baseline]);
    // Sealing keeps up: events left unsealed when the load stops, and how long until none are.
    const unsealed = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL'))
        .rows[0]!.n;
    const left = await unsealed();
    const stopped = performance.now();
    while ((await unsealed()) > 0 && performance.now() - stopped < 30_000) {
      await new Promise((done) => setTimeout(done, 50));
    }
    const sealedWithinMs = Math.round(performance.now() - stopped);
    // For comparison: the app's ceiling for a signed-in request that reads no patient data (session check only).
    const signedIn = await closedLoop(32, 5, () => get('/api/auth/me'));
    const baseFixed = await fixedRate(rate, seconds, baseline);
    const ratio = Number((maxRps! / baseMaxRps!).toFixed(2));
    return {
      name: 'audited patient reads at 500 req/s',
      metrics: {
        rate_per_s: rate,
        seconds,
        round_trips_per_read: roundTrips,
        round_trips_per_read_32_together: roundTripsTogether,
        audited_p50_ms: fixed.p50Ms,
        audited_p99_ms: fixed.p99Ms,
        audited_errors: fixed.errors,
        p99_goal_ms: goalP99Ms,
        p99_goal_met: fixed.p99Ms <= goalP99Ms ? 'yes' : 'no',
        baseline_p50_ms: baseFixed.p50Ms,
        baseline_p99_ms: baseFixed.p99Ms,
        audited_max_rps_c32: maxRps!,
        session_only_max_rps_c32: signedIn.throughputPerSecond,
        baseline_max_rps_c32: baseMaxRps!,
        throughput_ratio: ratio,
        throughput_goal_ratio: goalThroughputRatio,
        throughput_goal_met: ratio >= goalThroughputRatio ? 'yes' : 'no',
        unsealed_when_load_stopped: left,
        all_sealed_after_ms: sealedWithinMs,
      },
      notes:
        'The app runs in its own process; it, the load generator and PostgreSQL share the same 2 cores. Each read appends its audit event in ' +
        'the statement that reads (reads that arrive together share one); the in-process sealer chains them every second off the request path.',
    };
  } finally {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
    await signer.close();
    await bare.end();
    await database.dispose();
  }
}
