import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import {
  answeredNo,
  makeClinic,
  makePatient,
  makeUser,
  type TestUser,
} from '../server/src/testing/factories';
import { signedConsent } from '../server/src/testing/consents';
import { signInCookie } from '../server/src/testing/http';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();

const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
const timeZone = 'Europe/London';
const allDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
  (weekday) => ({ weekday, start: '09:00', end: '17:00' }),
);

const longDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
};

describe.skipIf(!available)('patient portal: booking the next plan session on a phone (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let phone: Awaited<ReturnType<typeof launchBrowser>>;
  let patientUser: TestUser;
  // Session 1 is tomorrow (clinic time); the acne-scars plan needs 28 days between sessions.
  const today = localDate(Date.now(), timeZone);
  const first = addDays(today, 1);
  const tooSoon = addDays(today, 3);
  const earliest = addDays(first, 28);

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Harbour Skin Clinic', timeZone })).id;
    const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Paula Reyes' });
    const owner = await makeUser(db, clinicId, 'owner', { name: 'Olga Owner' });
    const frontDesk = await makeUser(db, clinicId, 'front-desk', { name: 'Fiona Desk' });
    const patient = await makePatient(db, clinicId, { givenName: 'Ines', familyName: 'Okafor' });
    patientUser = await makeUser(db, clinicId, 'patient', { name: 'Ines Okafor', patientId: patient.id });

    const cookies = {
      owner: await signInCookie(server.app, owner),
      provider: await signInCookie(server.app, provider),
      frontDesk: await signInCookie(server.app, frontDesk),
    };
    const call = async (cookie: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object) => {
      const response = await server.app.inject({ method, url, headers: { cookie }, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as { id: string };
    };
    await call(cookies.frontDesk, 'PUT', `/api/providers/${provider.id}/working-hours`, { rules: allDays });
    const room = await call(cookies.owner, 'POST', '/api/rooms', { name: 'Room 1' });
    await call(cookies.owner, 'POST', '/api/devices', { name: 'Pen A', roomId: room.id });
    await call(cookies.provider, 'PATCH', `/api/patients/${patient.id}`, {
      expectedVersion: 1,
      sex: 'male',
      answers: answeredNo,
      listsReviewed: { conditions: today, medications: today, allergies: today },
    });
    await signedConsent(db, clinicId, patient.id, provider.id);
    const plan = await call(cookies.provider, 'POST', '/api/plans', {
      patientId: patient.id,
      templateId: 'acne-scars',
    });
    await call(cookies.frontDesk, 'POST', '/api/bookings', {
      patientId: patient.id,
      serviceTypeId: 'microneedling',
      start: new Date(zonedToUtc(first, '10:00', timeZone)).toISOString(),
      planId: plan.id,
    });
    phone = await launchBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await phone?.dispose();
    await server?.stop();
  });

  /** Pages the day strip (it opens at the plan's due window) until `date` is on it. */
  async function showDay(page: Page, date: string) {
    const strip = page.getByTestId('day-strip');
    await strip.locator('[data-date]').first().waitFor();
    for (let i = 0; i < 15 && (await strip.locator(`[data-date="${date}"]`).count()) === 0; i++) {
      const first = (await strip.locator('[data-date]').first().getAttribute('data-date'))!;
      await page.getByRole('button', { name: first > date ? '‹ Earlier' : 'Later ›' }).click();
      await expect
        .poll(async () => strip.locator('[data-date]').first().getAttribute('data-date'))
        .not.toBe(first);
    }
  }

  async function chooseFirstTime(page: Page, date: string) {
    await showDay(page, date);
    const day = page.getByTestId('day-strip').locator(`[data-date="${date}"]`);
    await day.scrollIntoViewIfNeeded();
    await day.click();
    const times = page.getByTestId('time-list').getByRole('button');
    await times.first().waitFor();
    const time = await times.first().innerText();
    await times.first().click();
    return time;
  }

  it('offers no time too soon after the last session, then books one after the interval', async () => {
    const page = await phone.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(patientUser.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(patientUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Ines Okafor' }).waitFor();

    await page.getByTestId('portal-book-link').click();
    await page.getByRole('heading', { name: 'Book your next session' }).waitFor();
    await page.getByText('Atrophic acne scars').first().waitFor();
    expect(await page.getByTestId('next-due').innerText()).toContain('due from');
    // Session 1, booked by the clinic, is listed.
    await page.getByTestId('my-appointments').getByText(longDay(first), { exact: false }).waitFor();
    // The day strip opens at the plan's due window, not today.
    const opened = await page
      .getByTestId('day-strip')
      .locator('[data-date]')
      .first()
      .getAttribute('data-date');
    expect(opened).toBe(addDays(earliest, -2));

    // Too soon (two days after session 1): the day is shown, with no times and the reason, before any choice.
    await showDay(page, tooSoon);
    expect(await page.getByTestId('day-strip').locator(`[data-date="${tooSoon}"]`).isDisabled()).toBe(true);

    // After the interval: booked, and listed under "My appointments".
    const time = await chooseFirstTime(page, earliest);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByText('Your appointment is booked.').waitFor();
    const mine = page.getByTestId('my-appointments');
    await mine.getByText(`${longDay(earliest)}, ${time}`).waitFor();
    expect(await mine.innerText()).toContain('session 2');
    // The acne-scars plan uses PRP: its sessions are booked as the PRP service, not plain microneedling.
    expect(await mine.innerText()).toContain('Microneedling session with PRP · session 2');

    // The patient moves it two days later: same session, new time, listed at once.
    const later = addDays(earliest, 2);
    await mine
      .getByRole('button', { name: `Change the time of the appointment on ${longDay(earliest)}` })
      .click();
    await page.getByTestId('moving').waitFor();
    const newTime = await chooseFirstTime(page, later);
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await page.getByText('Your appointment is moved.').waitFor();
    await mine.getByText(`${longDay(later)}, ${newTime}`).waitFor();
    expect(await mine.innerText()).not.toContain(`${longDay(earliest)}, ${time}`);

    // The portal home shows the next appointment: session 1, tomorrow.
    await page.getByRole('link', { name: '← Home' }).click();
    const nextUp = page.getByTestId('next-appointment');
    await nextUp.waitFor();
    expect(await nextUp.innerText()).toContain(longDay(first));
  });

  it('books a session due more than 90 days ahead, inside the booking horizon', async () => {
    const db = server.database.db;
    const clinicId = (
      await db.query<{ clinic_id: string }>('SELECT clinic_id FROM users WHERE id = $1', [patientUser.id])
    ).rows[0]!.clinic_id;
    const patient = await makePatient(db, clinicId, { givenName: 'Rafa', familyName: 'Lindqvist' });
    const user = await makeUser(db, clinicId, 'patient', { name: 'Rafa Lindqvist', patientId: patient.id });
    const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Long Interval' });
    const cookie = await signInCookie(server.app, provider);
    const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => {
      const response = await server.app.inject({ method, url, headers: { cookie }, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as { id: string };
    };
    await call('PUT', `/api/providers/${provider.id}/working-hours`, { rules: allDays });
    await call('PATCH', `/api/patients/${patient.id}`, {
      expectedVersion: 1,
      sex: 'male',
      answers: answeredNo,
      listsReviewed: { conditions: today, medications: today, allergies: today },
    });
    await signedConsent(db, clinicId, patient.id, provider.id);
    // Sessions four months apart, plain microneedling (no PRP).
    const plan = await call('POST', '/api/plans', {
      patientId: patient.id,
      templateId: 'acne-scars',
      adjustments: { minIntervalDays: 120, typicalIntervalDays: 125, adjuncts: [] },
    });
    await call('POST', '/api/bookings', {
      patientId: patient.id,
      providerId: provider.id,
      serviceTypeId: 'microneedling',
      start: new Date(zonedToUtc(first, '14:00', timeZone)).toISOString(),
      planId: plan.id,
    });
    const due = addDays(first, 120);

    const page = await phone.newPage();
    await phone.clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('portal-book-link').click();
    await page.getByRole('heading', { name: 'Book your next session' }).waitFor();
    const time = await chooseFirstTime(page, due);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByText('Your appointment is booked.').waitFor();
    const mine = page.getByTestId('my-appointments');
    await mine.getByText(`${longDay(due)}, ${time}`).waitFor();
    expect(await mine.innerText()).toContain('Microneedling session · session 2');
  });

  it('asks a patient who has not signed the treatment consent to sign it before offering any time', async () => {
    const db = server.database.db;
    const clinicId = (
      await db.query<{ clinic_id: string }>('SELECT clinic_id FROM users WHERE id = $1', [patientUser.id])
    ).rows[0]!.clinic_id;
    const patient = await makePatient(db, clinicId, { givenName: 'Noor', familyName: 'Haddad' });
    const user = await makeUser(db, clinicId, 'patient', { name: 'Noor Haddad', patientId: patient.id });
    const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Consent' });
    const cookie = await signInCookie(server.app, provider);
    const call = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
      const response = await server.app.inject({ method, url, headers: { cookie }, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json() as { id: string };
    };
    await call('PATCH', `/api/patients/${patient.id}`, {
      expectedVersion: 1,
      sex: 'female',
      answers: answeredNo,
      listsReviewed: { conditions: today, medications: today, allergies: today },
    });
    const plan = await call('POST', '/api/plans', { patientId: patient.id, templateId: 'acne-scars' });
    await call('POST', `/api/plans/${plan.id}/transitions`, { to: 'active' });

    const page = await phone.newPage();
    await phone.clearCookies();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('portal-book-link').click();
    const blocked = page.getByTestId('booking-blocked');
    await blocked.waitFor();
    expect(await blocked.innerText()).toContain('Please sign the consent form for this treatment first');
    expect(await page.getByTestId('day-strip').count()).toBe(0);
    await blocked.getByRole('link', { name: 'Go to consent forms' }).click();
    await page.waitForURL(/\/portal\/consents$/);
  });
});
