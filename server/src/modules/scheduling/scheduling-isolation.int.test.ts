import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpBookingClinic, type BookingClinic } from '../../testing/booking-clinic';
import { fixedClock } from '../../platform/clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

const clock = fixedClock(new Date('2026-11-10T09:00:00Z'));
let t: TestApp;
let a: BookingClinic;
let b: BookingClinic;

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await setUpBookingClinic(t, clock, { name: 'Clinic A', timeZone: 'America/New_York' });
  b = await setUpBookingClinic(t, clock, { name: 'Clinic B', timeZone: 'Europe/Madrid' });
});
afterAll(async () => t.close());

describe('scheduling never reaches another clinic’s rows by id', () => {
  it('cannot remove another clinic’s waitlist entry, and does not list it', async () => {
    const { patientId } = await b.readyPatient({ email: 'wait-b@example.test' });
    const entry = (
      await b.call(b.frontDesk, 'POST', '/api/waitlist', {
        patientId,
        serviceTypeId: 'consultation',
        earliestDate: '2026-11-01',
        latestDate: '2026-11-30',
      })
    ).json();
    expect(entry.status).toBe('waiting');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/waitlist/${entry.id}`,
      headers: { cookie: a.frontDesk },
    });
    expect(removed.statusCode).toBe(404);
    const listA = (await a.call(a.frontDesk, 'GET', '/api/waitlist')).json();
    expect(listA.entries.map((e: { id: string }) => e.id)).not.toContain(entry.id);
    const listB = (await b.call(b.frontDesk, 'GET', '/api/waitlist')).json();
    expect(listB.entries.find((e: { id: string }) => e.id === entry.id).status).toBe('waiting');
  });

  it('cannot put another clinic’s patient on its waitlist', async () => {
    const { patientId } = await b.readyPatient({ email: 'other-b@example.test' });
    const response = await a.call(a.frontDesk, 'POST', '/api/waitlist', {
      patientId,
      serviceTypeId: 'consultation',
      earliestDate: '2026-11-01',
      latestDate: '2026-11-30',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PATIENT_NOT_FOUND');
  });

  it('cannot revoke another clinic’s calendar feed', async () => {
    const feed = (await b.call(b.providerCookie, 'POST', '/api/calendar-feeds')).json();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/calendar-feeds/${feed.id}`,
      headers: { cookie: a.providerCookie },
    });
    expect(revoked.statusCode).toBe(404);
    const still = await t.app.inject({ method: 'GET', url: new URL(feed.url).pathname });
    expect(still.statusCode).toBe(200);
  });

  it('does not find another clinic’s booking', async () => {
    const { patientId } = await b.readyPatient({ email: 'book-b@example.test' });
    const booking = (
      await b.call(b.frontDesk, 'POST', '/api/bookings', {
        patientId,
        serviceTypeId: 'consultation',
        start: '2026-11-13T14:00:00Z',
      })
    ).json();
    const cancel = await a.call(a.frontDesk, 'POST', `/api/bookings/${booking.id}/cancel`, { reason: 'No' });
    expect(cancel.statusCode).toBe(404);
  });
});
