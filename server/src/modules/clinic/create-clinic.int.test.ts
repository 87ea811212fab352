import { afterEach, describe, expect, it } from 'vitest';
import type { DomainError } from '@needlepoint/core/errors';
import { seedDemoClinic } from '../../seed/demo';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';
import { systemClock } from '../../platform/clock';
import { totpNow } from '../../platform/totp';
import { createClinic, setupStatus } from './create-clinic.service';

const origin = { ip: '127.0.0.1', requestId: 'test', clock: systemClock };
const input = {
  clinicName: 'Larkspur Skin Studio',
  timeZone: 'Europe/Madrid',
  ownerName: 'Imogen Vale',
  email: 'imogen@larkspur.example',
  password: 'violet anchor kettle 93',
};

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close();
});
async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  opened.push({ close: () => database.drop() });
  return database;
}
async function emptyApp(): Promise<TestApp> {
  const t = await createTestApp();
  opened.push(t);
  return t;
}

describe('createClinic (first-run set-up)', () => {
  it('creates the clinic and its owner with their own password, and records it', async () => {
    const { db } = await emptyDatabase();
    expect(await setupStatus(db)).toEqual({ needed: true, demo: false });
    const { clinicId, ownerId } = await createClinic(db, input, origin);
    const clinic = await db.query('SELECT name, time_zone, is_demo FROM clinics WHERE id = $1', [clinicId]);
    expect(clinic.rows[0]).toEqual({ name: input.clinicName, time_zone: 'Europe/Madrid', is_demo: false });
    const owner = await db.query(
      'SELECT role, email, name, password_hash, totp_enabled FROM users WHERE id = $1',
      [ownerId],
    );
    expect(owner.rows[0]).toMatchObject({ role: 'owner', email: input.email, totp_enabled: false });
    expect(owner.rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await db.query('SELECT action FROM audit_events WHERE clinic_id = $1', [clinicId]);
    expect(audit.rows.map((r) => r.action)).toEqual(['clinic.created']);
    expect(await setupStatus(db)).toEqual({ needed: false, demo: false });
  });

  it('runs once: a second set-up, even a simultaneous one, is refused', async () => {
    const { db } = await emptyDatabase();
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => createClinic(db, { ...input, email: `owner${i}@larkspur.example` }, origin)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r.reason as DomainError).code).toBe('CLINIC_ALREADY_SET_UP');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clinics');
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses a weak owner password and writes nothing', async () => {
    const { db } = await emptyDatabase();
    await expect(createClinic(db, { ...input, password: 'password1234' }, origin)).rejects.toMatchObject({
      code: 'AUTH_PASSWORD_TOO_WEAK',
    });
    await expect(createClinic(db, { ...input, password: 'Imogen Vale 1990' }, origin)).rejects.toMatchObject({
      code: 'AUTH_PASSWORD_TOO_WEAK',
    });
    expect(await setupStatus(db)).toEqual({ needed: true, demo: false });
  });

  it('is not offered once the demo clinic is loaded, which says it is a demo', async () => {
    const { db } = await emptyDatabase();
    expect(await seedDemoClinic(db, new Date())).toBe(true);
    expect(await setupStatus(db)).toEqual({ needed: false, demo: true });
  });
});

describe('the set-up page’s API', () => {
  it('signs the new owner in to enrol a second factor, then is closed', async () => {
    const t = await emptyApp();
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({
      needed: true,
      demo: false,
    });
    const created = await t.app.inject({ method: 'POST', url: '/api/setup', payload: input });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({
      role: 'owner',
      clinicName: input.clinicName,
      clinicIsDemo: false,
      totpSetupRequired: true,
    });
    const cookie = `np_session=${created.cookies.find((c) => c.name === 'np_session')!.value}`;
    // Until a second factor is set up the owner may only enrol.
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(users.json().error.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie } })
    ).json();
    const enabled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: { cookie },
      payload: { code: await totpNow(secret, new Date()) },
    });
    expect(enabled.json().user.totpSetupRequired).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(
      200,
    );

    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json().needed).toBe(false);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { ...input, email: 'intruder@example.test' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CLINIC_ALREADY_SET_UP');
  });
});
