import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { totpNow } from '../../platform/totp';
import { sealAuditTrail } from '../../testing/audit';

let t: TestApp;
let clinicId: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
});
afterAll(async () => t.close());

const call = (cookie: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

/** An owner who turns on two-factor sign-in through the API and keeps the recovery codes shown. */
async function enrolledOwner() {
  const owner = await makeUser(t.database.db, clinicId, 'owner', { totp: false });
  const cookie = await signInCookie(t.app, owner);
  const setup = await call(cookie, 'POST', '/api/auth/totp/setup');
  const secret = setup.json().secret as string;
  const enabled = await call(cookie, 'POST', '/api/auth/totp/enable', {
    code: await totpNow(secret, new Date()),
  });
  expect(enabled.statusCode).toBe(200);
  return { owner, cookie, codes: enabled.json().recoveryCodes as string[], enabled: enabled.json() };
}

const login = (email: string, password: string, extra: Record<string, string> = {}) =>
  call(null, 'POST', '/api/auth/login', { email, password, ...extra });

describe('recovery codes', () => {
  it('turning on two-factor sign-in gives ten codes, kept only as hashes', async () => {
    const { owner, codes, enabled } = await enrolledOwner();
    expect(enabled.user).toMatchObject({ totpEnabled: true, totpSetupRequired: false });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const { rows } = await t.database.db.query<{ code_hash: string; used_at: Date | null }>(
      'SELECT code_hash, used_at FROM recovery_codes WHERE clinic_id = $1 AND user_id = $2',
      [clinicId, owner.id],
    );
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace(/-/g, ''));
    }
  });

  it('a code signs in once in place of the 6-digit code, and is refused the second time', async () => {
    const { owner, codes, cookie } = await enrolledOwner();
    const first = await login(owner.email, owner.password, { recoveryCode: codes[3]!.toUpperCase() });
    expect(first.statusCode).toBe(200);
    expect(first.cookies.some((c) => c.name === 'np_session')).toBe(true);
    const again = await login(owner.email, owner.password, { recoveryCode: codes[3]! });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('AUTH_RECOVERY_CODE_INVALID');
    const made = await login(owner.email, owner.password, { recoveryCode: 'abcd-efgh-jkmn-pqrs' });
    expect(made.json().error.code).toBe('AUTH_RECOVERY_CODE_INVALID');
    // The password still comes first: a recovery code with a wrong password opens nothing.
    const wrongPassword = await login(owner.email, 'not the password', { recoveryCode: codes[4]! });
    expect(wrongPassword.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await call(cookie, 'GET', '/api/auth/recovery-codes')).json()).toEqual({
      remaining: 9,
      total: 10,
    });
    await sealAuditTrail(t.database.db);
    const audit = await t.database.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_events WHERE clinic_id = $1 AND entity_id = $2 ORDER BY seq`,
      [clinicId, owner.id],
    );
    expect(audit.rows).toEqual(
      expect.arrayContaining([
        { action: 'auth.totp-enabled', details: { recoveryCodes: 10 } },
        { action: 'auth.login', details: { secondFactor: 'recovery-code' } },
        { action: 'auth.login-failed', details: { reason: 'recovery-code' } },
      ]),
    );
  });

  it('another user’s code does not work', async () => {
    const a = await enrolledOwner();
    const b = await enrolledOwner();
    const crossed = await login(b.owner.email, b.owner.password, { recoveryCode: a.codes[0]! });
    expect(crossed.json().error.code).toBe('AUTH_RECOVERY_CODE_INVALID');
  });

  it('new codes need the password, and the old ones stop working', async () => {
    const { owner, codes, cookie } = await enrolledOwner();
    const wrong = await call(cookie, 'POST', '/api/auth/recovery-codes', { password: 'not it at all' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({
      code: 'AUTH_PASSWORD_INCORRECT',
      fields: [{ path: 'body.password' }],
    });
    const fresh = await call(cookie, 'POST', '/api/auth/recovery-codes', { password: owner.password });
    expect(fresh.statusCode).toBe(200);
    const newCodes = fresh.json().recoveryCodes as string[];
    expect(newCodes).toHaveLength(10);
    expect(newCodes.some((code) => codes.includes(code))).toBe(false);
    const old = await login(owner.email, owner.password, { recoveryCode: codes[0]! });
    expect(old.json().error.code).toBe('AUTH_RECOVERY_CODE_INVALID');
    expect((await login(owner.email, owner.password, { recoveryCode: newCodes[0]! })).statusCode).toBe(200);
  });

  it('a user without two-factor sign-in has no codes to make', async () => {
    const provider = await makeUser(t.database.db, clinicId, 'provider');
    const cookie = await signInCookie(t.app, provider);
    const refused = await call(cookie, 'POST', '/api/auth/recovery-codes', { password: provider.password });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('AUTH_TOTP_NOT_ENABLED');
    expect((await call(cookie, 'GET', '/api/auth/recovery-codes')).json()).toEqual({
      remaining: 0,
      total: 0,
    });
  });
});
