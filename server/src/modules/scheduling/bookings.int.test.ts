import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTasks } from '../../jobs/tasks';
import { fixedClock } from '../../platform/clock';
import { signedConsent } from '../../testing/consents';
import { answeredNo, makeClinic, makePatient, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { parseMail, startTestSmtp } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { sealAuditTrail } from '../../testing/audit';

// A non-UTC clinic: New York leaves daylight saving on 2026-11-01, between the two sessions below.
const clock = fixedClock(new Date('2026-10-26T12:00:00Z'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let clinicId: string;
let provider: TestUser;
let providerCookie: string;
let ownerCookie: string;
let frontDesk: string;

const noToAll = answeredNo;
const allDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
  (weekday) => ({ weekday, start: '09:00', end: '17:00' }),
);

const call = (
  cookie: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
) => t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** A patient who answered every question, signed the treatment consent and has a draft acne-scars plan. */
async function readyPatient(email?: string) {
  const p = await makePatient(t.database.db, clinicId, email ? { email } : {});
  await signedConsent(t.database.db, clinicId, p.id, provider.id);
  await call(providerCookie, 'PATCH', `/api/patients/${p.id}`, {
    expectedVersion: 1,
    sex: 'male',
    answers: noToAll,
    listsReviewed: { conditions: '2026-10-20', medications: '2026-10-20', allergies: '2026-10-20' },
  });
  const plan = (
    await call(providerCookie, 'POST', '/api/plans', { patientId: p.id, templateId: 'acne-scars' })
  ).json();
  return { patientId: p.id, planId: plan.id as string };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db, { timeZone: 'America/New_York', name: 'Hudson Skin' })).id;
  provider = await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Hours' });
  providerCookie = await signInCookie(t.app, provider, clock.now());
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
  const owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'), clock.now());
  ownerCookie = owner;
  const room = (await call(owner, 'POST', '/api/rooms', { name: 'Room 1' })).json();
  await call(owner, 'POST', '/api/devices', { name: 'Pen A', roomId: room.id });
  expect(
    (await call(frontDesk, 'PUT', `/api/providers/${provider.id}/working-hours`, { rules: allDays }))
      .statusCode,
  ).toBe(200);
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('booking a plan session', () => {
  it('books at local wall-clock time, activates the plan, screens afresh and queues the confirmation and reminders', async () => {
    const { patientId, planId } = await readyPatient('first@example.test');
    // 10:00 in New York on 2026-10-30 is 14:00 UTC (daylight saving time).
    const response = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-10-30T14:00:00Z',
      planId,
    });
    expect(response.statusCode).toBe(201);
    const booking = response.json();
    expect(booking).toMatchObject({
      sessionNumber: 1,
      providerId: provider.id,
      status: 'booked',
      procedureStartsAt: '2026-10-30T14:30:00.000Z',
    });
    expect(booking.roomId).toEqual(expect.any(String));
    expect(booking.deviceId).toEqual(expect.any(String));
    const plan = (await call(providerCookie, 'GET', `/api/plans/${planId}`)).json();
    expect(plan).toMatchObject({
      status: 'active',
      progress: { sessionsBooked: 1, nextDue: { earliest: '2026-11-27' } },
    });
    const screenings = (await call(providerCookie, 'GET', `/api/patients/${patientId}/screenings`)).json()
      .screenings;
    expect(screenings[0].trigger).toBe('booking');
    // The audit event's time is the app's injected clock.
    const audited = await t.database.db.query<{ occurred_at: Date }>(
      "SELECT occurred_at FROM audit_events WHERE action = 'booking.created' AND entity_id = $1",
      [booking.id],
    );
    expect(audited.rows.map((r) => r.occurred_at)).toEqual([clock.now()]);
    const jobs = await t.database.db.query<{ task_identifier: string; key: string | null }>(
      'SELECT task_identifier, key FROM graphile_worker.jobs ORDER BY id',
    );
    expect(jobs.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ task_identifier: 'pre-session-screening', key: `rescreen:${booking.id}` }),
      ]),
    );
    // The confirmation and the reminder are outbox rows written in the booking's transaction.
    const messages = await t.database.db.query<{ template: string; send_at: Date }>(
      "SELECT template, send_at FROM messages WHERE patient_id = $1 AND channel = 'email' ORDER BY send_at",
      [patientId],
    );
    expect(messages.rows).toEqual(
      expect.arrayContaining([
        { template: 'booking-confirmed', send_at: clock.now() },
        { template: 'session-reminder', send_at: new Date('2026-10-29T14:00:00Z') },
      ]),
    );
  });

  it('emails the confirmation with an .ics that parses back to the booked time', async () => {
    await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
    const mail = smtp.inbox.find(
      (m) => m.to.includes('first@example.test') && /appointment is booked/.test(m.text),
    );
    expect(mail?.text, mail?.text.slice(0, 800)).toMatch(/Subject: Hudson Skin: your appointment is booked/);
    const ics = (await parseMail(mail!)).attachments
      .find((a) => a.contentType === 'text/calendar')!
      .content.toString('utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-10-30T14:00:00.000Z');
    expect(event.summary).toContain('Hudson Skin');
  });

  it('refuses the next session inside the plan’s minimum interval, across the daylight-saving change', async () => {
    const { patientId, planId } = await readyPatient();
    await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-10-29T14:00:00Z',
      planId,
    });
    // 10:00 New York on 2026-11-19 is 15:00 UTC (standard time): 21 days later, the plan asks for 28.
    const tooSoon = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-11-19T15:00:00Z',
      planId,
    });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().error).toMatchObject({ code: 'BOOKING_INTERVAL_TOO_SHORT' });
    const frontDeskOverride = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-11-19T15:00:00Z',
      planId,
      override: { reason: 'Patient travelling' },
    });
    expect(frontDeskOverride.statusCode).toBe(403);
    const overridden = await call(providerCookie, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-11-19T15:00:00Z',
      planId,
      override: { reason: 'Patient travelling in December' },
    });
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json()).toMatchObject({
      sessionNumber: 2,
      overrideReason: 'Patient travelling in December',
    });
    await sealAuditTrail(t.database.db);
    const audit = await t.database.db.query(
      "SELECT details FROM audit_events WHERE action = 'booking.created' AND patient_id = $1 ORDER BY seq DESC LIMIT 1",
      [patientId],
    );
    expect(audit.rows[0]!.details.overrideReason).toBe('Patient travelling in December');
  });

  it('refuses a session while the latest screening is not cleared, and books once clearance is recorded', async () => {
    const { patientId, planId } = await readyPatient();
    await call(providerCookie, 'POST', `/api/patients/${patientId}/entries`, {
      kind: 'medication',
      display: 'Xarelto 20 mg',
      status: 'active',
    });
    const refused = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-10-31T14:00:00Z',
      planId,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('BOOKING_SCREENING_NOT_CLEARED');
    const screening = (await call(providerCookie, 'GET', `/api/patients/${patientId}/screenings`)).json()
      .screenings[0];
    const ruleId = screening.findings.find((f: { code: string }) => f.code === 'ANTICOAGULANT').ruleId;
    await call(providerCookie, 'POST', `/api/screenings/${screening.id}/decisions`, {
      ruleId,
      decision: 'clearance-received',
      reason: 'Haematologist agreed',
    });
    const booked = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-10-31T14:00:00Z',
      planId,
    });
    expect(booked.statusCode).toBe(201);
  });

  it.each([
    ['before opening hours (08:00 local)', { start: '2026-10-30T12:00:00Z' }, 'BOOKING_OUTSIDE_HOURS'],
    ['in the past', { start: '2026-10-20T14:00:00Z' }, 'BOOKING_IN_PAST'],
    ['less than an hour ahead', { start: '2026-10-26T12:30:00Z' }, 'BOOKING_TOO_SOON'],
  ])('refuses a booking %s', async (_name, change, code) => {
    const { patientId } = await readyPatient();
    const response = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'consultation',
      ...change,
    });
    expect(response.json().error.code).toBe(code);
  });

  it('refuses an unknown provider, service or plan with a field error', async () => {
    const { patientId } = await readyPatient();
    const unknownService = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'tattoo',
      start: '2026-11-03T15:00:00Z',
    });
    expect(unknownService.statusCode).toBe(404);
    expect(unknownService.json().error).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: 'body.serviceTypeId' }],
    });
    expect(unknownService.json().error.message).not.toContain('tattoo');
    const unknownPlan = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-11-03T15:00:00Z',
      planId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownPlan.statusCode).toBe(404);
    expect(unknownPlan.json().error).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'body.planId' }] });
    const unknownProvider = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'consultation',
      start: '2026-11-03T15:00:00Z',
      providerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownProvider.statusCode).toBe(404);
    expect(unknownProvider.json().error.code).toBe('NOT_FOUND');
  });
});

describe('before the session', () => {
  it('screens again the day before and tells the provider what changed when it is no longer cleared', async () => {
    const { patientId, planId } = await readyPatient();
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'microneedling',
        start: '2026-11-20T15:00:00Z',
        planId,
      })
    ).json();
    await call(providerCookie, 'POST', `/api/patients/${patientId}/entries`, {
      kind: 'medication',
      display: 'warfarin 5 mg',
      status: 'active',
    });
    const tasks = makeTasks({
      db: t.database.db,
      mailer: smtp.mailer,
      clock,
      publicUrl: 'https://clinic.test',
      log: () => undefined,
    });
    await (tasks['pre-session-screening'] as (payload: unknown, helpers: unknown) => Promise<void>)(
      { bookingId: booking.id, clinicId },
      {},
    );
    const latest = (await call(providerCookie, 'GET', `/api/patients/${patientId}/screenings`)).json()
      .screenings[0];
    expect(latest).toMatchObject({
      trigger: 'pre-session',
      appointmentId: booking.id,
      cleared: false,
      changes: { previousVerdict: 'proceed' },
    });
    expect(latest.changes.added.length).toBeGreaterThan(0);
    await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
    const mail = smtp.inbox.find((m) => m.to.includes(provider.email) && /screening needs you/.test(m.text));
    expect(mail?.text).toContain(`/patients/${patientId}?tab=screening`);
  });
});

describe('races and the calendar', () => {
  it('lets exactly one of many simultaneous bookings of the same slot win', async () => {
    const patients = await Promise.all(Array.from({ length: 8 }, () => readyPatient()));
    const start = '2026-11-10T16:00:00Z';
    const responses = await Promise.all(
      patients.map((p) =>
        call(frontDesk, 'POST', '/api/bookings', {
          patientId: p.patientId,
          serviceTypeId: 'consultation',
          start,
          providerId: provider.id,
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode !== 201))
      expect(['BOOKING_SLOT_TAKEN', 'SCHEDULE_CONFLICT']).toContain(r.json().error.code);
    const overlaps = await t.database.db.query(
      `SELECT 1 FROM appointments a JOIN appointments b ON a.id < b.id AND a.provider_id = b.provider_id
        AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
        WHERE a.status = 'booked' AND b.status = 'booked'`,
    );
    expect(overlaps.rowCount).toBe(0);
  });

  it('offers open slots in local time around existing bookings, and moves a booking by drag', async () => {
    const slots = (
      await call(
        frontDesk,
        'GET',
        `/api/slots?serviceTypeId=consultation&from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z&providerId=${provider.id}`,
      )
    ).json();
    expect(slots.timeZone).toBe('America/New_York');
    const starts = slots.slots.map((s: { start: string }) => s.start);
    expect(starts[0]).toBe('2026-11-10T14:00:00.000Z');
    expect(starts).not.toContain('2026-11-10T16:00:00.000Z');
    const { patientId } = await readyPatient();
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'consultation',
        start: '2026-11-12T14:00:00Z',
      })
    ).json();
    const moved = await call(frontDesk, 'PATCH', `/api/bookings/${booking.id}`, {
      start: '2026-11-12T15:00:00Z',
    });
    expect(moved.json().startsAt).toBe('2026-11-12T15:00:00.000Z');
    const clash = await call(frontDesk, 'PATCH', `/api/bookings/${booking.id}`, {
      start: '2026-11-10T16:00:00Z',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/booked|busy|taken/);
    const day = (
      await call(frontDesk, 'GET', '/api/bookings?from=2026-11-12T00:00:00Z&to=2026-11-13T00:00:00Z')
    ).json();
    expect(day.bookings.map((b: { id: string }) => b.id)).toContain(booking.id);
    expect(day.bookings[0].providerName).toBe('Dr Hours');
  });

  it('cancels a booking and offers the freed slot to the waitlist', async () => {
    const waiting = await readyPatient('waiting@example.test');
    await call(frontDesk, 'POST', '/api/waitlist', {
      patientId: waiting.patientId,
      serviceTypeId: 'consultation',
      earliestDate: '2026-11-01',
      latestDate: '2026-11-30',
    });
    const { patientId } = await readyPatient();
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'consultation',
        start: '2026-11-13T14:00:00Z',
      })
    ).json();
    const cancelled = await call(frontDesk, 'POST', `/api/bookings/${booking.id}/cancel`, {
      reason: 'Patient unwell',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Patient unwell' });
    const list = (await call(frontDesk, 'GET', '/api/waitlist')).json();
    expect(list.entries.find((e: { patientId: string }) => e.patientId === waiting.patientId).status).toBe(
      'offered',
    );
    expect(
      list.entries.find((e: { patientId: string }) => e.patientId === waiting.patientId).patientName,
    ).toMatch(/^Pat /);
    const again = await call(frontDesk, 'POST', `/api/bookings/${booking.id}/cancel`, { reason: 'twice' });
    expect(again.json().error.code).toBe('BOOKING_STATUS_CHANGE_INVALID');
  });

  it('completes a series: the plan completes and maintenance is proposed for its window', async () => {
    const { patientId, planId } = await readyPatient();
    await call(providerCookie, 'PATCH', `/api/plans/${planId}`, { sessions: 1 });
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'microneedling',
        start: '2026-10-27T14:00:00Z',
        planId,
      })
    ).json();
    expect(
      (await call(providerCookie, 'POST', `/api/bookings/${booking.id}/complete`)).json().error.code,
    ).toBe('BOOKING_NOT_STARTED');
    clock.advance(2 * 86_400_000);
    try {
      // Two days on, the earlier session has expired: sign in again.
      const later = await signInCookie(t.app, provider, clock.now());
      const done = await call(later, 'POST', `/api/bookings/${booking.id}/complete`);
      expect(done.json(), done.body).toMatchObject({ status: 'completed' });
    } finally {
      clock.advance(-2 * 86_400_000);
    }
    const plan = (await call(providerCookie, 'GET', `/api/plans/${planId}`)).json();
    expect(plan.status).toBe('completed');
    const entries = (await call(frontDesk, 'GET', '/api/waitlist')).json().entries;
    expect(entries.find((e: { planId: string | null }) => e.planId === planId)).toMatchObject({
      serviceTypeId: 'maintenance',
      earliestDate: plan.progress.maintenance.earliest,
    });
  });
});

describe('calendar feeds and the portal', () => {
  it('serves a private iCalendar feed that calendar apps can parse, until it is revoked', async () => {
    const feed = (await call(providerCookie, 'POST', '/api/calendar-feeds')).json();
    expect(
      (await call(providerCookie, 'GET', '/api/calendar-feeds'))
        .json()
        .feeds.map((f: { id: string }) => f.id),
    ).toContain(feed.id);
    expect((await call(frontDesk, 'GET', '/api/providers')).json().providers).toEqual([
      { id: provider.id, name: 'Dr Hours' },
    ]);
    const path = new URL(feed.url).pathname;
    const response = await t.app.inject({ method: 'GET', url: path });
    expect(response.headers['content-type']).toMatch(/text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    // The patient's initials and the service, never the full name (the clinic has not chosen full names).
    const summaries = events.map((e) => String(e.getFirstPropertyValue('summary')));
    expect(
      summaries.every((s) => /^P\.T\.: /.test(s)),
      summaries.join(' | '),
    ).toBe(true);
    expect(response.body).not.toMatch(/Pat Test/);
    await call(providerCookie, 'DELETE' as 'POST', `/api/calendar-feeds/${feed.id}`);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });

  it('lets a patient book a consultation and their next plan session online, refusing one too soon', async () => {
    const { patientId, planId } = await readyPatient();
    const portal = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'patient', { patientId }),
    );
    const consultation = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'consultation',
      start: '2026-11-16T14:00:00Z',
    });
    expect(consultation.statusCode).toBe(201);
    const first = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'microneedling',
      start: '2026-11-17T14:00:00Z',
      planId,
    });
    expect(first.statusCode).toBe(201);
    const tooSoon = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'microneedling',
      start: '2026-11-24T15:00:00Z',
      planId,
    });
    expect(tooSoon.json().error.code).toBe('BOOKING_INTERVAL_TOO_SHORT');
    const override = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'microneedling',
      start: '2026-11-24T15:00:00Z',
      planId,
      override: { reason: 'please' },
    });
    expect(override.statusCode).toBe(400);
    const noPlan = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'microneedling',
      start: '2026-11-25T15:00:00Z',
    });
    expect(noPlan.json().error).toMatchObject({
      code: 'BOOKING_NOT_OFFERED_ONLINE',
      fields: [{ path: 'body.planId' }],
    });
    const mine = (await call(portal, 'GET', '/api/portal/bookings')).json();
    expect(mine.bookings).toHaveLength(2);
    expect(mine.bookings.every((b: { patientId: string }) => b.patientId === patientId)).toBe(true);
  });
});

describe('plans govern every plan session', () => {
  it('checks a plan session booked without planId against the patient’s plan in progress', async () => {
    const { patientId, planId } = await readyPatient();
    const first = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-12-01T15:00:00Z',
      planId,
    });
    expect(first.statusCode).toBe(201);
    // A week later, leaving the plan out: still the plan's session, still inside its interval.
    const planless = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-12-08T15:00:00Z',
    });
    expect(planless.statusCode).toBe(422);
    expect(planless.json().error.code).toBe('BOOKING_INTERVAL_TOO_SHORT');
    // Once the interval has passed, it books as the plan's next session.
    const later = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2027-01-05T15:00:00Z',
    });
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ planId, sessionNumber: 2 });
  });

  it('refuses a plan session without planId when the patient has two plans in progress', async () => {
    const { patientId, planId } = await readyPatient();
    const second = (
      await call(providerCookie, 'POST', '/api/plans', { patientId, templateId: 'acne-scars' })
    ).json();
    for (const id of [planId, second.id as string]) {
      const day = id === planId ? '02' : '03';
      expect(
        (
          await call(frontDesk, 'POST', '/api/bookings', {
            patientId,
            serviceTypeId: 'microneedling',
            start: `2026-12-${day}T15:00:00Z`,
            planId: id,
          })
        ).statusCode,
      ).toBe(201);
    }
    const planless = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2027-02-02T15:00:00Z',
    });
    expect(planless.statusCode).toBe(422);
    expect(planless.json().error).toMatchObject({
      code: 'BOOKING_PLAN_REQUIRED',
      fields: [{ path: 'body.planId' }],
    });
  });
});

describe('the portal’s slot search', () => {
  it('never shows a patient another patient’s plan due dates', async () => {
    const mine = await readyPatient();
    const theirs = await readyPatient();
    await call(frontDesk, 'POST', '/api/bookings', {
      patientId: theirs.patientId,
      serviceTypeId: 'microneedling',
      start: '2026-12-04T15:00:00Z',
      planId: theirs.planId,
    });
    const portal = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'patient', { patientId: mine.patientId }),
    );
    const window = 'from=2026-12-07T00:00:00Z&to=2026-12-10T00:00:00Z';
    for (const service of ['consultation', 'microneedling']) {
      const leak = await call(
        portal,
        'GET',
        `/api/portal/slots?serviceTypeId=${service}&planId=${theirs.planId}&${window}`,
      );
      expect(leak.statusCode).toBe(404);
      expect(leak.body).not.toContain('nextDue');
    }
    const own = await call(
      portal,
      'GET',
      `/api/portal/slots?serviceTypeId=microneedling&planId=${mine.planId}&${window}`,
    );
    expect(own.statusCode).toBe(200);
    expect(own.json()).toHaveProperty('nextDue');
  });
});

describe('rules known before the choice', () => {
  type Slots = {
    slots: { start: string; refusals: string[] }[];
    blockers: { code: string; overridable: boolean }[];
  };
  const window = 'from=2026-12-14T00:00:00Z&to=2026-12-17T00:00:00Z';

  it('marks every slot of a patient without the treatment consent, refuses the booking, and lets only a provider override', async () => {
    const { patientId, planId } = await readyPatient();
    // Screened clear with a plan, but the treatment consent never signed.
    const unsigned = await makePatient(t.database.db, clinicId);
    await call(providerCookie, 'PATCH', `/api/patients/${unsigned.id}`, {
      expectedVersion: 1,
      sex: 'male',
      answers: noToAll,
      listsReviewed: { conditions: '2026-10-20', medications: '2026-10-20', allergies: '2026-10-20' },
    });
    const plan = (
      await call(providerCookie, 'POST', '/api/plans', { patientId: unsigned.id, templateId: 'acne-scars' })
    ).json();
    const search = (
      await call(
        frontDesk,
        'GET',
        `/api/slots?serviceTypeId=microneedling&patientId=${unsigned.id}&planId=${plan.id}&${window}`,
      )
    ).json<Slots>();
    expect(search.slots.length).toBeGreaterThan(0);
    expect(search.slots.every((s) => s.refusals.includes('BOOKING_CONSENT_NOT_SIGNED'))).toBe(true);
    expect(search.blockers).toEqual([
      expect.objectContaining({ code: 'BOOKING_CONSENT_NOT_SIGNED', overridable: false }),
    ]);
    const asProvider = (
      await call(
        providerCookie,
        'GET',
        `/api/slots?serviceTypeId=microneedling&patientId=${unsigned.id}&planId=${plan.id}&${window}`,
      )
    ).json<Slots>();
    expect(asProvider.blockers).toEqual([
      expect.objectContaining({ code: 'BOOKING_CONSENT_NOT_SIGNED', overridable: true }),
    ]);

    const booking = {
      patientId: unsigned.id,
      serviceTypeId: 'microneedling',
      start: search.slots[0]!.start,
      planId: plan.id,
    };
    const refused = await call(frontDesk, 'POST', '/api/bookings', booking);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('BOOKING_CONSENT_NOT_SIGNED');
    const deskOverride = await call(frontDesk, 'POST', '/api/bookings', {
      ...booking,
      override: { reason: 'Will sign at the desk' },
    });
    expect(deskOverride.statusCode).toBe(403);
    const providerOverride = await call(providerCookie, 'POST', '/api/bookings', {
      ...booking,
      override: { reason: 'Signs the paper form at arrival' },
    });
    expect(providerOverride.statusCode, providerOverride.body).toBe(201);
    expect(providerOverride.json().overrideReason).toBe('Signs the paper form at arrival');

    // A signed patient's slots carry no refusal.
    const signed = (
      await call(
        frontDesk,
        'GET',
        `/api/slots?serviceTypeId=microneedling&patientId=${patientId}&planId=${planId}&${window}`,
      )
    ).json<Slots>();
    expect(signed.blockers).toEqual([]);
    expect(signed.slots.every((s) => s.refusals.length === 0)).toBe(true);
  });

  it('marks the slots too soon after a session for staff, and hides them from the patient', async () => {
    const { patientId, planId } = await readyPatient();
    const first = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: '2026-12-05T19:00:00Z',
      planId,
    });
    expect(first.statusCode, first.body).toBe(201);
    // The plan needs 28 days: until 1 January is too soon, from 2 January it is not.
    const span = 'from=2026-12-20T00:00:00Z&to=2027-01-08T00:00:00Z';
    const staff = (
      await call(frontDesk, 'GET', `/api/slots?serviceTypeId=microneedling&planId=${planId}&${span}`)
    ).json<Slots>();
    const early = staff.slots.filter((s) => s.start < '2027-01-02T00:00:00Z');
    const late = staff.slots.filter((s) => s.start >= '2027-01-03T00:00:00Z');
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((s) => s.refusals.includes('BOOKING_INTERVAL_TOO_SHORT'))).toBe(true);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((s) => s.refusals.length === 0)).toBe(true);
    expect(staff.blockers).toEqual([]);

    const portal = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'patient', { patientId }),
    );
    const own = (
      await call(portal, 'GET', `/api/portal/slots?serviceTypeId=microneedling&planId=${planId}&${span}`)
    ).json<Slots>();
    expect(own.slots.map((s) => s.start)).toEqual(
      staff.slots.filter((s) => s.refusals.length === 0).map((s) => s.start),
    );
    expect(own.slots.some((s) => s.start < '2027-01-02T00:00:00Z')).toBe(false);
    expect(own.slots.map((s) => s.start)).toEqual(expect.arrayContaining(late.map((s) => s.start)));
  });
});

describe('patients move their own sessions', () => {
  it('moves a session in the portal within the clinic’s notice, never another patient’s, and not too close to it', async () => {
    const { patientId, planId } = await readyPatient();
    const portal = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'patient', { patientId }),
    );
    const booked = await call(portal, 'POST', '/api/portal/bookings', {
      serviceTypeId: 'microneedling',
      start: '2026-11-18T15:00:00Z',
      planId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id as string;
    // Its own time does not make the neighbouring days "too soon" when it is the one being moved.
    const slots = (
      await call(
        portal,
        'GET',
        `/api/portal/slots?serviceTypeId=microneedling&planId=${planId}&bookingId=${id}&from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z`,
      )
    ).json<{ slots: { start: string }[] }>();
    expect(slots.slots.length).toBeGreaterThan(0);
    const moved = await call(portal, 'POST', `/api/portal/bookings/${id}/reschedule`, {
      start: slots.slots[0]!.start,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id, startsAt: new Date(slots.slots[0]!.start).toISOString() });

    const stranger = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'patient', {
        patientId: (await readyPatient()).patientId,
      }),
    );
    const notTheirs = await call(stranger, 'POST', `/api/portal/bookings/${id}/reschedule`, {
      start: '2026-11-25T15:00:00Z',
    });
    expect(notTheirs.statusCode).toBe(404);

    // This afternoon's consultation (8 hours away) is inside the default 24 hours' notice.
    const soon = await call(frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'consultation',
      start: '2026-10-26T20:00:00Z',
    });
    expect(soon.statusCode, soon.body).toBe(201);
    const late = await call(portal, 'POST', `/api/portal/bookings/${soon.json().id}/reschedule`, {
      start: '2026-10-28T15:00:00Z',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: 'BOOKING_NOTICE_TOO_SHORT',
      details: { noticeHours: 24 },
    });
    // A clinic that allows changes until 6 hours before: now it moves.
    expect(
      (await call(ownerCookie, 'PUT', '/api/clinic/settings', { rescheduleNoticeHours: 6 })).statusCode,
    ).toBe(200);
    const allowed = await call(portal, 'POST', `/api/portal/bookings/${soon.json().id}/reschedule`, {
      start: '2026-10-28T15:00:00Z',
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });
});

describe('the day of the visit', () => {
  it('checks a patient in and starts treatment today; the slot stays taken and the booking can no longer move', async () => {
    const { patientId } = await readyPatient();
    // 10:00 in New York on the clock's day (08:00 there now).
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'consultation',
        start: '2026-10-26T14:00:00Z',
        providerId: provider.id,
      })
    ).json();
    const arrived = await call(frontDesk, 'POST', `/api/bookings/${booking.id}/check-in`);
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json()).toMatchObject({ status: 'arrived', arrivedAt: clock.now().toISOString() });
    const twice = await call(frontDesk, 'POST', `/api/bookings/${booking.id}/check-in`);
    expect(twice.json().error).toMatchObject({ code: 'BOOKING_STATUS_CHANGE_INVALID' });
    const moved = await call(frontDesk, 'PATCH', `/api/bookings/${booking.id}`, {
      start: '2026-10-26T16:00:00Z',
    });
    expect(moved.json().error.code).toBe('BOOKING_STATUS_CHANGE_INVALID');

    const other = await readyPatient();
    const clash = await call(frontDesk, 'POST', '/api/bookings', {
      patientId: other.patientId,
      serviceTypeId: 'consultation',
      start: '2026-10-26T14:00:00Z',
      providerId: provider.id,
    });
    expect(clash.statusCode).toBe(409);

    const started = await call(providerCookie, 'POST', `/api/bookings/${booking.id}/start-treatment`);
    expect(started.json()).toMatchObject({
      status: 'in-treatment',
      treatmentStartedAt: clock.now().toISOString(),
    });
    const audit = await t.database.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [booking.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['booking.arrived', 'booking.treatment-started']),
    );
  });

  it('refuses to check in a patient whose appointment is on another day', async () => {
    const { patientId } = await readyPatient();
    const booking = (
      await call(frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'consultation',
        start: '2026-10-28T14:00:00Z',
      })
    ).json();
    const early = await call(frontDesk, 'POST', `/api/bookings/${booking.id}/check-in`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('BOOKING_NOT_TODAY');
  });
});
