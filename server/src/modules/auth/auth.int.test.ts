import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { totpNow } from '../../platform/totp';

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
    const code = await totpNow(owner.totpSecret!, new Date());
    const good = await login({ email: owner.email, password: owner.password, totp: code });
    expect(good.statusCode).toBe(200);
    // The same code a second time (read over a shoulder, or replayed) is refused.
    const replay = await login({ email: owner.email, password: owner.password, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('AUTH_TOTP_INVALID');
    expect(replay.json().error.message).toMatch(/already used/);
  });

  it('accepts one TOTP code once even when it is sent in parallel', async () => {
    const owner = await makeUser(t.database.db, clinicId, 'owner');
    const code = await totpNow(owner.totpSecret!, new Date());
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => login({ email: owner.email, password: owner.password, totp: code })),
    );
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.json().error?.code === 'AUTH_TOTP_INVALID')).toHaveLength(4);
  });

  it('lets an owner without a second factor do nothing but enrol, then everything', async () => {
    const owner = await makeUser(t.database.db, clinicId, 'owner', { totp: false });
    const cookie = await signInCookie(t.app, owner);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: '123456' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('AUTH_TOTP_SETUP_NOT_STARTED');
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
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('AUTH_TOTP_ALREADY_ENABLED');
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
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({
      code: 'AUTH_PASSWORD_INCORRECT',
      fields: [{ path: 'body.currentPassword' }],
    });
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

  it.each([
    ['a common password', 'password12', /common password/],
    ['a breached password', 'iloveyou123', /common password/],
    ['the email address', 'EMAIL', /name or email/],
    ['the own name', 'Quentin Harrowgate 1', /name or email/],
  ])('refuses %s as a new password', async (_what, newPassword, reason) => {
    const user = await makeUser(t.database.db, clinicId, 'provider', { name: 'Quentin Harrowgate' });
    const cookie = await signInCookie(t.app, user);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: {
        currentPassword: user.password,
        newPassword: newPassword === 'EMAIL' ? `${user.email}!` : newPassword,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('AUTH_PASSWORD_TOO_WEAK');
    expect(response.json().error.fields[0]).toMatchObject({ path: 'body.newPassword' });
    expect(response.json().error.fields[0].message).toMatch(reason);
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

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const user = await makeUser(t.database.db, clinicId, 'provider');
    const { rows } = await t.database.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });
});
