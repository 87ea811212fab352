import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@needlepoint/core/auth/roles';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { totpNow } from '../server/src/platform/totp';
import { nextTotp } from '../server/src/testing/http';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();

const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

/** The labels of the staff areas, as the navigation shows them. */
const areas = ['Patients', 'Schedule', 'Screening', 'Aftercare', 'Reports', 'Settings', 'Users', 'Audit log'];

describe.skipIf(!available)('signing in, roles and two-factor enrolment (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let clinic: { id: string; name: string };
  const users = {} as Record<Role, TestUser>;
  let patient: { id: string; givenName: string; familyName: string };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    // This file signs in a dozen times from one address; the default limit (10 a minute) is tested elsewhere.
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    clinic = await makeClinic(db, { name: 'Lindenweg Skin Clinic', timeZone: 'Europe/Berlin' });
    patient = await makePatient(db, clinic.id, { givenName: 'Ines', familyName: 'Quartermaine' });
    users.owner = await makeUser(db, clinic.id, 'owner', { name: 'Olga Owner' });
    users.provider = await makeUser(db, clinic.id, 'provider', { name: 'Paul Provider' });
    users['front-desk'] = await makeUser(db, clinic.id, 'front-desk', { name: 'Fiona Desk' });
    users.patient = await makeUser(db, clinic.id, 'patient', {
      name: 'Ines Quartermaine',
      patientId: patient.id,
    });
    browser = await launchBrowser({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  beforeEach(async () => {
    await browser.clearCookies();
    const previous = browser.pages();
    page = await browser.newPage();
    for (const old of previous) await old.close();
  });

  async function signIn(user: TestUser, password = user.password) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signInWithCode(user: TestUser) {
    await signIn(user);
    const code = page.getByRole('textbox', { name: '6-digit code' });
    await code.waitFor();
    await code.fill(await nextTotp(user.totpSecret!));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }

  /** The staff areas the main navigation offers, once it has rendered. */
  async function navigationAreas(): Promise<string[]> {
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Security' }).waitFor();
    const shown: string[] = [];
    for (const area of areas) {
      if ((await nav.getByRole('link', { name: area, exact: true }).count()) > 0) shown.push(area);
    }
    return shown;
  }

  async function expectNotAllowed(path: string) {
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('not-allowed').innerText()).toContain('Not allowed');
  }

  it('owner: signs in with a code, sees Users and Audit log, finds a patient', async () => {
    await signInWithCode(users.owner);
    expect(await navigationAreas()).toEqual([
      'Patients',
      'Schedule',
      'Screening',
      'Aftercare',
      'Reports',
      'Settings',
      'Users',
      'Audit log',
    ]);
    expect(await page.getByTestId('clinic-name').innerText()).toBe('Lindenweg Skin Clinic');

    await page.getByRole('searchbox', { name: 'Search patients' }).fill('Quarter');
    await page.getByRole('link', { name: 'Quartermaine, Ines' }).click();
    await page.getByRole('heading', { name: 'Ines Quartermaine' }).waitFor();
    await page.getByRole('heading', { name: /Conditions/ }).waitFor();

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').innerText()).toContain('patient.viewed');
    await page
      .getByTestId('audit-chain')
      .getByText(/Chain intact/)
      .waitFor();
  });

  it('provider: Patients, Screening and Aftercare, but Users and Audit log are not allowed', async () => {
    await signIn(users.provider);
    const shown = await navigationAreas();
    expect(shown).toEqual(expect.arrayContaining(['Patients', 'Screening', 'Aftercare']));
    expect(shown).not.toContain('Users');
    expect(shown).not.toContain('Audit log');

    await expectNotAllowed('/settings/users');
    expect(await page.getByTestId('user-list').count()).toBe(0);
    await expectNotAllowed('/settings/audit');
    expect(await page.getByTestId('audit-table').count()).toBe(0);

    await page.goto(`${server.url}/settings`);
    await page.getByTestId('settings-read-only').waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
  });

  it('front desk: Patients and Schedule, but not Screening or Audit log', async () => {
    await signIn(users['front-desk']);
    const shown = await navigationAreas();
    expect(shown).toEqual(expect.arrayContaining(['Patients', 'Schedule']));
    expect(shown).not.toContain('Screening');
    expect(shown).not.toContain('Audit log');

    await expectNotAllowed('/screening');
    await expectNotAllowed('/settings/audit');
    expect(await page.getByTestId('audit-table').count()).toBe(0);
  });

  it('patient: the portal only, and staff pages are not allowed', async () => {
    await signIn(users.patient);
    await page.getByRole('heading', { name: 'Welcome, Ines Quartermaine' }).waitFor();
    await page.getByText('15 Jan 1990').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);

    await expectNotAllowed('/patients');
    expect(await page.getByTestId('patient-list').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
  });

  it('an owner without two-factor sign-in must enrol first, then renames the clinic', async () => {
    const owner = await makeUser(server.database.db, clinic.id, 'owner', { totp: false, name: 'New Owner' });
    await signIn(owner);
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();

    // Any other page sends the owner back to enrolment.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();

    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByRole('textbox', { name: '6-digit code' }).fill(await totpNow(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const name = page.getByRole('textbox', { name: 'Clinic name' });
    await name.waitFor();
    expect(await name.inputValue()).toBe('Lindenweg Skin Clinic');
    await name.fill('Lindenweg Skin & Scar Clinic');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Clinic settings saved.').waitFor();
    await page.getByTestId('clinic-name').getByText('Lindenweg Skin & Scar Clinic').waitFor();

    await page.reload();
    await page.getByRole('textbox', { name: 'Clinic name' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Clinic name' }).inputValue()).toBe(
      'Lindenweg Skin & Scar Clinic',
    );
  });

  it('a wrong password shows an error message and no stack trace', async () => {
    await signIn(users.provider, 'not the password at all');
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('The email or password is not correct.');
    expect(await page.locator('body').innerText()).not.toMatch(/at \w+ \(|Error:/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('sign out returns to sign-in, and staff pages then ask to sign in again', async () => {
    await signIn(users['front-desk']);
    await navigationAreas();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.goto(`${server.url}/patients`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('on a phone the navigation opens from the menu button', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    try {
      page = await phone.newPage();
      await signIn(users.provider);
      // The closed menu sits off screen and is inert, so neither a tap nor Tab reaches its links.
      const nav = page.locator('#staff-navigation');
      const onScreen = () => nav.evaluate((el) => el.getBoundingClientRect().right > 0 && !el.inert);
      await page.getByRole('heading', { name: 'Patients' }).waitFor();
      expect(await onScreen()).toBe(false);
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await nav.getByRole('link', { name: 'Aftercare' }).click();
      await page.getByRole('heading', { name: 'Aftercare', level: 1 }).waitFor();
      await page.waitForFunction("document.getElementById('staff-navigation')?.inert === true");
      expect(await onScreen()).toBe(false);
    } finally {
      await phone.dispose();
    }
  });
});
