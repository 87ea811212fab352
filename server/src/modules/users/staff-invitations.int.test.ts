import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { deliverDueMessages } from '../../testing/outbox';
import { startTestSmtp } from '../../testing/smtp';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { sealAuditTrail } from '../../testing/audit';

const clock = fixedClock(new Date('2026-11-25T10:00:00Z'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let clinicId: string;
let owner: string;
let ownerId: string;
let ownerUser: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock });
  clinicId = (await makeClinic(t.database.db, { name: 'Kauri Skin Clinic' })).id;
  ownerUser = await makeUser(t.database.db, clinicId, 'owner', { name: 'Olga Owner' });
  ownerId = ownerUser.id;
  owner = await signInCookie(t.app, ownerUser, clock.now());
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const call = (cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const password = 'quiet harbour lantern 58';

/** Invites a staff member and reads the link from the email the SMTP server received. */
async function invite(role: 'owner' | 'provider' | 'front-desk' = 'provider') {
  const email = `staff-${Math.random().toString(36).slice(2)}@kauri.test`;
  const response = await call(owner, 'POST', '/api/users', { name: 'Nadia Park', email, role });
  expect(response.statusCode).toBe(201);
  return { user: response.json(), email, token: await latestLink(email) };
}

async function latestLink(email: string): Promise<string> {
  await deliverDueMessages(t.database.db, { mailer: smtp.mailer, clock });
  const mail = smtp.inbox.filter((m) => m.to.includes(email)).at(-1)!;
  return /\/join\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}

async function audit(userId: string): Promise<string[]> {
  await sealAuditTrail(t.database.db);
  const { rows } = await t.database.db.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE clinic_id = $1 AND entity_id = $2 ORDER BY seq',
    [clinicId, userId],
  );
  return rows.map((r) => r.action);
}

describe('staff invitations', () => {
  it('the owner gives name, email and role; the person gets an email, sets a password and is signed in', async () => {
    const { user, email, token } = await invite();
    expect(user).toMatchObject({
      email,
      role: 'provider',
      invitation: {
        status: 'pending',
        sentAt: '2026-11-25T10:00:00.000Z',
        expiresAt: '2026-11-28T10:00:00.000Z',
      },
    });
    const mail = smtp.inbox.find((m) => m.to.includes(email))!;
    expect(mail.text).toMatch(/Subject: Kauri Skin Clinic: you are invited to Needlepoint/);
    expect(mail.text).toContain('Olga Owner has added you to Kauri Skin Clinic as provider');
    expect(mail.text).toContain(`https://clinic.test/join?token=${token}`);
    // The link is not in what the owner sees, nor stored.
    expect(JSON.stringify(user)).not.toContain(token);
    const stored = await t.database.db.query('SELECT * FROM account_tokens WHERE user_id = $1', [user.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    const messages = await t.database.db.query('SELECT * FROM messages WHERE user_id = $1', [user.id]);
    expect(JSON.stringify(messages.rows)).not.toContain(token);

    // No password yet: signing in is refused like any wrong password.
    const early = await call(null, 'POST', '/api/auth/login', { email, password });
    expect(early.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');

    const view = await call(null, 'GET', `/api/staff-invitations/${token}`);
    expect(view.json()).toEqual({
      clinicName: 'Kauri Skin Clinic',
      name: 'Nadia Park',
      email,
      role: 'provider',
    });
    const weak = await call(null, 'POST', `/api/staff-invitations/${token}/accept`, {
      password: 'password1234',
    });
    expect(weak.json().error).toMatchObject({ code: 'AUTH_PASSWORD_TOO_WEAK' });
    const accepted = await call(null, 'POST', `/api/staff-invitations/${token}/accept`, { password });
    expect(accepted.statusCode).toBe(200);
    const cookie = `np_session=${accepted.cookies.find((c) => c.name === 'np_session')!.value}`;
    expect((await call(cookie, 'GET', '/api/auth/me')).json().user).toMatchObject({
      email,
      role: 'provider',
    });
    expect((await call(null, 'POST', '/api/auth/login', { email, password })).statusCode).toBe(200);

    const list = (await call(owner, 'GET', '/api/users')).json().users;
    expect(list.find((u: { id: string }) => u.id === user.id).invitation).toMatchObject({
      status: 'accepted',
      acceptedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(await audit(user.id)).toEqual([
      'user.created',
      'user.invitation-sent',
      'user.invitation-accepted',
      'auth.login',
    ]);
  });

  it('a used link says so with its own code, and cannot set the password again', async () => {
    const { token } = await invite();
    expect(
      (await call(null, 'POST', `/api/staff-invitations/${token}/accept`, { password })).statusCode,
    ).toBe(200);
    const again = await call(null, 'POST', `/api/staff-invitations/${token}/accept`, {
      password: 'another strong pass phrase 77',
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('AUTH_TOKEN_USED');
    expect((await call(null, 'GET', `/api/staff-invitations/${token}`)).json().error.code).toBe(
      'AUTH_TOKEN_USED',
    );
  });

  it('an expired link is refused with AUTH_TOKEN_EXPIRED; resend sends a new link and the old one stops working', async () => {
    const { user, email, token } = await invite();
    clock.advance(73 * 3_600_000);
    try {
      // Three days on, the owner signs in again (sessions last 12 hours).
      const owner = await signInCookie(t.app, ownerUser, clock.now());
      const expired = await call(null, 'POST', `/api/staff-invitations/${token}/accept`, { password });
      expect(expired.statusCode).toBe(410);
      expect(expired.json().error.code).toBe('AUTH_TOKEN_EXPIRED');
      const listed = (await call(owner, 'GET', '/api/users')).json().users;
      expect(listed.find((u: { id: string }) => u.id === user.id).invitation.status).toBe('expired');

      const resent = await call(owner, 'POST', `/api/users/${user.id}/invitation`);
      expect(resent.statusCode).toBe(200);
      expect(resent.json().invitation.status).toBe('pending');
      const fresh = await latestLink(email);
      expect(fresh).not.toBe(token);
      expect((await call(null, 'GET', `/api/staff-invitations/${token}`)).json().error.code).toBe(
        'AUTH_TOKEN_INVALID',
      );
      expect(
        (await call(null, 'POST', `/api/staff-invitations/${fresh}/accept`, { password })).statusCode,
      ).toBe(200);
      // Accepted: nothing left to resend.
      const late = await call(owner, 'POST', `/api/users/${user.id}/invitation`);
      expect(late.json().error.code).toBe('USER_INVITATION_NOT_PENDING');
      expect(await audit(user.id)).toEqual([
        'user.created',
        'user.invitation-sent',
        'user.invitation-sent',
        'user.invitation-accepted',
      ]);
    } finally {
      clock.advance(-73 * 3_600_000);
    }
  });

  it('an invited owner is signed in but must set up two-factor sign-in first', async () => {
    const { email, token } = await invite('owner');
    const mail = smtp.inbox.filter((m) => m.to.includes(email)).at(-1)!;
    expect(mail.text).toContain('two-factor sign-in');
    const accepted = await call(null, 'POST', `/api/staff-invitations/${token}/accept`, { password });
    const cookie = `np_session=${accepted.cookies.find((c) => c.name === 'np_session')!.value}`;
    expect((await call(cookie, 'GET', '/api/auth/me')).json().user.totpSetupRequired).toBe(true);
    expect((await call(cookie, 'GET', '/api/users')).json().error.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
  });

  it('a deactivated invitee’s link stops working; unknown links and other clinics are refused', async () => {
    const { user, token } = await invite();
    await call(owner, 'PATCH', `/api/users/${user.id}`, { active: false });
    expect(
      (await call(null, 'POST', `/api/staff-invitations/${token}/accept`, { password })).json().error.code,
    ).toBe('AUTH_TOKEN_INVALID');
    expect((await call(null, 'GET', `/api/staff-invitations/${'x'.repeat(43)}`)).json().error.code).toBe(
      'AUTH_TOKEN_INVALID',
    );
    const otherClinic = (await makeClinic(t.database.db)).id;
    const otherOwner = await signInCookie(
      t.app,
      await makeUser(t.database.db, otherClinic, 'owner'),
      clock.now(),
    );
    expect((await call(otherOwner, 'POST', `/api/users/${user.id}/invitation`)).statusCode).toBe(404);
    const provider = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'provider'),
      clock.now(),
    );
    expect((await call(provider, 'POST', `/api/users/${ownerId}/invitation`)).statusCode).toBe(403);
  });
});
