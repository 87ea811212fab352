import { performance } from 'node:perf_hooks';
import { createPlanFromTemplate } from '../core/src/plans/plan';
import { planTemplates } from '../core/src/plans/templates';
import { buildApp } from '../server/src/app';
import { systemClock } from '../server/src/platform/clock';
import { patientsByLot } from '../server/src/modules/inventory/inventory.repo';
import { makeClinic, makeUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { benchDatabase } from './support/database';

const records = Number(process.env.BENCH_TREATMENT_RECORDS ?? 200_000);
const lots = Math.max(1, Math.round(records / 100));
const samples = Number(process.env.BENCH_SAMPLES ?? 200);

function p(sorted: number[], q: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2));
}

async function timed(n: number, work: (i: number) => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work(i);
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b);
}

/**
 * Lot lookup for a recall over `records` signed treatment records (about 100 patients per lot), and opening a
 * treatment record from a booked session (pre-fill from the plan and the last signed record, screening re-run),
 * both through the whole HTTP stack, one request at a time.
 */
export async function run() {
  const database = await benchDatabase();
  const { db } = database;
  const app = await buildApp({ db, clock: systemClock, webDist: null, signInAttemptsPerMinute: 1000 });
  try {
    const clinic = await makeClinic(db);
    const provider = await makeUser(db, clinic.id, 'provider');
    const owner = await makeUser(db, clinic.id, 'owner');
    const seedStart = performance.now();
    const patients = Math.max(1, Math.round(records / 10));
    await db.query(
      `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone)
       SELECT $1, 'Pat', 'Bench' || g, DATE '1980-01-01' + (g % 9000), 'female', 'p' || g || '@bench.test', '+1 555 ' || g
         FROM generate_series(1, $2) g`,
      [clinic.id, patients],
    );
    await db.query(
      `CREATE TEMP TABLE bench_patients AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM patients WHERE clinic_id = $1`,
      [clinic.id],
    );
    // One provider, one session an hour going back in time from 2026: no two overlap.
    await db.query(
      `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, procedure_starts_at, room_free_at, status)
       SELECT $1, bp.id, $2, 'microneedling', t, t + interval '45 minutes', t, t + interval '45 minutes', 'completed'
         FROM generate_series(1, $3) g
         JOIN bench_patients bp ON bp.n = 1 + (g % $4)
         CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01' - g * interval '1 hour' AS t) x`,
      [clinic.id, provider.id, records, patients],
    );
    const draft = JSON.stringify({
      checklist: { photosTaken: true, skinClean: true, preparationFollowed: true, preparationNote: '' },
      numbing: null,
      deviceId: null,
      handpieceSerial: 'HP-1',
      consumables: [],
      rf: null,
      zones: [
        {
          zone: 'cheeks',
          depthMm: 1.5,
          depthConfirmed: false,
          passes: 3,
          speed: '',
          technique: 'crosshatch',
          endpoint: 'pinpoint-bleeding',
          notes: '',
        },
      ],
      topicals: [],
      immediateReaction: '',
      pain: 3,
      aftercareGiven: true,
      aftercareNotes: '',
    });
    await db.query(
      `INSERT INTO treatment_records (clinic_id, appointment_id, patient_id, provider_id, status, version, draft, signed_at, signed_by)
       SELECT $1, a.id, a.patient_id, a.provider_id, 'signed', 2, $3::jsonb, a.ends_at, a.provider_id
         FROM appointments a WHERE a.clinic_id = $1 AND a.provider_id = $2`,
      [clinic.id, provider.id, draft],
    );
    await db.query(
      `INSERT INTO treatment_record_lots (clinic_id, record_id, patient_id, product_name, gtin, lot, expiry, quantity)
       SELECT $1, r.id, r.patient_id, 'Cartridge 36', '04006381333931', 'LOT-' || (abs(hashtext(r.id::text)) % $2), DATE '2030-01-01', 1
         FROM treatment_records r WHERE r.clinic_id = $1`,
      [clinic.id, lots],
    );
    await db.query('ANALYZE');
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const ownerCookie = await signInCookie(app, owner);
    const providerCookie = await signInCookie(app, provider);
    const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    // A running server: its code paths compiled by the first requests, on lots that are not measured.
    for (let i = 0; i < 50; i++) await get(`/api/recalls/lots?lot=LOT-${(i * 7919 + 3) % lots}`, ownerCookie);
    let found = 0;
    const lookup = await timed(samples, async (i) => {
      const r = await get(`/api/recalls/lots?lot=LOT-${(i * 7919) % lots}`, ownerCookie);
      if (r.statusCode !== 200) throw new Error(`lot lookup ${r.statusCode} ${r.body}`);
      found += (r.json() as { patients: unknown[] }).patients.length;
    });

    // The same lots again: their pages are now in PostgreSQL's buffers, as for a clinic whose data fits in memory.
    const lookupWarm = await timed(samples, async (i) => {
      const r = await get(`/api/recalls/lots?lot=LOT-${(i * 7919) % lots}`, ownerCookie);
      if (r.statusCode !== 200) throw new Error(`lot lookup ${r.statusCode}`);
    });
    // The query alone on other lots, never read before (as cold as the first pass).
    const lookupSql = await timed(samples, async (i) => {
      await patientsByLot(db.pool, clinic.id, `LOT-${(i * 7919 + 1) % lots}`, null);
    });
    const signedIn = await timed(samples, async () => {
      const r = await get('/api/auth/me', ownerCookie);
      if (r.statusCode !== 200) throw new Error(`me ${r.statusCode}`);
    });

    // Sessions to open: booked tomorrow onwards for patients with a plan and a signed record.
    const template = planTemplates.find((t) => t.id === 'acne-scars')!;
    const openable = await db.query<{ id: string; patient_id: string }>(
      `SELECT id, patient_id FROM (SELECT DISTINCT ON (patient_id) id, patient_id FROM appointments WHERE clinic_id = $1) x LIMIT $2`,
      [clinic.id, samples],
    );
    const appointmentIds: string[] = [];
    for (const [i, row] of openable.rows.entries()) {
      const plan = createPlanFromTemplate(template, {
        id: crypto.randomUUID(),
        patientId: row.patient_id,
        at: new Date().toISOString(),
      });
      plan.status = 'active';
      await db.query(
        `INSERT INTO treatment_plans (id, clinic_id, patient_id, status, plan) VALUES ($1, $2, $3, 'active', $4)`,
        [plan.id, clinic.id, row.patient_id, JSON.stringify(plan)],
      );
      const start = new Date(Date.UTC(2031, 0, 1) + i * 3_600_000);
      const a = await db.query<{ id: string }>(
        `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, procedure_starts_at, room_free_at, status, plan_id, session_number)
         VALUES ($1, $2, $3, 'microneedling', $4, $5, $4, $5, 'booked', $6, 2) RETURNING id`,
        [clinic.id, row.patient_id, provider.id, start, new Date(start.getTime() + 45 * 60_000), plan.id],
      );
      appointmentIds.push(a.rows[0]!.id);
    }
    const open = await timed(appointmentIds.length, async (i) => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/appointments/${appointmentIds[i]}/treatment-record`,
        headers: { cookie: providerCookie },
      });
      if (r.statusCode !== 200) throw new Error(`open ${r.statusCode} ${r.body}`);
    });
    const reopen = await timed(appointmentIds.length, async (i) => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/appointments/${appointmentIds[i]}/treatment-record`,
        headers: { cookie: providerCookie },
      });
      if (r.statusCode !== 200) throw new Error(`reopen ${r.statusCode}`);
    });
    return {
      name: 'treatment-record',
      metrics: {
        treatment_records: records,
        distinct_lots: lots,
        seed_seconds: Number(seedSeconds.toFixed(1)),
        lot_lookup_samples: samples,
        lot_lookup_patients_avg: Math.round(found / samples),
        lot_lookup_p50_ms: p(lookup, 0.5),
        lot_lookup_p95_ms: p(lookup, 0.95),
        lot_lookup_target_p95_ms: 20,
        lot_lookup_warm_p50_ms: p(lookupWarm, 0.5),
        lot_lookup_warm_p95_ms: p(lookupWarm, 0.95),
        lot_lookup_sql_only_p95_ms: p(lookupSql, 0.95),
        baseline_signed_in_get_p95_ms: p(signedIn, 0.95),
        open_new_samples: open.length,
        open_new_p50_ms: p(open, 0.5),
        open_new_p95_ms: p(open, 0.95),
        open_existing_p95_ms: p(reopen, 0.95),
        open_target_p95_ms: 50,
      },
      notes:
        'Through app.inject (whole stack but no socket), one request at a time, audit event written per request. ' +
        'Lot lookup: after 50 warm-up requests on other lots, a first pass on lots never read (their pages not in ' +
        'PostgreSQL buffers), then warm = the same lots again. ' +
        'Open-new = pre-fill from plan and last signed record + screening re-run + insert; open-existing = read.',
    };
  } finally {
    await app.close();
    await database.dispose();
  }
}
