import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInAnswers } from '@needlepoint/core/aftercare/check-in';
import { makeTasks } from '../../jobs/tasks';
import { fixedClock } from '../../platform/clock';
import { signedConsent } from '../../testing/consents';
import { answeredNo, makeClinic, makePatient, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { startTestSmtp } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { aftercareJobs } from './aftercare-jobs';

// A session on Tuesday 3 November 2026, 11:00 in Madrid (10:00 UTC), completed, then checked in on over a week.
const sessionStart = new Date('2026-11-03T10:00:00Z');
const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let clinicId: string;
let provider: TestUser;
let onCall: TestUser;
let frontDesk: TestUser;
let owner: TestUser;
let patientUser: TestUser;
let patientId: string;
let appointmentId: string;

/** One session per user while the clock stays within the hour (an owner's code is accepted once). */
const sessions = new Map<string, { cookie: string; at: number }>();
async function cookieOf(user: TestUser): Promise<string> {
  const now = clock.now().getTime();
  const known = sessions.get(user.id);
  if (known && now >= known.at && now - known.at < 3_600_000) return known.cookie;
  const cookie = await signInCookie(t.app, user, clock.now());
  sessions.set(user.id, { cookie, at: now });
  return cookie;
}

const call = async (
  user: TestUser | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
) =>
  t.app.inject({
    method,
    url,
    headers: user ? { cookie: await cookieOf(user) } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const setClock = (at: Date) => clock.advance(at.getTime() - clock.now().getTime());
const tasks = () =>
  makeTasks({
    db: t.database.db,
    mailer: smtp.mailer,
    clock,
    publicUrl: 'https://clinic.test',
    log: () => undefined,
  });
const deliver = () => deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
const runTask = (name: string, payload: object) =>
  (tasks()[name] as (payload: unknown, helpers: unknown) => Promise<void>)(payload, {});

const normal: CheckInAnswers = {
  temperatureC: 36.7,
  rednessTrend: 'better',
  rednessSpreading: false,
  swelling: 'mild',
  swellingNearEye: false,
  visionChange: false,
  pus: false,
  honeyCrusts: false,
  blisters: false,
  painNow: 2,
  painDay1: 3,
  bleedingNotStopping: false,
  breathingDifficulty: false,
  hives: false,
  numbnessAroundMouth: false,
  metallicTaste: false,
  ringingEars: false,
  confusionOrTwitching: false,
  newBumps: false,
  darkPatches: false,
  trackMarks: false,
  itchOrRash: false,
  flaking: false,
  dryness: true,
};

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db, { timeZone: 'Europe/Madrid', name: 'Retiro Skin' })).id;
  provider = await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Treats' });
  onCall = await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr On Call' });
  frontDesk = await makeUser(t.database.db, clinicId, 'front-desk');
  owner = await makeUser(t.database.db, clinicId, 'owner');
  const patient = await makePatient(t.database.db, clinicId, {
    givenName: 'Lucia',
    familyName: 'Moreno',
    email: 'lucia@example.test',
  });
  patientId = patient.id;
  patientUser = await makeUser(t.database.db, clinicId, 'patient', { patientId });

  // A cleared patient with a plan, booked and treated through the real scheduling use cases.
  const room = (await call(owner, 'POST', '/api/rooms', { name: 'Room 1' })).json();
  await call(owner, 'POST', '/api/devices', { name: 'Pen A', roomId: room.id });
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  await call(frontDesk, 'PUT', `/api/providers/${provider.id}/working-hours`, {
    rules: days.map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  });
  await call(provider, 'PATCH', `/api/patients/${patientId}`, {
    expectedVersion: 1,
    sex: 'female',
    answers: answeredNo,
    listsReviewed: { conditions: '2026-11-01', medications: '2026-11-01', allergies: '2026-11-01' },
  });
  await signedConsent(t.database.db, clinicId, patientId, provider.id);
  const plan = (await call(provider, 'POST', '/api/plans', { patientId, templateId: 'acne-scars' })).json();
  const booking = await call(frontDesk, 'POST', '/api/bookings', {
    patientId,
    serviceTypeId: 'microneedling',
    providerId: provider.id,
    start: sessionStart.toISOString(),
    planId: plan.id,
  });
  expect(booking.statusCode, booking.body).toBe(201);
  appointmentId = booking.json().id;
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('check-in prompts after a completed session', () => {
  it('refuses a check-in before there is a completed treatment', async () => {
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', normal);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('AFTERCARE_NO_TREATMENT');
  });

  it('builds the preparation and aftercare timeline from the booked session, on the clinic’s days', async () => {
    const timeline = (await call(patientUser, 'GET', '/api/portal/timeline')).json();
    expect(timeline.session).toMatchObject({ appointmentId, status: 'booked' });
    expect(timeline.today).toBe('2026-11-02');
    const dateOf = (t: { steps: { key: string; date: string }[] }, key: string) =>
      t.steps.find((s) => s.key === key)?.date;
    expect(dateOf(timeline, 'day-of')).toBe('2026-11-03');
    expect(dateOf(timeline, 'retinoid-hold')).toBe('2026-10-29');
    expect(dateOf(timeline, 'next-session')).toBe('2026-12-01');
    const saved = await call(owner, 'PUT', '/api/aftercare/settings', { timeline: { retinoidHoldDays: 3 } });
    expect(saved.json(), saved.body).toMatchObject({ timeline: { retinoidHoldDays: 3, makeUpDay: 2 } });
    const after = (await call(patientUser, 'GET', '/api/portal/timeline')).json();
    expect(dateOf(after, 'retinoid-hold')).toBe('2026-10-31');
    const bad = await call(owner, 'PUT', '/api/aftercare/settings', { timeline: { retinoidHoldDays: 99 } });
    expect(bad.statusCode).toBe(400);
  });

  it('completing the session queues prompts for days 1, 3 and 7 as durable jobs', async () => {
    setClock(new Date(sessionStart.getTime() + 90 * 60_000));
    const done = await call(provider, 'POST', `/api/bookings/${appointmentId}/complete`);
    expect(done.json(), done.body).toMatchObject({ status: 'completed' });
    const jobs = await t.database.db.query<{ run_at: Date; key: string }>(
      `SELECT run_at, key FROM graphile_worker.jobs WHERE task_identifier = $1 ORDER BY run_at`,
      [aftercareJobs.checkInPrompt],
    );
    expect(jobs.rows.map((j) => j.run_at.toISOString())).toEqual([
      '2026-11-04T10:00:00.000Z',
      '2026-11-06T10:00:00.000Z',
      '2026-11-10T10:00:00.000Z',
    ]);
    const portal = (await call(patientUser, 'GET', '/api/portal/check-ins')).json();
    expect(portal.treatment).toMatchObject({ appointmentId, daysSinceTreatment: 0 });
    expect(portal.due).toBeNull();
  });

  it('on day 1 the prompt emails the patient a link to check in, and the portal asks', async () => {
    setClock(new Date('2026-11-04T10:00:00Z'));
    // The job keyed by its prompt: `aftercare-prompt:<prompt id>`.
    const key = (
      await t.database.db.query<{ key: string }>(
        `SELECT key FROM graphile_worker.jobs WHERE task_identifier = $1 ORDER BY run_at LIMIT 1`,
        [aftercareJobs.checkInPrompt],
      )
    ).rows[0]!.key;
    const payload = { clinicId, promptId: key.replace('aftercare-prompt:', '') };
    await runTask(aftercareJobs.checkInPrompt, payload);
    await deliver();
    const mail = smtp.inbox.find((m) => m.to.includes('lucia@example.test') && /skin today/.test(m.text));
    expect(mail?.text).toMatch(/Subject: Retiro Skin: how is your skin today\?/);
    expect(mail?.text).toMatch(/day 1 after your treatment/);
    expect(mail?.text).toMatch(/https:\/\/clinic\.test\/portal\/check-in/);
    // A retried job does not email twice.
    await runTask(aftercareJobs.checkInPrompt, payload);
    await deliver();
    expect(
      smtp.inbox.filter((m) => m.to.includes('lucia@example.test') && /skin today/.test(m.text)),
    ).toHaveLength(1);
    const portal = (await call(patientUser, 'GET', '/api/portal/check-ins')).json();
    expect(portal.due).toMatchObject({ day: 1, status: 'sent' });
  });

  it('a normal day-1 check-in is expected healing: advice at once, the prompt answered, no alert', async () => {
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', normal);
    expect(response.statusCode, response.body).toBe(201);
    const checkIn = response.json();
    expect(checkIn).toMatchObject({ daysSinceTreatment: 1, appointmentId, reviewStatus: 'open' });
    expect(checkIn.triage.urgency).toBe('expected');
    expect(checkIn.triage.advice.headline).toMatch(/normal healing/);
    const portal = (await call(patientUser, 'GET', '/api/portal/check-ins')).json();
    expect(portal.due).toBeNull();
    expect(portal.checkIns.map((c: { id: string }) => c.id)).toEqual([checkIn.id]);
    expect((await call(provider, 'GET', '/api/aftercare/alerts')).json().alerts).toEqual([]);
  });

  it('flags a patient who misses the day-3 check-in', async () => {
    setClock(new Date('2026-11-07T11:00:00Z'));
    const queue = (await call(frontDesk, 'GET', '/api/aftercare/queue')).json();
    expect(queue.missed).toEqual([
      expect.objectContaining({ patientId, patientName: 'Lucia Moreno', day: 3, appointmentId }),
    ]);
  });
});

describe('urgent check-ins and the triage queue', () => {
  let urgentId: string;

  it('pus on day 4 is same-day: the treating provider is alerted in the app and by email', async () => {
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', {
      ...normal,
      pus: true,
      painNow: 5,
      notes: 'Yellow spots near my chin',
    });
    expect(response.statusCode, response.body).toBe(201);
    const checkIn = response.json();
    urgentId = checkIn.id;
    expect(checkIn.daysSinceTreatment).toBe(4);
    expect(checkIn.triage.urgency).toBe('same-day');
    expect(checkIn.triage.reasons.map((r: { code: string }) => r.code)).toEqual([
      'PUS_OR_CRUSTS',
      'PAIN_INCREASING',
      'PATIENT_NOTE',
    ]);
    const alerts = (await call(provider, 'GET', '/api/aftercare/alerts')).json().alerts;
    expect(alerts).toEqual([
      expect.objectContaining({ checkInId: urgentId, patientName: 'Lucia Moreno', urgency: 'same-day' }),
    ]);
    expect((await call(onCall, 'GET', '/api/aftercare/alerts')).json().alerts).toEqual([]);
    // Written to the outbox with the check-in; the queue delivers it.
    await deliver();
    const mail = smtp.inbox.find((m) => m.to.includes(provider.email));
    expect(mail?.text).toMatch(/Subject: Retiro Skin: SAME DAY check-in from Lucia Moreno/);
    expect(mail?.text).toMatch(/Pus or yellow \(honey\) crusts/);
    expect(mail?.text).toContain(`https://clinic.test/aftercare?checkIn=${urgentId}`);
    // The late check-in answers the missed day-3 prompt.
    expect((await call(frontDesk, 'GET', '/api/aftercare/queue')).json().missed).toEqual([]);
  });

  it('an emergency goes to the on-call provider when the clinic names one, and tops the queue', async () => {
    const settings = await call(owner, 'PUT', '/api/aftercare/settings', { onCallProviderId: onCall.id });
    expect(settings.json(), settings.body).toMatchObject({
      onCallProviderId: onCall.id,
      promptDays: [1, 3, 7],
    });
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', {
      ...normal,
      breathingDifficulty: true,
      hives: true,
      swelling: 'severe',
    });
    const emergency = response.json();
    expect(emergency.triage.urgency).toBe('emergency');
    expect(emergency.triage.advice.headline).toMatch(/emergency number now/);
    const alerts = (await call(onCall, 'GET', '/api/aftercare/alerts')).json().alerts;
    expect(alerts[0]).toMatchObject({ checkInId: emergency.id, urgency: 'emergency' });
    const ack = await call(onCall, 'POST', `/api/aftercare/alerts/${alerts[0].id}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await call(onCall, 'GET', '/api/aftercare/alerts')).json().alerts[0].acknowledgedAt).toBe(
      clock.now().toISOString(),
    );
    // Someone else's alert is not yours to acknowledge.
    const other = await call(provider, 'POST', `/api/aftercare/alerts/${alerts[0].id}/acknowledge`, {});
    expect(other.json().error.code).toBe('AFTERCARE_ALERT_NOT_FOUND');

    const queue = (await call(frontDesk, 'GET', '/api/aftercare/queue')).json();
    expect(queue.timeZone).toBe('Europe/Madrid');
    expect(
      queue.items.map((i: { checkIn: { triage: { urgency: string } } }) => i.checkIn.triage.urgency),
    ).toEqual(['emergency', 'same-day', 'expected']);
    const top = queue.items[0];
    expect(top.patientName).toBe('Lucia Moreno');
    expect(top.checkIn.answers.breathingDifficulty).toBe(true);
    expect(top.checkIn.treatmentStartsAt).toBe(sessionStart.toISOString());
    expect(top.history.map((h: { urgency: string }) => h.urgency)).toEqual(['same-day', 'expected']);
  });

  it('providers record contact with a note; front desk reads the queue but cannot act on it', async () => {
    const fd = await call(frontDesk, 'POST', `/api/aftercare/check-ins/${urgentId}/actions`, {
      action: 'reviewed',
    });
    expect(fd.statusCode).toBe(403);
    const noNote = await call(provider, 'POST', `/api/aftercare/check-ins/${urgentId}/actions`, {
      action: 'contacted',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.fields).toEqual([expect.objectContaining({ path: 'body.note' })]);
    const done = await call(provider, 'POST', `/api/aftercare/check-ins/${urgentId}/actions`, {
      action: 'contacted',
      note: 'Phoned; seen at 15:00 today, swab taken',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      reviewStatus: 'contacted',
      actions: [
        { action: 'contacted', byName: 'Dr Treats', note: 'Phoned; seen at 15:00 today, swab taken' },
      ],
    });
    const open = (await call(provider, 'GET', '/api/aftercare/queue?status=open')).json();
    expect(open.items.map((i: { checkIn: { id: string } }) => i.checkIn.id)).not.toContain(urgentId);
    const all = (await call(provider, 'GET', '/api/aftercare/queue?status=all')).json();
    expect(all.items.map((i: { checkIn: { id: string } }) => i.checkIn.id)).toContain(urgentId);
  });

  it('audits submissions, queue views and actions', async () => {
    const { rows } = await t.database.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_events WHERE clinic_id = $1 AND action LIKE 'aftercare.%'`,
      [clinicId],
    );
    expect(rows.map((r) => r.action).sort()).toEqual([
      'aftercare.alert-acknowledged',
      'aftercare.check-in-contacted',
      'aftercare.check-in-submitted',
      'aftercare.check-ins-viewed',
      'aftercare.queue-viewed',
      'aftercare.settings-updated',
      'aftercare.timeline-viewed',
    ]);
  });
});

describe('bad input and isolation', () => {
  it.each([
    ['a pain score above 10', { ...normal, painNow: 11 }, 'body.painNow'],
    ['a yes/no as text', { ...normal, pus: 'yes' }, 'body.pus'],
    ['the day (the server works it out)', { ...normal, daysSinceTreatment: 2 }, 'body'],
    ['an unknown redness trend', { ...normal, rednessTrend: 'awful' }, 'body.rednessTrend'],
    ['an array', [normal], 'body'],
  ])('rejects %s with 400 and writes nothing', async (_label, payload, path) => {
    const before = await t.database.db.query('SELECT count(*)::int AS n FROM aftercare_check_ins');
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields[0].path).toBe(path);
    const after = await t.database.db.query('SELECT count(*)::int AS n FROM aftercare_check_ins');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('refuses a session that is not the patient’s completed treatment', async () => {
    const response = await call(patientUser, 'POST', '/api/portal/check-ins', {
      ...normal,
      appointmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.json().error.code).toBe('AFTERCARE_NO_TREATMENT');
  });

  it('refuses settings that make no sense', async () => {
    const twice = await call(owner, 'PUT', '/api/aftercare/settings', { promptDays: [1, 1] });
    expect(twice.statusCode).toBe(400);
    const notProvider = await call(owner, 'PUT', '/api/aftercare/settings', {
      onCallProviderId: frontDesk.id,
    });
    expect(notProvider.statusCode).toBe(422);
    expect(notProvider.json().error.code).toBe('AFTERCARE_ON_CALL_NOT_PROVIDER');
    expect(notProvider.json().error.fields).toEqual([
      expect.objectContaining({ path: 'body.onCallProviderId' }),
    ]);
  });

  it('another clinic sees none of it', async () => {
    const otherClinic = (await makeClinic(t.database.db)).id;
    const stranger = await makeUser(t.database.db, otherClinic, 'provider');
    const queue = (await call(stranger, 'GET', '/api/aftercare/queue?status=all')).json();
    expect(queue.items).toEqual([]);
    expect(queue.missed).toEqual([]);
    const act = await call(
      stranger,
      'POST',
      '/api/aftercare/check-ins/' + (await anyCheckIn()) + '/actions',
      {
        action: 'reviewed',
      },
    );
    expect(act.json().error.code).toBe('AFTERCARE_CHECKIN_NOT_FOUND');
  });
});

async function anyCheckIn(): Promise<string> {
  return (await t.database.db.query<{ id: string }>('SELECT id FROM aftercare_check_ins LIMIT 1')).rows[0]!
    .id;
}
