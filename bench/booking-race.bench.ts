import { buildApp } from '../server/src/app';
import { systemClock } from '../server/src/platform/clock';
import { migrateJobs } from '../server/src/platform/jobs';
import { makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';

const attemptsPerSlot = Number(process.env.BENCH_RACE_ATTEMPTS ?? 20);
const slotCount = Number(process.env.BENCH_RACE_SLOTS ?? 10);

/**
 * Concurrent booking attempts through the whole HTTP stack: `attemptsPerSlot` patients try each of `slotCount` slots at
 * once. The figures: successes (one per slot expected), refusals, and double bookings found afterwards (must be 0).
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const app = await buildApp({ db, clock: systemClock, webDist: null, signInAttemptsPerMinute: 10_000 });
  try {
    await migrateJobs(db.pool);
    const clinic = await makeClinic(db, { timeZone: 'Europe/London' });
    const provider = await makeUser(db, clinic.id, 'provider');
    const frontDesk = await signInCookie(app, await makeUser(db, clinic.id, 'front-desk'));
    const all = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
      (weekday) => ({ weekday, start: '00:00', end: '23:59' }),
    );
    await app.inject({
      method: 'PUT',
      url: `/api/providers/${provider.id}/working-hours`,
      headers: { cookie: frontDesk },
      payload: { rules: all },
    });
    const patients = await Promise.all(
      Array.from({ length: attemptsPerSlot * slotCount }, () => makePatient(db, clinic.id)),
    );
    const base = Date.now() + 3 * 86_400_000;
    const startOf = (i: number) => new Date(base - (base % 3_600_000) + i * 3_600_000).toISOString();
    const started = performance.now();
    const responses = await Promise.all(
      patients.map((p, i) =>
        app.inject({
          method: 'POST',
          url: '/api/bookings',
          headers: { cookie: frontDesk },
          payload: {
            patientId: p.id,
            serviceTypeId: 'consultation',
            start: startOf(i % slotCount),
            providerId: provider.id,
          },
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const codes = new Map<string, number>();
    for (const r of responses) {
      const key = r.statusCode === 201 ? 'booked' : (r.json() as { error: { code: string } }).error.code;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    const doubles = await db.query(
      `SELECT 1 FROM appointments a JOIN appointments b ON a.id < b.id AND a.provider_id = b.provider_id
        AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at) WHERE a.status = 'booked' AND b.status = 'booked'`,
    );
    return {
      name: 'booking-race',
      metrics: {
        slots: slotCount,
        attempts: responses.length,
        successes: codes.get('booked') ?? 0,
        refused_slot_taken: codes.get('BOOKING_SLOT_TAKEN') ?? 0,
        refused_conflict: codes.get('SCHEDULE_CONFLICT') ?? 0,
        other_errors:
          responses.length -
          [...codes.entries()]
            .filter(([k]) => ['booked', 'BOOKING_SLOT_TAKEN', 'SCHEDULE_CONFLICT'].includes(k))
            .reduce((s, [, n]) => s + n, 0),
        double_bookings: doubles.rowCount ?? 0,
        seconds: Number(seconds.toFixed(2)),
        attempts_per_s: Math.round(responses.length / seconds),
      },
      notes:
        'All attempts are sent at once through app.inject (the full route, validation, transaction and constraint path).',
    };
  } finally {
    await app.close();
    await database.dispose();
  }
}
