import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatient } from '../server/src/testing/factories';
import { startTestSmtp } from '../server/src/testing/smtp';
import { totpNow } from '../server/src/platform/totp';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)('a real first clinic, and inviting a patient (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    smtp = await startTestSmtp();
    server = await startTestServer({ mailer: smtp.mailer });
    browser = await launchBrowser({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
    await smtp?.stop();
  });

  it('sets up the clinic on an empty database, enrols the owner’s second factor, and invites a patient by email only', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Set up your clinic' }).waitFor();
    await page.getByRole('textbox', { name: 'Clinic name' }).fill('Larkspur Skin Studio');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Imogen Vale');
    await page.getByRole('textbox', { name: 'Your email' }).fill('imogen@larkspur.example');
    // A common password is refused by the server, next to the field.
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('password1234');
    await page.getByRole('textbox', { name: 'Type the password again' }).fill('password1234');
    await page.getByRole('button', { name: 'Create the clinic' }).click();
    await page.getByText('It is a common password, found in lists of leaked passwords').waitFor();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('violet anchor kettle 93');
    await page.getByRole('textbox', { name: 'Type the password again' }).fill('violet anchor kettle 93');
    await page.getByRole('button', { name: 'Create the clinic' }).click();

    // The new owner goes straight to two-factor enrolment.
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    await page.getByRole('textbox', { name: '6-digit code' }).fill(await totpNow(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);

    // The set-up page is closed now.
    const { rows } = await server.database.db.query<{ id: string }>('SELECT id FROM clinics');
    expect(rows).toHaveLength(1);
    const status = await server.app.inject({ method: 'GET', url: '/api/setup' });
    expect(status.json().needed).toBe(false);

    // Inviting a patient: the address on the record, no link shown to staff.
    const patient = await makePatient(server.database.db, rows[0]!.id, {
      givenName: 'Nora',
      familyName: 'Lindqvist',
      email: 'nora@patients.example',
    });
    await page.goto(`${server.url}/patients/${patient.id}`);
    await page.getByRole('button', { name: 'Invite to portal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite to the patient portal' });
    await dialog.getByText('nora@patients.example').waitFor();
    expect(await dialog.getByRole('textbox').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByTestId('invitation-sent').waitFor();
    const shown = await dialog.innerText();
    expect(shown).toMatch(/Sent to nora@patients\.example/);
    expect(shown).not.toMatch(/token|welcome\?/);
    // The outbox delivers it through the job queue.
    await expect
      .poll(() => smtp.inbox.find((m) => m.to.includes('nora@patients.example'))?.text, { timeout: 30_000 })
      .toMatch(/\/portal\/welcome\?token=/);
    await dialog.getByRole('button', { name: 'Send again' }).waitFor();
  });
});
