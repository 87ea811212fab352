import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allNoIntake } from '@needlepoint/core/intake/intake-examples';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { startTestSmtp } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';

const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let clinicId: string;
let frontDesk: string;
let provider: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db, { name: 'Glow Clinic' })).id;
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const call = (cookie: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

async function invite(email = `pat-${Math.random().toString(36).slice(2)}@example.test`) {
  const patient = await makePatient(t.database.db, clinicId, { givenName: 'Nora', email });
  const response = await call(frontDesk, 'POST', `/api/patients/${patient.id}/invitations`, {});
  expect(response.statusCode).toBe(201);
  await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
  const mail = smtp.inbox.find((m) => m.to.includes(email));
  const token = /\/portal\/welcome\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
  return { patient, email, token };
}

async function accept(token: string): Promise<string> {
  const response = await call(null, 'POST', `/api/portal/invitations/${token}/accept`, {
    password: 'a long portal password',
  });
  expect(response.statusCode).toBe(200);
  return `np_session=${response.cookies.find((c) => c.name === 'np_session')!.value}`;
}

const intake = {
  ...allNoIntake,
  completedAt: '2026-11-25',
  patient: { sexAtBirth: 'female', fitzpatrick: 'III' },
  concerns: [{ concern: 'acne-scars', areas: ['face'] }],
  requestedAreas: ['face'],
  skin: { ...allNoIntake.skin, coldSoreHistory: 'yes' },
  medications: { answer: 'listed', items: [{ name: 'Eliquis', status: 'current', prescribed: 'yes' }] },
};

describe('portal invitation', () => {
  it('emails a link through SMTP; the patient sets a password and lands signed in on their own record', async () => {
    const { patient, email, token } = await invite();
    const mail = smtp.inbox.find((m) => m.to.includes(email))!;
    expect(mail.text).toMatch(/Subject: Glow Clinic: your patient portal/);
    expect(mail.text).toContain('https://clinic.test/portal/welcome?token=');
    const view = await call(null, 'GET', `/api/portal/invitations/${token}`);
    expect(view.json()).toEqual({ clinicName: 'Glow Clinic', givenName: 'Nora', email });
    const weak = await call(null, 'POST', `/api/portal/invitations/${token}/accept`, { password: 'short' });
    expect(weak.json().error.fields[0].path).toBe('body.password');
    const cookie = await accept(token);
    expect((await call(cookie, 'GET', '/api/portal/me')).json().id).toBe(patient.id);
    expect((await call(null, 'GET', `/api/portal/invitations/${token}`)).json().error.code).toBe(
      'PORTAL_INVITATION_INVALID',
    );
    expect(
      (await call(null, 'POST', '/api/auth/login', { email, password: 'a long portal password' })).statusCode,
    ).toBe(200);
  });

  it('never gives staff the link: it goes only to the email on the record', async () => {
    const email = `record-${Math.random().toString(36).slice(2)}@example.test`;
    const patient = await makePatient(t.database.db, clinicId, { givenName: 'Nora', email });
    const sent = await call(frontDesk, 'POST', `/api/patients/${patient.id}/invitations`, {});
    expect(sent.statusCode).toBe(201);
    expect(Object.keys(sent.json()).sort()).toEqual([
      'acceptedAt',
      'email',
      'expiresAt',
      'id',
      'sentAt',
      'status',
    ]);
    expect(sent.json()).toMatchObject({ email, status: 'pending', sentAt: '2026-11-25T10:00:00.000Z' });
    await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
    const mail = smtp.inbox.find((m) => m.to.includes(email))!;
    const token = /\/portal\/welcome\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(sent.body).not.toContain(token);
    // The outbox kept the token only until the email left; staff see that it was sent, never the link.
    const messages = await call(frontDesk, 'GET', `/api/patients/${patient.id}/messages`);
    expect(messages.json().messages).toEqual([
      expect.objectContaining({ template: 'portal-invitation', status: 'sent', address: email }),
    ]);
    expect(messages.body).not.toContain(token);
    const stored = await t.database.db.query('SELECT * FROM messages WHERE patient_id = $1', [patient.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    expect(sent.body).not.toMatch(/token|link/i);
    // Staff cannot send it elsewhere (their own mailbox, say).
    const elsewhere = await call(frontDesk, 'POST', `/api/patients/${patient.id}/invitations`, {
      email: 'frontdesk@attacker.test',
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(smtp.inbox.some((m) => m.to.includes('frontdesk@attacker.test'))).toBe(false);
    // What staff see: that it was sent, when, to which address, until when; never the secret.
    const list = await call(frontDesk, 'GET', `/api/patients/${patient.id}/invitations`);
    expect(list.json().invitations).toEqual([
      expect.objectContaining({ email, status: 'pending', expiresAt: '2026-12-02T10:00:00.000Z' }),
    ]);
    expect(list.body).not.toContain(token);
    await accept(token);
    const after = await call(frontDesk, 'GET', `/api/patients/${patient.id}/invitations`);
    expect(after.json().invitations[0]).toMatchObject({ status: 'accepted' });
  });

  it('refuses a common password, or one built on the patient’s name, for the portal account', async () => {
    const { token } = await invite();
    for (const password of ['password1234', 'Nora Nora 1985']) {
      const refused = await call(null, 'POST', `/api/portal/invitations/${token}/accept`, { password });
      expect(refused.json().error).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK' });
      expect(refused.json().error.fields[0].path).toBe('body.password');
    }
  });

  it('refuses an expired link, a patient without email, and a second account', async () => {
    const { token, patient } = await invite();
    clock.advance(8 * 86_400_000);
    try {
      expect((await call(null, 'GET', `/api/portal/invitations/${token}`)).json().error.code).toBe(
        'PORTAL_INVITATION_EXPIRED',
      );
    } finally {
      clock.advance(-8 * 86_400_000);
    }
    const noEmail = await makePatient(t.database.db, clinicId);
    expect(
      (await call(frontDesk, 'POST', `/api/patients/${noEmail.id}/invitations`, {})).json().error.code,
    ).toBe('PATIENT_HAS_NO_EMAIL');
    await makeUser(t.database.db, clinicId, 'patient', { patientId: patient.id });
    expect(
      (await call(frontDesk, 'POST', `/api/patients/${patient.id}/invitations`, {})).json().error.code,
    ).toBe('PORTAL_ALREADY_ACTIVE');
  });
});

describe('intake questionnaire', () => {
  it('saves as the patient goes and resumes later', async () => {
    const { token } = await invite();
    const cookie = await accept(token);
    expect((await call(cookie, 'GET', '/api/portal/intake')).json()).toMatchObject({ status: 'not-started' });
    await call(cookie, 'PUT', '/api/portal/intake', { draft: { skin: { activeAcne: 'no' } }, step: 'skin' });
    await call(cookie, 'PUT', '/api/portal/intake', {
      draft: { skin: { activeAcne: 'no' }, health: { diabetes: 'unknown' } },
      step: 'health',
    });
    const state = (await call(cookie, 'GET', '/api/portal/intake')).json();
    expect(state).toMatchObject({
      status: 'draft',
      step: 'health',
      draft: { health: { diabetes: 'unknown' } },
    });
    const { rows } = await t.database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM intake_forms WHERE status = 'draft' AND id = $1",
      [state.formId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses an incomplete questionnaire naming each missing answer, and writes nothing', async () => {
    const { token, patient } = await invite();
    const cookie = await accept(token);
    const { skin: _skin, ...withoutSkin } = intake;
    const response = await call(cookie, 'POST', '/api/portal/intake/submit', { record: withoutSkin });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain('body.record.skin');
    const record = (await call(provider, 'GET', `/api/patients/${patient.id}`)).json();
    expect(record).toMatchObject({ version: 1, entries: [] });
  });

  it('on submission fills the record, screens for the provider, and tells the patient only that it will be reviewed', async () => {
    const { token, patient } = await invite();
    const cookie = await accept(token);
    const response = await call(cookie, 'POST', '/api/portal/intake/submit', { record: intake });
    expect(response.statusCode).toBe(200);
    expect(response.json().message).toMatch(/provider will review/);
    expect(response.body).not.toMatch(/verdict|needs-clearance|ANTICOAGULANT/);
    const record = (await call(provider, 'GET', `/api/patients/${patient.id}`)).json();
    expect(record.answers.hsvHistory).toEqual({ value: 'yes' });
    expect(record.fitzpatrick).toBe(3);
    expect(record.entries).toEqual([
      expect.objectContaining({ kind: 'medication', display: 'Eliquis', source: 'intake' }),
    ]);
    const screenings = (await call(provider, 'GET', `/api/patients/${patient.id}/screenings`)).json()
      .screenings;
    expect(screenings[0]).toMatchObject({ trigger: 'intake', verdict: 'needs-clearance' });
    expect(screenings[0].findings.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['ANTICOAGULANT', 'HSV_HISTORY']),
    );
    const intakes = (await call(provider, 'GET', `/api/patients/${patient.id}/intakes`)).json();
    expect(intakes.intakes[0]).toMatchObject({ screeningId: screenings[0].id });
    const again = await call(cookie, 'POST', '/api/portal/intake/submit', {
      record: { ...intake, medications: { answer: 'none' } },
    });
    expect(again.statusCode).toBe(200);
    const after = (await call(provider, 'GET', `/api/patients/${patient.id}`)).json();
    expect(after.entries).toEqual([]);
  });

  it('keeps the portal to the patient’s own data', async () => {
    const { token } = await invite();
    const cookie = await accept(token);
    const other = await makePatient(t.database.db, clinicId);
    expect((await call(cookie, 'GET', `/api/patients/${other.id}`)).statusCode).toBe(403);
    expect((await call(cookie, 'GET', `/api/patients/${other.id}/intakes`)).statusCode).toBe(403);
    expect((await call(frontDesk, 'GET', '/api/portal/intake')).statusCode).toBe(403);
    const drugs = (await call(cookie, 'GET', '/api/drugs?q=xare')).json();
    expect(drugs.suggestions[0].name).toBe('Xarelto');
  });
});
