import { buildApp } from '../server/src/app';
import { hashToken } from '../server/src/platform/session';
import { recordAudit } from '../server/src/platform/audit';
import { systemClock } from '../server/src/platform/clock';
import { findPatient, listEntries } from '../server/src/modules/patients/patients.repo';
import { makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';
import { httpGetter } from './support/http';
import { closedLoop, fixedRate } from './support/load';

const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

/**
 * Authenticated GET of one patient record through the whole stack (HTTP, session, access check, validation,
 * transaction with audit event, serialisation), against a baseline running the same SQL on a bare pg pool.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const app = await buildApp({ db, clock: systemClock, webDist: null, signInAttemptsPerMinute: 1000 });
  try {
    const clinic = await makeClinic(db);
    const patient = await makePatient(db, clinic.id);
    for (let i = 0; i < 5; i++) {
      await db.query(
        `INSERT INTO patient_entries (clinic_id, patient_id, kind, display, status) VALUES ($1, $2, 'medication', $3, 'active')`,
        [clinic.id, patient.id, `medication ${i}`],
      );
    }
    const user = await makeUser(db, clinic.id, 'provider');
    const cookie = await signInCookie(app, user);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const get = httpGetter(`http://127.0.0.1:${port}`, { cookie });
    const fullStack = () => get(`/api/patients/${patient.id}`);

    const tokenHash = hashToken(cookie.split('=')[1]!);
    const actor = {
      userId: user.id,
      clinicId: clinic.id,
      role: 'provider',
      ip: '127.0.0.1',
      requestId: 'bench',
      clock: systemClock,
    };
    const baseline = async () => {
      await db.query(
        `SELECT s.user_id, s.clinic_id, c.name AS clinic_name, u.email, u.name, u.role, u.patient_id, u.totp_enabled,
                s.last_seen_at, c.session_timeout_minutes
           FROM sessions s JOIN users u ON u.id = s.user_id JOIN clinics c ON c.id = s.clinic_id
          WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
        [tokenHash, new Date()],
      );
      await db.transaction(async (client) => {
        const row = await findPatient(client, clinic.id, patient.id);
        if (!row) throw new Error('patient missing');
        await listEntries(client, clinic.id, patient.id);
        await recordAudit(client, actor, {
          action: 'patient.viewed',
          entityType: 'patient',
          entityId: patient.id,
          patientId: patient.id,
        });
      });
    };

    await closedLoop(8, 1, fullStack); // warm-up
    await closedLoop(8, 1, baseline);
    const stackFixed = await fixedRate(rate, seconds, fullStack);
    const baseFixed = await fixedRate(rate, seconds, baseline);
    const stackMax = await closedLoop(32, 5, fullStack);
    const baseMax = await closedLoop(32, 5, baseline);
    return {
      name: 'patient-read',
      metrics: {
        rate_per_s: rate,
        seconds,
        full_p50_ms: stackFixed.p50Ms,
        full_p99_ms: stackFixed.p99Ms,
        full_errors: stackFixed.errors,
        baseline_p50_ms: baseFixed.p50Ms,
        baseline_p99_ms: baseFixed.p99Ms,
        p50_ratio: Number((stackFixed.p50Ms / baseFixed.p50Ms).toFixed(2)),
        p99_ratio: Number((stackFixed.p99Ms / baseFixed.p99Ms).toFixed(2)),
        full_max_rps_c32: stackMax.throughputPerSecond,
        full_max_p99_ms: stackMax.p99Ms,
        baseline_max_rps_c32: baseMax.throughputPerSecond,
        throughput_ratio: Number((stackMax.throughputPerSecond / baseMax.throughputPerSecond).toFixed(2)),
      },
      notes:
        'Load generator, server and PostgreSQL share the same 2 cores. Each read appends one audit event in its ' +
        'transaction (both columns); no sealer runs here, see audited-read for reads with the sealer running.',
    };
  } finally {
    await app.close();
    await database.dispose();
  }
}
