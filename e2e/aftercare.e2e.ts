import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly (see support/browser.ts).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
/** Set E2E_SCREENSHOTS to a folder to keep screenshots of the pages at phone and desktop width. */
const shots = process.env.E2E_SCREENSHOTS;

async function shot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, url: string, user: TestUser) {
  await page.context().clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!available)('aftercare: a patient checks in on a phone, staff work the triage queue', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let phone: Awaited<ReturnType<typeof launchBrowser>>;
  let desktop: Awaited<ReturnType<typeof launchBrowser>>;
  let patientUser: TestUser;
  let provider: TestUser;
  let frontDesk: TestUser;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Harbour Skin Clinic', timeZone: 'Europe/London' })).id;
    provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Paula Reyes' });
    frontDesk = await makeUser(db, clinicId, 'front-desk', { name: 'Fiona Desk' });
    const patient = await makePatient(db, clinicId, { givenName: 'Ines', familyName: 'Okafor' });
    patientUser = await makeUser(db, clinicId, 'patient', { name: 'Ines Okafor', patientId: patient.id });
    // A session treated two days ago (the real clock drives this journey).
    const start = new Date(Date.now() - 2 * 86_400_000);
    const end = new Date(start.getTime() + 75 * 60_000);
    await db.query(
      `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status,
         procedure_starts_at, room_free_at)
       VALUES ($1, $2, $3, 'microneedling', $4, $5, 'completed', $4, $5)`,
      [clinicId, patient.id, provider.id, start, end],
    );
    phone = await launchBrowser({ width: 390, height: 844 });
    desktop = await launchBrowser({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await phone?.dispose();
    await desktop?.dispose();
    await server?.stop();
  });

  it('a normal day-2 check-in shows reassurance at once; breathing difficulty shows the emergency banner', async () => {
    const page = await phone.newPage();
    await signIn(page, server.url, patientUser);
    await page.getByRole('heading', { name: 'Welcome, Ines Okafor' }).waitFor();
    await page.getByTestId('portal-check-in-card').waitFor();
    await shot(page, 'portal-home-phone');
    await page.getByTestId('portal-check-in-link').click();
    await page.getByRole('heading', { name: 'How is your skin today?' }).waitFor();
    expect(await page.getByTestId('check-in-day').innerText()).toContain('Day 2 after your treatment');

    // Sending without the required answers asks for them instead.
    await page.getByTestId('check-in-submit').click();
    await page.getByText('Please answer the questions marked above.').waitFor();

    await page.getByLabel('Dry or tight skin').check();
    await page.getByRole('radio', { name: 'Getting better' }).check();
    await page.getByRole('radio', { name: 'Mild' }).check();
    await page.getByTestId('pain-now').getByText('2', { exact: true }).click();
    await page.getByTestId('pain-day1').getByText('4', { exact: true }).click();
    await page.getByLabel('Highest temperature since treatment (°C)').fill('36.8');
    await shot(page, 'portal-check-in-form-phone');
    await page.getByTestId('check-in-submit').click();
    const advice = page.getByTestId('triage-advice');
    await advice.waitFor();
    expect(await advice.getAttribute('data-urgency')).toBe('expected');
    expect(await advice.innerText()).toContain('This looks like normal healing');
    expect(await advice.innerText()).toContain('Use sunscreen SPF 30 or more every day.');
    expect(await page.getByTestId('emergency-banner').count()).toBe(0);
    await shot(page, 'portal-check-in-expected-phone');

    await page.getByRole('button', { name: 'Check in again' }).click();
    await page.getByTestId('check-in-form').waitFor();
    await page.getByLabel('Difficulty breathing').check();
    await page.getByRole('radio', { name: 'About the same' }).check();
    await page.getByRole('radio', { name: 'Moderate' }).check();
    await page.getByTestId('pain-now').getByText('3', { exact: true }).click();
    await page.getByTestId('check-in-submit').click();
    const banner = page.getByTestId('emergency-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Call your local emergency number now');
    expect(await banner.innerText()).toContain('Emergency');
    expect(await page.getByTestId('triage-advice').getAttribute('data-urgency')).toBe('emergency');
    await shot(page, 'portal-check-in-emergency-phone');
    await page.close();
  });

  it('the provider is alerted, sees the emergency first with the answers, and records the call', async () => {
    const page = await desktop.newPage();
    await signIn(page, server.url, provider);
    const indicator = page.getByTestId('aftercare-alert-indicator');
    await indicator.waitFor();
    expect((await indicator.innerText()).toLowerCase()).toBe('1 urgent check-in');
    await indicator.click();
    await page.getByRole('heading', { name: 'Aftercare' }).waitFor();
    await page.getByTestId('aftercare-alerts').getByText('Ines Okafor').waitFor();
    const items = page.getByTestId('triage-item');
    await items.first().waitFor();
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).getAttribute('data-urgency')).toBe('emergency');
    expect(await items.nth(1).getAttribute('data-urgency')).toBe('expected');
    const top = items.nth(0);
    expect(await top.innerText()).toContain('Difficulty breathing');
    expect(await top.getByTestId('check-in-answers').innerText()).toContain('Reported: Difficulty breathing');
    await shot(page, 'staff-triage-queue-desktop');

    // An adverse event opened from the check-in, without leaving the queue.
    await top.getByRole('button', { name: 'Open adverse event…' }).click();
    await top.getByLabel('What happened').fill('Wheeze and throat tightness on day 2; treated in A&E');
    await top.getByRole('button', { name: 'Open adverse event', exact: true }).click();
    await top.getByTestId('adverse-event-opened').waitFor();

    await top.getByLabel('Note').fill('Phoned: ambulance called, seen in A&E');
    await top.getByRole('button', { name: 'Record contact' }).click();
    await page.getByTestId('triage-item').nth(1).waitFor({ state: 'detached' });
    await page.getByLabel('Which check-ins').getByText('All', { exact: true }).click();
    await page.getByText('Contacted by Dr Paula Reyes').waitFor();
    const linked = await server.database.db.query(
      'SELECT e.description FROM adverse_events e JOIN aftercare_check_ins c ON c.id = e.check_in_id',
    );
    expect(linked.rows).toEqual([{ description: 'Wheeze and throat tightness on day 2; treated in A&E' }]);
    await page.close();
  });

  it('front desk reads the queue but has no review buttons', async () => {
    const page = await desktop.newPage();
    await signIn(page, server.url, frontDesk);
    await page.getByRole('link', { name: 'Aftercare' }).first().click();
    await page.getByTestId('triage-queue').waitFor();
    expect(await page.getByRole('button', { name: 'Record contact' }).count()).toBe(0);
    await page.close();
  });
});
