import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { nextTotp } from '../server/src/testing/http';
import { parseMail, startTestSmtp } from '../server/src/testing/smtp';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)('staff invitation and password reset by email (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let clinicId: string;
  let owner: TestUser;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    smtp = await startTestSmtp();
    server = await startTestServer({ signInAttemptsPerMinute: 1000, mailer: smtp.mailer });
    clinicId = (await makeClinic(server.database.db, { name: 'Kauri Skin Clinic' })).id;
    owner = await makeUser(server.database.db, clinicId, 'owner', { name: 'Olga Owner' });
    browser = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
    await smtp?.stop();
  });

  /** The link in the newest email to `to` that the real SMTP server received (the outbox sends it in the background). */
  async function linkFromEmail(
    to: string,
    path: string,
    count = 1,
  ): Promise<{ url: string; subject: string }> {
    await expect
      .poll(() => smtp.inbox.filter((m) => m.to.includes(to)).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(count);
    const mail = await parseMail(smtp.inbox.filter((m) => m.to.includes(to)).at(-1)!);
    const url = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9_-]+`).exec(mail.text ?? '')![0];
    return { url, subject: mail.subject ?? '' };
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('the owner invites a provider; the provider opens the emailed link, sets a password and signs in', async () => {
    const page = await browser.newPage();
    await signIn(page, owner.email, owner.password);
    await page.getByRole('textbox', { name: '6-digit code' }).fill(await nextTotp(owner.totpSecret!));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    await page.goto(`${server.url}/settings/users`);
    await page.getByRole('button', { name: 'Add staff user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add staff user' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Pita Provider');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('pita@kauri.test');
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption('provider');
    expect(await dialog.getByLabel(/password/i).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Pita Provider was added. An invitation was sent to pita@kauri.test.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'pita@kauri.test' });
    await row.getByText('Invitation sent').waitFor();
    await row.getByRole('button', { name: 'Resend invitation to Pita Provider' }).waitFor();

    const { url, subject } = await linkFromEmail('pita@kauri.test', '/join');
    expect(subject).toBe('Kauri Skin Clinic: you are invited to Needlepoint');
    expect(url.startsWith(`${server.url}/join?token=`)).toBe(true);

    const provider = await browser.newPage();
    await browser.clearCookies();
    await provider.goto(url);
    await provider.getByRole('heading', { name: 'Welcome, Pita Provider' }).waitFor();
    await provider
      .getByRole('textbox', { name: 'New password', exact: true })
      .fill('tidal juniper beacon 47');
    await provider.getByRole('textbox', { name: 'Type the password again' }).fill('tidal juniper beacon 47');
    await provider.getByRole('button', { name: 'Set password and sign in' }).click();
    await provider.getByRole('heading', { name: 'Patients' }).waitFor();

    // The link works once.
    await provider.goto(url);
    await provider.getByRole('heading', { name: 'This link was already used' }).waitFor();

    // Signed out, the provider signs in with the password they chose.
    await browser.clearCookies();
    await signIn(provider, 'pita@kauri.test', 'tidal juniper beacon 47');
    await provider.getByRole('heading', { name: 'Patients' }).waitFor();
    await provider.close();
    await page.close();
  });

  it('a patient who forgot their password resets it through the emailed link and signs in with the new one', async () => {
    const patient = await makePatient(server.database.db, clinicId, { givenName: 'Ines' });
    const account = await makeUser(server.database.db, clinicId, 'patient', {
      patientId: patient.id,
      name: 'Ines',
    });
    await browser.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    const sent = await page.getByTestId('reset-sent').innerText();
    expect(sent).toContain(`If an account exists for ${account.email}`);

    // An unknown address gets the very same answer.
    await page.goto(`${server.url}/forgot-password`);
    await page.getByRole('textbox', { name: 'Email' }).fill('nobody@kauri.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect(await page.getByTestId('reset-sent').innerText()).toBe(
      sent.replace(account.email, 'nobody@kauri.test'),
    );

    const { url } = await linkFromEmail(account.email, '/reset-password');
    await page.goto(url);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('copper lagoon whistle 82');
    await page.getByRole('textbox', { name: 'Type the password again' }).fill('copper lagoon whistle 82');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();

    await signIn(page, account.email, account.password);
    await page.getByTestId('sign-in-error').waitFor();
    await signIn(page, account.email, 'copper lagoon whistle 82');
    await page.waitForURL(/\/portal$/);
    expect(smtp.inbox.some((m) => m.to.includes('nobody@kauri.test'))).toBe(false);
    await page.close();
  });

  it('an invited owner sets a password and is taken straight to two-factor set-up with its QR code', async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await signIn(page, owner.email, owner.password);
    await page.getByRole('textbox', { name: '6-digit code' }).fill(await nextTotp(owner.totpSecret!));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await page.goto(`${server.url}/settings/users`);
    await page.getByRole('button', { name: 'Add staff user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add staff user' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Mere Partner');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('mere@kauri.test');
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption('owner');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('row').filter({ hasText: 'mere@kauri.test' }).getByText('Invitation sent').waitFor();

    const { url } = await linkFromEmail('mere@kauri.test', '/join');
    await browser.clearCookies();
    await page.goto(url);
    await page.getByText('Next you will set up two-factor sign-in with your phone.').waitFor();
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('granite orchard falcon 36');
    await page.getByRole('textbox', { name: 'Type the password again' }).fill('granite orchard falcon 36');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await page.close();
  });
});
