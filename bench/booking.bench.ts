import { buildApp } from '../server/src/app';
import { book } from '../server/src/modules/scheduling/book';
import { fixedClock } from '../server/src/platform/clock';
import { migrateJobs } from '../server/src/platform/jobs';
import { signedConsent } from '../server/src/testing/consents';
import { answeredNo, makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';
import { countQueries } from './support/query-counter';

const sessions = Number(process.env.BENCH_BOOKING_SESSIONS ?? 20);

/**
 * Database round trips of booking a plan session (screening afresh, placement, the plan's rules, the insert, the
 * plan's activation, jobs, messages, audit): counted through the pool for the use case alone and for the whole
 * `POST /api/bookings` request (session check included), over `sessions` patients each with a draft plan.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const clock = fixedClock(new Date(Date.now() - (Date.now() % 3_600_000)));
  const app = await buildApp({ db, clock, webDist: null, signInAttemptsPerMinute: 10_000 });
  try {
    await migrateJobs(db.pool);
    const clinic = await makeClinic(db, { timeZone: 'Europe/London' });
    const provider = await makeUser(db, clinic.id, 'provider');
    const cookie = await signInCookie(app, provider, clock.now());
    const owner = await signInCookie(app, await makeUser(db, clinic.id, 'owner'), clock.now());
    const call = (who: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object) =>
      app.inject({ method, url, headers: { cookie: who }, payload });
    const room = (await call(owner, 'POST', '/api/rooms', { name: 'Room 1' })).json<{ id: string }>();
    await call(owner, 'POST', '/api/devices', { name: 'Pen A', roomId: room.id });
    const all = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
      (weekday) => ({ weekday, start: '00:00', end: '23:59' }),
    );
    await call(cookie, 'PUT', `/api/providers/${provider.id}/working-hours`, { rules: all });
    const ready = [];
    for (let i = 0; i < sessions; i++) {
      const p = await makePatient(db, clinic.id);
      await signedConsent(db, clinic.id, p.id, provider.id);
      await call(cookie, 'PATCH', `/api/patients/${p.id}`, {
        expectedVersion: 1,
        sex: 'male',
        answers: answeredNo,
        listsReviewed: { conditions: '2026-01-01', medications: '2026-01-01', allergies: '2026-01-01' },
      });
      const plan = (
        await call(cookie, 'POST', '/api/plans', { patientId: p.id, templateId: 'acne-scars' })
      ).json<{ id: string }>();
      ready.push({ patientId: p.id, planId: plan.id });
    }
    const counter = countQueries(db.pool);
    const day = clock.now().getTime() - (clock.now().getTime() % 86_400_000);
    // Six sessions a day, two hours apart from 08:00 UTC, from the day after tomorrow.
    const startOf = (i: number) =>
      new Date(day + (2 + Math.floor(i / 6)) * 86_400_000 + (8 + 2 * (i % 6)) * 3_600_000).toISOString();
    const actor = {
      userId: provider.id,
      clinicId: clinic.id,
      role: 'provider',
      ip: null,
      requestId: null,
      clock,
    };
    const useCase: number[] = [];
    const request: number[] = [];
    const started = performance.now();
    for (const [i, r] of ready.entries()) {
      const payload = { ...r, serviceTypeId: 'microneedling', start: startOf(i) };
      counter.reset();
      if (i % 2 === 0) {
        await book({ db, clock }, actor, payload);
        useCase.push(counter.count());
        if (process.env.BENCH_SQL && i === 2)
          console.log(
            counter
              .sql()
              .map((s) => s.replace(/\s+/g, ' ').slice(0, 150))
              .join('\n'),
          );
      } else {
        const response = await call(cookie, 'POST', '/api/bookings', payload);
        if (response.statusCode !== 201) throw new Error(`booking refused: ${response.body}`);
        request.push(counter.count());
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const max = (xs: number[]) => Math.max(...xs);
    return {
      name: 'booking',
      metrics: {
        bookings: ready.length,
        round_trips_use_case: max(useCase),
        round_trips_request: max(request),
        ms_per_booking: Number(((seconds * 1000) / ready.length).toFixed(1)),
      },
      notes:
        'Round trips are the most any one booking took, counted on the pool (BEGIN/COMMIT included); a plan session on a draft plan of a consented patient. BENCH_SQL=1 prints one booking’s statements.',
    };
  } finally {
    await app.close();
    await database.dispose();
  }
}
