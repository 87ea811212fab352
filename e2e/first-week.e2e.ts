import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localDate, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { totpNow } from '../server/src/platform/totp';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
// Far from UTC, so a time shown in the browser's zone (UTC here) instead of the clinic's is caught.
const timeZone = 'Pacific/Auckland';

describe.skipIf(!available)('a clinic’s first week: owner and front desk (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let owner: TestUser;
  let frontDesk: TestUser;
  let visitor: { id: string; givenName: string; familyName: string };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Kauri Skin Clinic', timeZone })).id;
    owner = await makeUser(db, clinicId, 'owner', { name: 'Olga Owner' });
    frontDesk = await makeUser(db, clinicId, 'front-desk', { name: 'Fiona Desk' });
    const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Ana Ruiz' });
    visitor = await makePatient(db, clinicId, { givenName: 'Wiremu', familyName: 'Tane' });
    // A consultation later today at the clinic (23:30 local at the latest, so it is still today there).
    const today = localDate(Date.now(), timeZone);
    await db.query(
      `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, procedure_starts_at, ends_at, room_free_at)
       VALUES ($1, $2, $3, 'consultation', $4, $4, $5, $5)`,
      [
        clinicId,
        visitor.id,
        provider.id,
        new Date(zonedToUtc(today, '23:00', timeZone)),
        new Date(zonedToUtc(today, '23:30', timeZone)),
      ],
    );
    browser = await launchBrowser({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  beforeEach(async () => {
    await browser.clearCookies();
    page = await browser.newPage();
  });

  async function signIn(user: TestUser) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (user.totpSecret) {
      const code = page.getByRole('textbox', { name: '6-digit code' });
      await code.waitFor();
      await code.fill(await totpNow(user.totpSecret, new Date()));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
    }
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  }

  it('owner: types in the add-staff form and the audit date filter without the app crashing; reads a consent rendered', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(owner);
    await page.goto(`${server.url}/settings/users`);
    await page.getByRole('button', { name: 'Add staff user' }).click();
    const name = page.getByRole('textbox', { name: 'Name' });
    await name.pressSequentially('Nadia Park', { delay: 10 });
    await page.getByRole('textbox', { name: 'Email' }).pressSequentially('nadia@kauri.test', { delay: 10 });
    expect(await name.inputValue()).toBe('Nadia Park');
    await page
      .getByRole('dialog', { name: 'Add staff user' })
      .getByRole('button', { name: 'Cancel' })
      .click();

    await page.goto(`${server.url}/settings/audit`);
    const from = page.getByLabel('From');
    await from.fill('2026-11-01');
    await from.fill('2026-11-02');
    expect(await from.inputValue()).toBe('2026-11-02');
    await page.getByRole('button', { name: 'Show events' }).waitFor();

    await page.goto(`${server.url}/settings/consent-documents`);
    await page.getByRole('button', { name: 'Read the text' }).first().click();
    const text = page
      .locator('[id]')
      .filter({ has: page.getByRole('heading', { name: 'What the treatment is' }) });
    await page.getByRole('heading', { name: 'What the treatment is' }).first().waitFor();
    expect(await text.first().innerText()).not.toContain('## ');
    expect(errors).toEqual([]);
  });

  it('front desk: refuses a birth date in the future, warns of a duplicate, and checks a patient in today', async () => {
    await signIn(frontDesk);
    await page.goto(`${server.url}/patients`);
    await page.getByRole('button', { name: 'Add patient' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add patient' });
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Wiremu');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Tane');
    await dialog.getByLabel('Birth date').fill('2999-01-01');
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await dialog.getByText('The birth date cannot be in the future').waitFor();

    const birth = (
      await server.database.db.query<{ b: string }>(
        `SELECT to_char(birth_date, 'YYYY-MM-DD') AS b FROM patients WHERE id = $1`,
        [visitor.id],
      )
    ).rows[0]!.b;
    await dialog.getByLabel('Birth date').fill(birth);
    await dialog.getByRole('button', { name: 'Add patient' }).click();
    await dialog.getByText('This may be a patient you already have').waitFor();
    await dialog.getByRole('link', { name: /Wiremu Tane, born/ }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Today' })
      .click();
    const expected = page.getByTestId('today-Expected');
    await expected.getByText('Wiremu Tane').waitFor();
    // Shown at the clinic's time, not the browser's (UTC).
    expect(await expected.innerText()).toContain('23:00');
    await page.getByRole('button', { name: 'Check in: Wiremu Tane' }).click();
    await page.getByTestId('today-Arrived').getByText('Wiremu Tane').waitFor();
    await page.getByRole('button', { name: 'Start treatment: Wiremu Tane' }).click();
    await page.getByTestId('today-In treatment').getByText('Wiremu Tane').waitFor();
  });
});
