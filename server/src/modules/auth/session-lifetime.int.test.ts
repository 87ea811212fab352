import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

const clock = fixedClock(new Date('2026-12-01T08:00:00Z'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('session lifetime', () => {
  it('ends a session at its absolute lifetime however active it is', async () => {
    const clinicId = (await makeClinic(t.database.db)).id;
    await t.database.db.query(
      'UPDATE clinics SET session_timeout_minutes = 60, session_lifetime_hours = 2 WHERE id = $1',
      [clinicId],
    );
    const cookie = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'provider'),
      clock.now(),
    );
    // Active every 50 minutes: the idle timeout (60 min) never runs out ...
    for (let i = 0; i < 2; i++) {
      clock.advance(50 * 60_000);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    clock.advance(19 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    // ... but two hours after signing in the session is over.
    clock.advance(2 * 60_000);
    const after = await me(cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('still ends an idle session at the idle timeout', async () => {
    const clinicId = (await makeClinic(t.database.db)).id;
    await t.database.db.query('UPDATE clinics SET session_timeout_minutes = 30 WHERE id = $1', [clinicId]);
    const cookie = await signInCookie(
      t.app,
      await makeUser(t.database.db, clinicId, 'provider'),
      clock.now(),
    );
    clock.advance(31 * 60_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('lets the owner set the lifetime in the clinic settings', async () => {
    const clinicId = (await makeClinic(t.database.db)).id;
    const cookie = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'), clock.now());
    const updated = await t.app.inject({
      method: 'PUT',
      url: '/api/clinic/settings',
      headers: { cookie },
      payload: { sessionLifetimeHours: 10 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ sessionLifetimeHours: 10, isDemo: false });
    const tooLong = await t.app.inject({
      method: 'PUT',
      url: '/api/clinic/settings',
      headers: { cookie },
      payload: { sessionLifetimeHours: 1000 },
    });
    expect(tooLong.json().error.code).toBe('VALIDATION_FAILED');
  });
});
