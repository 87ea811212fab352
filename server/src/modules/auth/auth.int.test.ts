import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { totpNow } from '../../platform/totp';
import { maxFailedLogins } from './auth.service';

let t: TestApp;
let clinicId: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
});
afterAll(async () => t.close());

const login = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });

describe('sign-in', () => {
  it('signs a provider in with a secure HTTP-only session cookie and answers /me', async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    const response = await login({ email: user.email.toUpperCase(), password: user.password });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'np_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `np_session=${cookie!.value}` },
    });
    expect(me.json().user).toMatchObject({ email: user.email, role: 'provider', totpSetupRequired: false });
    expect(me.json().user.permissions).toContain('screening:decide');
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    const wrong = await login({ email: user.email, password: 'not the password' });
    const unknown = await login({ email: 'nobody@test.needlepoint', password: 'whatever' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it(`locks the account after ${maxFailedLogins} failed attempts, even with the right password`, async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    const codes: string[] = [];
    for (let i = 0; i < maxFailedLogins; i++)
      codes.push((await login({ email: user.email, password: 'wrong-password' })).json().error.code);
    expect(codes.at(-1)).toBe('AUTH_ACCOUNT_LOCKED');
    const right = await login({ email: user.email, password: user.password });
    expect(right.statusCode).toBe(423);
    const { rows } = await t.database.db.query(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [user.id],
    );
    expect(rows.map((r) => r.action)).toContain('auth.account-locked');
  });

  it('asks for the second factor when it is set up, and accepts a valid code', async () => {
    const owner = await makeUser(t.database.db, clinicId, 'owner');
    const first = await login({ email: owner.email, password: owner.password });
    expect(first.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const bad = await login({
      email: owner.email,
      password: owner.password,
      totp: '000000' === (await totpNow(owner.totpSecret!, new Date())) ? '111111' : '000000',
    });
    expect(bad.json().error.code).toBe('AUTH_TOTP_INVALID');
    const good = await login({
      email: owner.email,
      password: owner.password,
      totp: await totpNow(owner.totpSecret!, new Date()),
    });
    expect(good.statusCode).toBe(200);
  });

  it('lets an owner without a second factor do nothing but enrol, then everything', async () => {
    const owner = await makeUser(t.database.db, clinicId, 'owner', { totp: false });
    const cookie = await signInCookie(t.app, owner);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: await totpNow(secret, new Date()) },
    });
    expect(enable.json().user.totpSetupRequired).toBe(false);
    const allowed = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(allowed.statusCode).toBe(200);
  });

  it('changes the password, ends other sessions, and refuses a wrong current password', async () => {
    const user: TestUser = await makeUser(t.database.db, clinicId, 'provider');
    const cookieA = await signInCookie(t.app, user);
    const cookieB = await signInCookie(t.app, user);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: cookieA },
      payload: { currentPassword: 'nope', newPassword: 'a brand new password' },
    });
    expect(wrong.json().error.fields[0].path).toBe('body.currentPassword');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: cookieA },
      payload: { currentPassword: user.password, newPassword: 'a brand new password' },
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieA } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieB } })).statusCode,
    ).toBe(401);
    expect((await login({ email: user.email, password: 'a brand new password' })).statusCode).toBe(200);
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const user = await makeUser(t.database.db, clinicId, 'front-desk');
    const cookie = await signInCookie(t.app, user);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('rate-limits repeated sign-in attempts per address and account', async () => {
    const limited = await createTestApp({ signInAttemptsPerMinute: 10 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const payload = { email: 'x@y.test', password: 'p' };
        statuses.push(
          (await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload })).statusCode,
        );
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      const other = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { email: 'x@y.test', password: 'p' },
      });
      expect(other.statusCode).toBe(401);
      const colleague = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'colleague@y.test', password: 'p' },
      });
      expect(colleague.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    const { rows } = await t.database.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });
});
