import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { fixedClock } from '../../platform/clock';
import { setUpBookingClinic, type BookingClinic } from '../../testing/booking-clinic';
import { makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { parseMail, startTestSmtp, type ReceivedMail } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';

// Near real time (an hour ago, moved on a minute per step): the job queue runs what is due by the database's clock.
const clock = fixedClock(new Date(Date.now() - 3_600_000));
const DAY = 86_400_000;
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let c: BookingClinic;

/** A session `days` ahead at 15:00 UTC (10:00 in New York in winter, 11:00 in summer). */
const sessionStart = (days: number) =>
  new Date(
    Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate() + days, 15),
  )
    .toISOString()
    .replace('.000', '');

const deliver = () => deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });

async function messageRows(patientId: string) {
  return (
    await t.database.db.query<{
      id: string;
      template: string;
      channel: string;
      status: string;
      send_at: Date;
      message_id: string;
      topic: string | null;
    }>(
      'SELECT id, template, channel, status, send_at, message_id, topic FROM messages WHERE patient_id = $1 ORDER BY created_at, send_at',
      [patientId],
    )
  ).rows;
}

/** Makes a message's delivery job due now (as if its time had come). */
async function makeDue(messageRowId: string) {
  await t.database.db.query(
    `SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = $1), run_at := now())`,
    [`message:${messageRowId}`],
  );
}

async function mailsTo(address: string, subject: RegExp): Promise<ReceivedMail[]> {
  return smtp.inbox.filter((m) => m.to.includes(address) && subject.test(m.text));
}

async function calendarOf(mail: ReceivedMail) {
  const parsed = await parseMail(mail);
  const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part, 'calendar part').toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    parsed,
    method: calendar.getFirstPropertyValue('method'),
    sequence: event.getFirstPropertyValue('sequence'),
    uid: event.getFirstPropertyValue('uid'),
    start: new ICAL.Event(event).startDate.toJSDate().toISOString(),
    status: event.getFirstPropertyValue('status'),
  };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  c = await setUpBookingClinic(t, clock, { name: 'Harbour Skin', timeZone: 'America/New_York' });
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('a session booked, moved twice and cancelled', () => {
  let patientId: string;
  let bookingId: string;
  const email = 'maya@example.test';

  it('writes the confirmation, the reminder and the timeline to the outbox in the booking’s transaction', async () => {
    const ready = await c.readyPatient({ email, givenName: 'Maya' });
    patientId = ready.patientId;
    const booked = await c.call(c.frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: sessionStart(10),
      planId: ready.planId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    bookingId = booked.json().id;
    const rows = await messageRows(patientId);
    const of = (template: string) => rows.filter((r) => r.template === template);
    expect(
      of('booking-confirmed')
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['email', 'portal']);
    expect(of('session-reminder').map((r) => r.send_at.toISOString())).toEqual([
      new Date(Date.parse(sessionStart(10)) - DAY).toISOString(),
      new Date(Date.parse(sessionStart(10)) - DAY).toISOString(),
    ]);
    // Priming (4 weeks before) has passed; no tanning (7 days before) onwards is scheduled, each at 09:00 local.
    const steps = of('timeline-step').filter((r) => r.channel === 'email');
    expect(steps.length).toBeGreaterThanOrEqual(9);
    expect(steps.every((r) => r.send_at > clock.now() && r.topic === `booking:${bookingId}:timeline`)).toBe(
      true,
    );
    // Every row has its own Message-ID and a delivery job of its own.
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(rows.length);
    const jobs = await t.database.db.query('SELECT key FROM graphile_worker.jobs WHERE key = ANY($1)', [
      rows.map((r) => `message:${r.id}`),
    ]);
    expect(jobs.rowCount).toBe(rows.length);
  });

  it('emails the confirmation: HTML and text parts, the clinic, a portal link, a Message-ID and METHOD:REQUEST', async () => {
    await deliver();
    const [mail] = await mailsTo(email, /appointment is booked/);
    expect(mail).toBeDefined();
    const { parsed, method, sequence, uid, start, status } = await calendarOf(mail!);
    expect(parsed.subject).toBe('Harbour Skin: your appointment is booked');
    expect(parsed.text).toMatch(/Hello Maya,/);
    expect(parsed.text).toMatch(/Harbour Skin, 12 Harbour Street, Portland/);
    expect(parsed.text).toMatch(/https:\/\/clinic\.test\/portal/);
    expect(parsed.html).toMatch(/<a\s[^>]*href="https:\/\/clinic\.test\/portal"/);
    expect(parsed.html).toMatch(/12 Harbour Street, Portland/);
    const row = (await messageRows(patientId)).find(
      (r) => r.template === 'booking-confirmed' && r.channel === 'email',
    )!;
    expect(parsed.messageId).toBe(`<${row.message_id}@test.needlepoint>`);
    expect(row.status).toBe('sent');
    // Essential: no unsubscribe header.
    expect(parsed.headerLines.some((h) => h.key.startsWith('list-'))).toBe(false);
    expect(parsed.html).toMatch(/<html lang="en"/);
    expect({ method, sequence, uid, start, status }).toEqual({
      method: 'REQUEST',
      sequence: 0,
      uid: `${bookingId}@needlepoint`,
      start: new Date(sessionStart(10)).toISOString(),
      status: 'CONFIRMED',
    });
  });

  it('a move sends METHOD:REQUEST with a higher SEQUENCE and the same UID, and moves the reminder and timeline', async () => {
    const before = await messageRows(patientId);
    for (const [days, expected] of [
      [11, 1],
      [12, 2],
    ] as const) {
      clock.advance(60_000);
      const moved = await c.call(c.frontDesk, 'PATCH', `/api/bookings/${bookingId}`, {
        start: sessionStart(days),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      await deliver();
      const mails = await mailsTo(email, /appointment has moved/);
      const invite = await calendarOf(mails[mails.length - 1]!);
      expect(invite).toMatchObject({
        method: 'REQUEST',
        sequence: expected,
        uid: `${bookingId}@needlepoint`,
        start: new Date(sessionStart(days)).toISOString(),
      });
    }
    const after = await messageRows(patientId);
    const oldReminders = before.filter((r) => r.template === 'session-reminder').map((r) => r.id);
    expect(after.filter((r) => oldReminders.includes(r.id)).every((r) => r.status === 'withdrawn')).toBe(
      true,
    );
    const live = after.filter((r) => r.template === 'session-reminder' && r.status === 'scheduled');
    expect(live.map((r) => r.send_at.toISOString())).toEqual([
      new Date(Date.parse(sessionStart(12)) - DAY).toISOString(),
      new Date(Date.parse(sessionStart(12)) - DAY).toISOString(),
    ]);
    const liveSteps = after.filter((r) => r.template === 'timeline-step' && r.status === 'scheduled');
    expect(liveSteps.length).toBeGreaterThan(0);
    expect(liveSteps.every((r) => !before.some((b) => b.id === r.id))).toBe(true);
  });

  it('a cancellation sends METHOD:CANCEL (SEQUENCE raised, same UID) and withdraws every scheduled message', async () => {
    clock.advance(60_000);
    const cancelled = await c.call(c.frontDesk, 'POST', `/api/bookings/${bookingId}/cancel`, {
      reason: 'Patient is unwell',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await deliver();
    const [mail] = await mailsTo(email, /appointment is cancelled/);
    const invite = await calendarOf(mail!);
    expect(invite).toMatchObject({
      method: 'CANCEL',
      sequence: 3,
      uid: `${bookingId}@needlepoint`,
      status: 'CANCELLED',
    });
    expect(mail!.raw).toMatch(/text\/calendar; charset=utf-8; method=CANCEL/i);
    const rows = await messageRows(patientId);
    expect(rows.filter((r) => r.status === 'scheduled')).toEqual([]);
    const pending = await t.database.db.query('SELECT key FROM graphile_worker.jobs WHERE key = ANY($1)', [
      rows.map((r) => `message:${r.id}`),
    ]);
    expect(pending.rowCount).toBe(0);
  });

  it('staff see every message of the patient with its status; the patient’s portal inbox has the delivered ones', async () => {
    const list = await c.call(c.frontDesk, 'GET', `/api/patients/${patientId}/messages`);
    expect(list.statusCode).toBe(200);
    const statuses = new Set(list.json().messages.map((m: { status: string }) => m.status));
    expect([...statuses].sort()).toEqual(['sent', 'withdrawn']);
    const user = await makeUser(t.database.db, c.clinicId, 'patient', { patientId });
    const cookie = await signInCookie(t.app, user);
    const inbox = (await c.call(cookie, 'GET', '/api/portal/messages')).json();
    expect(inbox.messages.map((m: { subject: string }) => m.subject)).toEqual([
      'Harbour Skin: your appointment is cancelled',
      'Harbour Skin: your appointment has moved',
      'Harbour Skin: your appointment has moved',
      'Harbour Skin: your appointment is booked',
    ]);
    expect(inbox.unread).toBe(4);
    const read = await c.call(cookie, 'POST', `/api/portal/messages/${inbox.messages[0].id}/read`, {});
    expect(read.statusCode).toBe(200);
    expect((await c.call(cookie, 'GET', '/api/portal/messages')).json().unread).toBe(3);
    // Another patient's message cannot be marked.
    const other = await c.call(cookie, 'POST', `/api/portal/messages/${crypto.randomUUID()}/read`, {});
    expect(other.statusCode).toBe(404);
  });
});

describe('non-essential messages and one-click unsubscribe (RFC 8058)', () => {
  it('a timeline step carries List-Unsubscribe; the one-click POST stops them but not appointment changes', async () => {
    const email = 'lina@example.test';
    const { patientId, planId } = await c.readyPatient({ email, givenName: 'Lina' });
    const booked = await c.call(c.frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: sessionStart(20),
      planId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const step = (await messageRows(patientId)).find(
      (r) => r.template === 'timeline-step' && r.channel === 'email',
    )!;
    await makeDue(step.id);
    await deliver();
    const [mail] = await mailsTo(email, /No tanning from today/);
    expect(mail).toBeDefined();
    const parsed = await parseMail(mail!);
    expect(parsed.messageId).toBe(`<${step.message_id}@test.needlepoint>`);
    // mailparser groups List-* headers; the raw lines are what a mail provider reads.
    const line = (key: string) =>
      parsed.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, ' ');
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const header = line('list-unsubscribe') ?? '';
    const url = /<(https:\/\/clinic\.test(\/api\/messages\/unsubscribe\/[A-Za-z0-9_-]+))>/.exec(header);
    expect(url, header).not.toBeNull();
    expect(parsed.text).toMatch(/https:\/\/clinic\.test\/unsubscribe\//);

    // What a mail provider does: a POST with the form body, no cookie, no Origin.
    const clicked = await t.app.inject({
      method: 'POST',
      url: url![2]!,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.statusCode, clicked.body).toBe(200);
    expect(clicked.json()).toEqual({ clinicName: 'Harbour Skin', nonEssential: false });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/messages/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.code).toBe('MESSAGE_UNSUBSCRIBE_LINK_INVALID');

    // From now on: a move (essential) still emails; the new timeline steps go to the portal only.
    const moved = await c.call(c.frontDesk, 'PATCH', `/api/bookings/${booked.json().id}`, {
      start: sessionStart(21),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const rows = (await messageRows(patientId)).filter(
      (r) => r.status === 'scheduled' || r.status === 'sent',
    );
    expect(
      rows
        .filter((r) => r.template === 'booking-moved')
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['email', 'portal']);
    const newSteps = rows.filter((r) => r.template === 'timeline-step' && r.status === 'scheduled');
    expect(newSteps.length).toBeGreaterThan(0);
    expect(new Set(newSteps.map((r) => r.channel))).toEqual(new Set(['portal']));
  });
});

describe('the patient’s language and channels', () => {
  it('a Spanish-speaking patient gets Spanish email and a text message through the SMS provider', async () => {
    const texts: { to: string; text: string; reference: string }[] = [];
    const { patientId, planId } = await c.readyPatient({
      email: 'sofia@example.test',
      phone: '+1 207 555 0199',
      givenName: 'Sofía',
    });
    await t.database.db.query("UPDATE patients SET preferred_language = 'es' WHERE id = $1", [patientId]);
    const user = await makeUser(t.database.db, c.clinicId, 'patient', { patientId });
    const cookie = await signInCookie(t.app, user);
    const prefs = await c.call(cookie, 'PUT', '/api/portal/message-preferences', {
      email: true,
      sms: true,
      nonEssential: true,
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const booked = await c.call(c.frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'microneedling',
      start: sessionStart(30),
      planId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    await deliverDueMessages(t.database.db, {
      mailer: smtp.mailer,
      clock,
      sms: { name: 'test', send: async (m) => void texts.push(m) },
    });
    const [mail] = await mailsTo('sofia@example.test', /su cita/);
    const parsed = await parseMail(mail!);
    expect(parsed.subject).toBe('Harbour Skin: su cita está reservada');
    expect(parsed.text).toMatch(/Hola, Sofía:/);
    expect(parsed.text).toMatch(/Abrir su portal del paciente: https:\/\/clinic\.test\/portal/);
    expect(parsed.text).toMatch(/\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b/);
    expect(texts).toEqual([
      expect.objectContaining({
        to: '+1 207 555 0199',
        text: expect.stringMatching(/su cita está reservada/),
      }),
    ]);
    const smsRow = (await messageRows(patientId)).find(
      (r) => r.channel === 'sms' && r.template === 'booking-confirmed',
    );
    expect(texts[0]!.reference).toBe(smsRow!.message_id);
  });
});

describe('delivery failures', () => {
  it('a passing SMTP failure is retried with backoff; a permanent refusal marks the message failed', async () => {
    let refuse: { refuse: number; message: string } | undefined;
    const flaky = await startTestSmtp({ beforeAccept: async () => refuse });
    try {
      const { patientId } = await c.readyPatient({ email: 'omar@example.test' });
      const invited = await c.call(c.frontDesk, 'POST', `/api/patients/${patientId}/invitations`, {});
      expect(invited.statusCode, invited.body).toBe(201);
      refuse = { refuse: 451, message: 'Try again later' };
      await deliverDueMessages(t.database.db, { mailer: flaky.mailer, clock });
      const row = (await messageRows(patientId)).find((r) => r.template === 'portal-invitation')!;
      const after = await t.database.db.query<{ status: string; attempts: number; last_error: string }>(
        'SELECT status, attempts, last_error FROM messages WHERE id = $1',
        [row.id],
      );
      expect(after.rows[0]).toMatchObject({ status: 'retrying', attempts: 1 });
      expect(after.rows[0]!.last_error).toMatch(/451/);
      const job = await t.database.db.query<{ attempts: number; run_at: Date }>(
        'SELECT attempts, run_at FROM graphile_worker.jobs WHERE key = $1',
        [`message:${row.id}`],
      );
      expect(job.rows[0]!.attempts).toBe(1);
      expect(job.rows[0]!.run_at.getTime()).toBeGreaterThan(Date.now());

      // The retry (made due now) meets a permanent refusal: failed, not retried again, the token erased.
      refuse = { refuse: 550, message: 'No such mailbox' };
      await makeDue(row.id);
      await deliverDueMessages(t.database.db, { mailer: flaky.mailer, clock });
      const failed = await t.database.db.query<{ status: string; attempts: number; secret_params: unknown }>(
        'SELECT status, attempts, secret_params FROM messages WHERE id = $1',
        [row.id],
      );
      expect(failed.rows[0]).toEqual({ status: 'failed', attempts: 2, secret_params: null });
      expect(flaky.inbox).toEqual([]);
      const outbox = await c.call(c.ownerCookie, 'GET', '/api/messages?status=failed');
      expect(outbox.statusCode).toBe(200);
      expect(outbox.json().messages.map((m: { id: string }) => m.id)).toContain(row.id);
    } finally {
      await flaky.stop();
    }
  });
});

describe('staff calendar feeds', () => {
  it('show initials and the service unless the owner chooses full names', async () => {
    const { patientId } = await c.readyPatient({ givenName: 'Rosa', email: 'rosa@example.test' });
    await t.database.db.query("UPDATE patients SET family_name = 'Vidal' WHERE id = $1", [patientId]);
    const booked = await c.call(c.frontDesk, 'POST', '/api/bookings', {
      patientId,
      serviceTypeId: 'consultation',
      start: sessionStart(40),
      providerId: c.provider.id,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const feed = (await c.call(c.providerCookie, 'POST', '/api/calendar-feeds')).json();
    const read = async () => (await t.app.inject({ method: 'GET', url: new URL(feed.url).pathname })).body;
    expect(await read()).toContain('SUMMARY:R.V.: Consultation');
    expect(await read()).not.toContain('Rosa');
    expect(
      (await c.call(c.frontDesk, 'PUT', '/api/calendar-feed-settings', { fullNames: true })).statusCode,
    ).toBe(403);
    const chosen = await c.call(c.ownerCookie, 'PUT', '/api/calendar-feed-settings', { fullNames: true });
    expect(chosen.json()).toEqual({ fullNames: true });
    expect(await read()).toContain('SUMMARY:Rosa Vidal: Consultation');
  });
});

describe('the development mail catcher', () => {
  it('without SMTP, keeps each email for an owner of a demo clinic to read; elsewhere it is off', async () => {
    const email = 'noor@example.test';
    const { patientId } = await c.readyPatient({ email, givenName: 'Noor' });
    const invited = await c.call(c.frontDesk, 'POST', `/api/patients/${patientId}/invitations`, {});
    expect(invited.statusCode, invited.body).toBe(201);
    const sentBefore = smtp.inbox.length;
    await deliverDueMessages(t.database.db, { mailer: null, clock });
    expect(smtp.inbox.length).toBe(sentBefore);
    // This app has an SMTP server (no catcher): the route says it is off.
    const off = await c.call(c.ownerCookie, 'GET', '/api/dev/mail');
    expect(off.json().error.code).toBe('MESSAGE_CATCHER_OFF');

    // The same database served by an app without SMTP_URL, on an https address: only a demo clinic reads it.
    const trial = await buildApp({
      db: t.database.db,
      clock,
      webDist: null,
      publicUrl: 'https://clinic.test',
      mailCatcher: true,
    });
    try {
      const read = () =>
        trial.inject({ method: 'GET', url: '/api/dev/mail', headers: { cookie: c.ownerCookie } });
      expect((await read()).json().error.code).toBe('MESSAGE_CATCHER_OFF');
      const frontDesk = await trial.inject({
        method: 'GET',
        url: '/api/dev/mail',
        headers: { cookie: c.frontDesk },
      });
      expect(frontDesk.statusCode).toBe(403);
      await t.database.db.query('UPDATE clinics SET is_demo = true WHERE id = $1', [c.clinicId]);
      const caught = await read();
      expect(caught.statusCode, caught.body).toBe(200);
      const kept = caught.json().mail.filter((m: { to: string }) => m.to === email);
      expect(kept).toEqual([expect.objectContaining({ subject: 'Harbour Skin: your patient portal' })]);
      expect(kept[0].text).toMatch(/https:\/\/clinic\.test\/portal\/welcome\?token=/);
      expect(kept[0].html).toMatch(/<html lang="en"/);
    } finally {
      await t.database.db.query('UPDATE clinics SET is_demo = false WHERE id = $1', [c.clinicId]);
      await trial.close();
    }
  });
});
