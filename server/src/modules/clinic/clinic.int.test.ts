import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicA: string;
let clinicB: string;
let ownerA: string;
let ownerB: string;
let frontDeskA: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  clinicA = (await makeClinic(db, { name: 'Clinic A', timeZone: 'America/New_York' })).id;
  clinicB = (await makeClinic(db, { name: 'Clinic B', timeZone: 'Europe/Madrid' })).id;
  ownerA = await signInCookie(t.app, await makeUser(db, clinicA, 'owner'));
  ownerB = await signInCookie(t.app, await makeUser(db, clinicB, 'owner'));
  frontDeskA = await signInCookie(t.app, await makeUser(db, clinicA, 'front-desk'));
});
afterAll(async () => t.close());

const settings = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/clinic/settings', headers: { cookie } });

describe('clinic settings', () => {
  it('shows each signed-in person their own clinic’s settings', async () => {
    expect((await settings(ownerA)).json()).toMatchObject({
      id: clinicA,
      name: 'Clinic A',
      timeZone: 'America/New_York',
    });
    expect((await settings(ownerB)).json()).toMatchObject({ id: clinicB, timeZone: 'Europe/Madrid' });
  });

  it('changes only the owner’s own clinic, records what changed, and refuses the front desk', async () => {
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/clinic/settings',
      headers: { cookie: ownerA },
      payload: { name: 'Clinic A (Harbour St)', rescheduleNoticeHours: 48 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Clinic A (Harbour St)', rescheduleNoticeHours: 48 });
    expect((await settings(ownerB)).json()).toMatchObject({ name: 'Clinic B' });
    const { rows } = await t.database.db.query<{ clinic_id: string; details: Record<string, unknown> }>(
      "SELECT clinic_id, details FROM audit_events WHERE action = 'clinic.settings-updated'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clinic_id: clinicA,
      details: { name: { from: 'Clinic A', to: 'Clinic A (Harbour St)' } },
    });
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/clinic/settings',
      headers: { cookie: frontDeskA },
      payload: { name: 'Not allowed' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a new time zone is the one every later local date of the clinic is in', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/clinic/settings',
      headers: { cookie: ownerA },
      payload: { timeZone: 'Pacific/Auckland' },
    });
    expect((await settings(frontDeskA)).json().timeZone).toBe('Pacific/Auckland');
    expect((await settings(ownerB)).json().timeZone).toBe('Europe/Madrid');
  });
});
