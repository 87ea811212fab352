import { expect } from 'vitest';
import type { Clock } from '../platform/clock';
import { signedConsent } from './consents';
import { answeredNo, makeClinic, makePatient, makeUser, type TestUser } from './factories';
import { signInCookie } from './http';
import type { TestApp } from './test-app';

const allDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
  (weekday) => ({ weekday, start: '09:00', end: '17:00' }),
);

export interface BookingClinic {
  clinicId: string;
  provider: TestUser;
  owner: TestUser;
  providerCookie: string;
  frontDesk: string;
  ownerCookie: string;
  call(
    cookie: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ): Promise<Awaited<ReturnType<TestApp['app']['inject']>>>;
  /**
   * A patient who answered every question "no", signed the treatment consent and has a draft acne-scars plan: ready
   * to book sessions.
   */
  readyPatient(details: {
    email?: string;
    phone?: string;
    givenName?: string;
  }): Promise<{ patientId: string; planId: string }>;
}

/** A clinic with an address and phone, a provider working every day 09:00-17:00, a room and a device. */
export async function setUpBookingClinic(
  t: TestApp,
  clock: Clock,
  clinic: { name: string; timeZone: string },
): Promise<BookingClinic> {
  const clinicId = (await makeClinic(t.database.db, clinic)).id;
  await t.database.db.query(`UPDATE clinics SET address = $2, phone = $3 WHERE id = $1`, [
    clinicId,
    '12 Harbour Street, Portland',
    '+1 207 555 0100',
  ]);
  const call: BookingClinic['call'] = (cookie, method, url, payload) =>
    t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const provider = await makeUser(t.database.db, clinicId, 'provider', { name: 'Dr Reyes' });
  const owner = await makeUser(t.database.db, clinicId, 'owner');
  const providerCookie = await signInCookie(t.app, provider, clock.now());
  const frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
  const ownerCookie = await signInCookie(t.app, owner, clock.now());
  const room = (await call(ownerCookie, 'POST', '/api/rooms', { name: 'Room 1' })).json();
  await call(ownerCookie, 'POST', '/api/devices', { name: 'Pen A', roomId: room.id });
  expect(
    (await call(frontDesk, 'PUT', `/api/providers/${provider.id}/working-hours`, { rules: allDays }))
      .statusCode,
  ).toBe(200);
  return {
    clinicId,
    provider,
    owner,
    providerCookie,
    frontDesk,
    ownerCookie,
    call,
    async readyPatient(details) {
      const p = await makePatient(t.database.db, clinicId, details);
      const today = clock.now().toISOString().slice(0, 10);
      const patched = await call(providerCookie, 'PATCH', `/api/patients/${p.id}`, {
        expectedVersion: 1,
        sex: 'female',
        answers: answeredNo,
        listsReviewed: { conditions: today, medications: today, allergies: today },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      await signedConsent(t.database.db, clinicId, p.id, provider.id);
      const plan = (
        await call(providerCookie, 'POST', '/api/plans', { patientId: p.id, templateId: 'acne-scars' })
      ).json();
      return { patientId: p.id, planId: plan.id as string };
    },
  };
}
