import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let provider: string;
let providerId: string;
let owner: string;
let frontDesk: string;
let otherClinicProvider: string;
let portal: string;
let otherPortal: string;
let patientId: string;
let melasmaPlan: string;
let acnePlan: string;

const masiRegions = ['forehead', 'rightMalar', 'leftMalar', 'chin'];
const mmasi = (area: number, darkness: number) =>
  Object.fromEntries(
    masiRegions.flatMap((r) => [
      [`${r}Area`, area],
      [`${r}Darkness`, darkness],
    ]),
  );

async function call(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function activePlan(templateId: string, patient = patientId): Promise<string> {
  const created = await call(provider, 'POST', '/api/plans', { patientId: patient, templateId });
  expect(created.statusCode).toBe(201);
  const id = created.json().id;
  expect((await call(provider, 'POST', `/api/plans/${id}/transitions`, { to: 'active' })).statusCode).toBe(
    200,
  );
  return id;
}

let minute = 0;
/** A session of the plan in the past, straight into the table (booking rules are tested in scheduling). */
async function appointment(planId: string, sessionNumber: number, status = 'completed'): Promise<string> {
  minute += 120;
  const start = new Date(Date.UTC(2026, 0, 5) + minute * 60_000).toISOString();
  const end = new Date(Date.UTC(2026, 0, 5) + (minute + 60) * 60_000).toISOString();
  const { rows } = await t.database.db.query<{ id: string }>(
    `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status, plan_id,
       session_number, procedure_starts_at, room_free_at)
     SELECT clinic_id, patient_id, $2, 'microneedling', $3, $4, $5, id, $6, $3, $4 FROM treatment_plans WHERE id = $1
     RETURNING id`,
    [planId, providerId, start, end, status, sessionNumber],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  patientId = (await makePatient(t.database.db, clinicId)).id;
  await t.database.db.query('UPDATE patients SET fitzpatrick = 4 WHERE id = $1', [patientId]);
  const providerUser = await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Ada Lovel' });
  providerId = providerUser.id;
  provider = await signInCookie(t.app, providerUser);
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
  portal = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'patient', { patientId }));
  otherPortal = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'patient'));
  const otherClinic = (await makeClinic(t.database.db)).id;
  otherClinicProvider = await signInCookie(t.app, await makeUser(t.database.db, otherClinic, 'provider'));
  melasmaPlan = await activePlan('melasma');
  acnePlan = await activePlan('acne-scars');
});
afterAll(async () => t.close());

describe('provider scores on a plan', () => {
  it('records a baseline, a session tied to its appointment and a follow-up, and lists them in order', async () => {
    const baseline = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'baseline',
      values: mmasi(4, 3),
    });
    expect(baseline.statusCode).toBe(201);
    expect(baseline.json()).toMatchObject({
      scaleId: 'mmasi',
      timepoint: 'baseline',
      total: 12,
      band: { id: 'severe' },
      direction: 'lower-is-better',
      scaleVersion: expect.stringContaining('Pandya'),
      scoredBy: 'provider',
      recordedByName: 'Dr Ada Lovel',
    });
    const session1 = await appointment(melasmaPlan, 1);
    const atSession = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'session',
      sessionNumber: 1,
      appointmentId: session1,
      values: mmasi(3, 2),
    });
    expect(atSession.statusCode).toBe(201);
    expect(atSession.json()).toMatchObject({ sessionNumber: 1, appointmentId: session1, total: 6 });
    const followUp = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'follow-up',
      values: { ...mmasi(1, 1), chinArea: 0 },
    });
    expect(followUp.json()).toMatchObject({ total: 0.9, band: { id: 'mild' } });

    const listed = await call(provider, 'GET', `/api/plans/${melasmaPlan}/outcomes`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().scales.map((s: { scaleId: string }) => s.scaleId)).toEqual(['mmasi', 'masi']);
    expect(listed.json().scores.map((s: { total: number }) => s.total)).toEqual([12, 6, 0.9]);
    expect(listed.json().settings.mmasiSevereAbove).toBe(7.9);
  });

  it('gives a clinic copy saved without scales the built-in template’s scales', async () => {
    const templates = (await call(provider, 'GET', '/api/plan-templates')).json().templates;
    const {
      builtIn: _builtIn,
      scales: _scales,
      ...melasma
    } = templates.find((t: { id: string }) => t.id === 'melasma');
    const saved = await call(provider, 'PUT', '/api/plan-templates/melasma-our-way', {
      ...melasma,
      sessions: 4,
    });
    expect(saved.statusCode).toBe(200);
    const plan = await activePlan('melasma-our-way');
    const listed = (await call(provider, 'GET', `/api/plans/${plan}/outcomes`)).json();
    expect(listed.scales.map((s: { scaleId: string }) => s.scaleId)).toEqual(['mmasi', 'masi']);
  });

  it.each([
    ['an area grade of 7', { ...mmasi(1, 1), chinArea: 7 }, 'body.values.chinArea', 'must be one of 0, 1, 2'],
    [
      'a missing item',
      { ...mmasi(1, 1), chinArea: undefined },
      'body.values.chinArea',
      'a number is required',
    ],
    ['an item the scale does not have', { ...mmasi(1, 1), homogeneity: 2 }, 'body.values', 'has no item'],
  ])('refuses %s with a clear message, and stores nothing', async (_name, values, path, message) => {
    const count = async () =>
      (await t.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outcome_scores')).rows[0]!.n;
    const before = await count();
    const refused = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'follow-up',
      values,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    expect(refused.json().error.message).toContain(message);
    expect(refused.json().error.fields).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await count()).toBe(before);
  });

  it.each([
    [
      'a scale the plan does not name',
      { scaleId: 'salt', timepoint: 'baseline' },
      422,
      'OUTCOME_SCALE_NOT_IN_PLAN',
    ],
    ['a session without its number', { scaleId: 'mmasi', timepoint: 'session' }, 400, 'VALIDATION_FAILED'],
    [
      'a session beyond the plan',
      { scaleId: 'mmasi', timepoint: 'session', sessionNumber: 9 },
      422,
      'OUTCOME_SESSION_NOT_IN_PLAN',
    ],
    ['an unknown scale', { scaleId: 'iga', timepoint: 'baseline' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, body, status, code) => {
    const refused = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      ...body,
      values: mmasi(1, 1),
    });
    expect(refused.statusCode).toBe(status);
    expect(refused.json().error.code).toBe(code);
  });

  it('leaves the patient’s own scales to the patient', async () => {
    const refused = await call(provider, 'POST', `/api/plans/${acnePlan}/outcomes`, {
      scaleId: 'satisfaction',
      timepoint: 'follow-up',
      values: { rating: 9 },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'OUTCOME_WRONG_SCORER',
      message: expect.stringContaining('portal'),
    });
  });

  it('refuses an appointment of another plan or another session', async () => {
    const acneSession = await appointment(acnePlan, 1);
    const otherPlan = await call(provider, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'session',
      sessionNumber: 1,
      appointmentId: acneSession,
      values: mmasi(1, 1),
    });
    expect(otherPlan.json().error.code).toBe('OUTCOME_APPOINTMENT_MISMATCH');
    const acneScore = await call(provider, 'POST', `/api/plans/${acnePlan}/outcomes`, {
      scaleId: 'goodman-baron-qualitative',
      timepoint: 'session',
      sessionNumber: 2,
      appointmentId: acneSession,
      values: { grade: 3 },
    });
    expect(acneScore.statusCode).toBe(422);
    expect(acneScore.json().error.message).toContain('session 1, not session 2');
  });

  it('keeps scores to the clinic and to roles that may read them, and audits each', async () => {
    expect((await call(frontDesk, 'GET', `/api/plans/${melasmaPlan}/outcomes`)).statusCode).toBe(403);
    expect((await call(otherClinicProvider, 'GET', `/api/plans/${melasmaPlan}/outcomes`)).statusCode).toBe(
      404,
    );
    expect((await call(owner, 'GET', `/api/plans/${melasmaPlan}/outcomes`)).statusCode).toBe(200);
    const refused = await call(owner, 'POST', `/api/plans/${melasmaPlan}/outcomes`, {
      scaleId: 'mmasi',
      timepoint: 'baseline',
      values: mmasi(1, 1),
    });
    expect(refused.statusCode).toBe(403);
    const { rows } = await t.database.db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE clinic_id = $1 AND patient_id = $2
        AND action LIKE 'outcome.%' GROUP BY action ORDER BY action`,
      [clinicId, patientId],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'outcome.recorded', n: 3 },
        { action: 'outcome.viewed', n: expect.any(Number) },
      ]),
    );
  });
});

describe('the patient scores their own in the portal', () => {
  it('sees their plans with the scales they score, filed at the right time point', async () => {
    const own = await call(portal, 'GET', '/api/portal/outcomes');
    expect(own.statusCode).toBe(200);
    const acne = own.json().plans.find((p: { planId: string }) => p.planId === acnePlan);
    expect(acne).toMatchObject({ scales: ['satisfaction'], nextTimepoint: 'session', nextSessionNumber: 1 });
    const melasma = own.json().plans.find((p: { planId: string }) => p.planId === melasmaPlan);
    expect(melasma.scales).toEqual([]);

    const scored = await call(portal, 'POST', '/api/portal/outcomes', {
      planId: acnePlan,
      scaleId: 'satisfaction',
      values: { rating: 8 },
    });
    expect(scored.statusCode).toBe(201);
    expect(scored.json()).toMatchObject({
      timepoint: 'session',
      sessionNumber: 1,
      total: 8,
      scoredBy: 'patient',
    });
    const staffView = await call(provider, 'GET', `/api/plans/${acnePlan}/outcomes`);
    expect(staffView.json().scores.some((s: { scaleId: string }) => s.scaleId === 'satisfaction')).toBe(true);
  });

  it('refuses a rating out of range, a provider scale, and another patient’s plan', async () => {
    const outOfRange = await call(portal, 'POST', '/api/portal/outcomes', {
      planId: acnePlan,
      scaleId: 'satisfaction',
      values: { rating: 11 },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.message).toContain('must be one of 0, 1');
    const providerScale = await call(portal, 'POST', '/api/portal/outcomes', {
      planId: acnePlan,
      scaleId: 'goodman-baron-qualitative',
      values: { grade: 1 },
    });
    expect(providerScale.json().error.code).toBe('OUTCOME_WRONG_SCORER');
    const notMine = await call(otherPortal, 'POST', '/api/portal/outcomes', {
      planId: acnePlan,
      scaleId: 'satisfaction',
      values: { rating: 1 },
    });
    expect(notMine.statusCode).toBe(404);
    expect((await call(portal, 'GET', `/api/plans/${acnePlan}/outcomes`)).statusCode).toBe(403);
  });
});

describe('scoring settings', () => {
  it('lets the owner change a "verify" fact, which then scores new entries', async () => {
    const current = (await call(owner, 'GET', '/api/outcome-settings')).json();
    expect(current.version).toBe(0);
    const bad = await call(owner, 'PUT', '/api/outcome-settings', {
      ...current.settings,
      mmasiModerateFrom: 30,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.mmasiModerateFrom');
    expect((await call(provider, 'PUT', '/api/outcome-settings', current.settings)).statusCode).toBe(403);
    const saved = await call(owner, 'PUT', '/api/outcome-settings', {
      ...current.settings,
      eccaWeights: { ...current.settings.eccaWeights, vShaped: 10 },
    });
    expect(saved.json().version).toBe(1);
    const ecca = await call(provider, 'POST', `/api/plans/${acnePlan}/outcomes`, {
      scaleId: 'ecca',
      timepoint: 'baseline',
      values: { vShaped: 2, uShaped: 0, mShaped: 0, elastolysis: 0, hypertrophicRecent: 0, keloidOld: 0 },
    });
    expect(ecca.json().total).toBe(20);
  });
});

describe('clinic outcome report', () => {
  it('shows improvement by indication, Fitzpatrick type, adjunct and provider, as JSON and CSV', async () => {
    // A second melasma patient without a Fitzpatrick type, improving less.
    const second = (await makePatient(t.database.db, clinicId)).id;
    const plan = await activePlan('melasma', second);
    for (const [timepoint, values] of [
      ['baseline', mmasi(2, 2)],
      ['follow-up', mmasi(2, 1)],
    ] as const)
      expect(
        (await call(provider, 'POST', `/api/plans/${plan}/outcomes`, { scaleId: 'mmasi', timepoint, values }))
          .statusCode,
      ).toBe(201);

    expect((await call(provider, 'GET', '/api/reports/outcomes')).statusCode).toBe(403);
    const report = await call(owner, 'GET', '/api/reports/outcomes');
    expect(report.statusCode).toBe(200);
    const rows = report.json().rows as { dimension: string; group: string; scaleId: string }[];
    const row = (dimension: string, group: string) =>
      rows.find((r) => r.dimension === dimension && r.group === group && r.scaleId === 'mmasi');
    // Patient 1: 12 -> 0.9 (92.5%); patient 2: 4 -> 2 (50%).
    expect(row('indication', 'melasma')).toMatchObject({
      plans: 2,
      assessed: 2,
      meanBaseline: 8,
      meanLatest: 1.5,
      meanImprovementPercent: 71.3,
      improved: 2,
    });
    expect(row('fitzpatrick', 'Type IV')).toMatchObject({ plans: 1, meanImprovementPercent: 92.5 });
    expect(row('fitzpatrick', 'Fitzpatrick not recorded')).toMatchObject({
      plans: 1,
      meanImprovementPercent: 50,
    });
    expect(row('adjunct', 'With PRP')).toBeUndefined();
    expect(row('provider', 'Dr Ada Lovel')).toMatchObject({ plans: 2 });

    const csv = await call(owner, 'GET', '/api/reports/outcomes.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'dimension,group,scaleId,scale,plans,assessed,meanBaseline,meanLatest,meanImprovementPercent,improved',
    );
    expect(lines).toContain('indication,melasma,mmasi,mMASI,2,2,8,1.5,71.3,2');
  });
});
