import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makePatient, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { parseMail, startTestSmtp } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';

const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let clinicId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db, { name: 'Kauri Skin Clinic' })).id;
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const call = (cookie: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const newPassword = 'amber meadow compass 61';

async function requestReset(email: string) {
  const response = await call(null, 'POST', '/api/auth/password-reset', { email });
  await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
  return response;
}

function linkIn(email: string): string | null {
  const mail = smtp.inbox.filter((m) => m.to.includes(email.toLowerCase())).at(-1);
  return mail ? /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]! : null;
}

describe('password reset by email', () => {
  it('answers the same for an unknown email, a deactivated account and a real one; only the real one gets mail', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    const gone = await makeUser(t.database.db, clinicId, 'provider');
    await t.database.db.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);
    const before = smtp.inbox.length;
    const real = await requestReset(user.email.toUpperCase());
    const unknown = await requestReset('nobody-here@kauri.test');
    const deactivated = await requestReset(gone.email);
    for (const response of [real, unknown, deactivated]) {
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe(real.body);
    }
    expect(smtp.inbox.length).toBe(before + 1);
    expect(linkIn(user.email)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(linkIn('nobody-here@kauri.test')).toBeNull();
    expect(linkIn(gone.email)).toBeNull();
  });

  it('a new password from the link ends every other session; the link then says it was used', async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    const laptop = await signInCookie(t.app, user, clock.now());
    const tablet = await signInCookie(t.app, user, clock.now());
    expect((await call(laptop, 'GET', '/api/auth/me')).statusCode).toBe(200);
    await requestReset(user.email);
    const token = linkIn(user.email)!;
    const mail = smtp.inbox.filter((m) => m.to.includes(user.email)).at(-1)!;
    expect(mail.text).toMatch(/Subject: Kauri Skin Clinic: reset your password/);
    expect(mail.text).toContain('60 minutes');
    expect((await call(null, 'GET', `/api/auth/password-reset/${token}`)).statusCode).toBe(200);

    const weak = await call(null, 'POST', `/api/auth/password-reset/${token}`, { password: 'password1234' });
    expect(weak.json().error.code).toBe('AUTH_PASSWORD_TOO_WEAK');
    const done = await call(null, 'POST', `/api/auth/password-reset/${token}`, { password: newPassword });
    expect(done.statusCode).toBe(200);
    for (const cookie of [laptop, tablet]) {
      expect((await call(cookie, 'GET', '/api/auth/me')).json().error.code).toBe('AUTH_REQUIRED');
    }
    const old = await call(null, 'POST', '/api/auth/login', { email: user.email, password: user.password });
    expect(old.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(
      (await call(null, 'POST', '/api/auth/login', { email: user.email, password: newPassword })).statusCode,
    ).toBe(200);

    const reused = await call(null, 'POST', `/api/auth/password-reset/${token}`, {
      password: 'x' + newPassword,
    });
    expect(reused.statusCode).toBe(410);
    expect(reused.json().error.code).toBe('AUTH_TOKEN_USED');
    const { rows } = await t.database.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE clinic_id = $1 AND entity_id = $2 AND action LIKE 'auth.password%'
        ORDER BY seq`,
      [clinicId, user.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.password-reset-requested', 'auth.password-reset']);
    const stored = await t.database.db.query('SELECT * FROM account_tokens WHERE user_id = $1', [user.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
  });

  it('a link older than 60 minutes is refused with AUTH_TOKEN_EXPIRED; a newer link replaces an older one', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    await requestReset(user.email);
    const first = linkIn(user.email)!;
    clock.advance(61 * 60_000);
    try {
      const expired = await call(null, 'POST', `/api/auth/password-reset/${first}`, {
        password: newPassword,
      });
      expect(expired.statusCode).toBe(410);
      expect(expired.json().error.code).toBe('AUTH_TOKEN_EXPIRED');
      await requestReset(user.email);
      const second = linkIn(user.email)!;
      await requestReset(user.email);
      const third = linkIn(user.email)!;
      expect((await call(null, 'GET', `/api/auth/password-reset/${second}`)).json().error.code).toBe(
        'AUTH_TOKEN_INVALID',
      );
      expect(
        (await call(null, 'POST', `/api/auth/password-reset/${third}`, { password: newPassword })).statusCode,
      ).toBe(200);
    } finally {
      clock.advance(-61 * 60_000);
    }
  });

  it('sends at most three links an hour to one account, and answers the same', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await requestReset(user.email));
    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    expect(smtp.inbox.filter((m) => m.to.includes(user.email))).toHaveLength(3);
  });

  it('is limited per address and email: the sixth request in a minute is a 429', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await call(null, 'POST', '/api/auth/password-reset', { email: 'spray@kauri.test' })).statusCode,
      );
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('works for a patient too, in their language, and the portal account signs in with the new password', async () => {
    const patient = await makePatient(t.database.db, clinicId, { givenName: 'Lucía' });
    await t.database.db.query(`UPDATE patients SET preferred_language = 'es' WHERE id = $1`, [patient.id]);
    const account: TestUser = await makeUser(t.database.db, clinicId, 'patient', { patientId: patient.id });
    await requestReset(account.email);
    const mail = smtp.inbox.filter((m) => m.to.includes(account.email)).at(-1)!;
    expect((await parseMail(mail)).subject).toBe('Kauri Skin Clinic: restablecer su contraseña');
    const token = linkIn(account.email)!;
    expect(
      (await call(null, 'POST', `/api/auth/password-reset/${token}`, { password: newPassword })).statusCode,
    ).toBe(200);
    expect(
      (await call(null, 'POST', '/api/auth/login', { email: account.email, password: newPassword }))
        .statusCode,
    ).toBe(200);
  });
});
