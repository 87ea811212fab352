import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser, type TestUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let ownerA: string;
let ownerB: string;
let providerA: TestUser;
let providerACookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicA = (await makeClinic(db, { name: 'Clinic A' })).id;
  const clinicB = (await makeClinic(db, { name: 'Clinic B' })).id;
  ownerA = await signInCookie(t.app, await makeUser(db, clinicA, 'owner'));
  ownerB = await signInCookie(t.app, await makeUser(db, clinicB, 'owner'));
  providerA = await makeUser(db, clinicA, 'provider', { name: 'Dr Amara' });
  providerACookie = await signInCookie(t.app, providerA);
});
afterAll(async () => t.close());

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('staff accounts', () => {
  it('lists the clinic’s own staff only', async () => {
    const a = (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: ownerA } })).json();
    expect(a.users.map((u: { id: string }) => u.id)).toContain(providerA.id);
    const b = (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: ownerB } })).json();
    expect(b.users.map((u: { id: string }) => u.id)).not.toContain(providerA.id);
  });

  it('another clinic’s owner cannot change, deactivate or re-invite a staff member', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${providerA.id}`,
      headers: { cookie: ownerB },
      payload: { role: 'front-desk', active: false },
    });
    expect(patch.statusCode).toBe(404);
    const resend = await t.app.inject({
      method: 'POST',
      url: `/api/users/${providerA.id}/invitation`,
      headers: { cookie: ownerB },
    });
    expect(resend.statusCode).toBe(404);
    expect((await me(providerACookie)).statusCode).toBe(200);
  });

  it('a changed role ends the person’s sessions, so the new role applies at their next sign-in', async () => {
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${providerA.id}`,
      headers: { cookie: ownerA },
      payload: { role: 'front-desk' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: providerA.id, role: 'front-desk' });
    expect((await me(providerACookie)).statusCode).toBe(401);
  });
});
