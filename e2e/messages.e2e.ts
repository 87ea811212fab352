import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuePatientMessage } from '../server/src/modules/messages/outbox.service';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { parseMail, startTestSmtp } from '../server/src/testing/smtp';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
const shots = fileURLToPath(new URL('../test-results/messages/', import.meta.url));

describe.skipIf(!available)('messages: the portal inbox and one-click unsubscribe (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
  let patientUser: TestUser;
  let patientId: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    mkdirSync(shots, { recursive: true });
    smtp = await startTestSmtp();
    server = await startTestServer({ signInAttemptsPerMinute: 1000, mailer: smtp.mailer });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Harbour Skin Clinic', timeZone: 'Europe/London' })).id;
    patientId = (await makePatient(db, clinicId, { givenName: 'Ines', email: 'ines@patients.test' })).id;
    patientUser = await makeUser(db, clinicId, 'patient', { name: 'Ines Okafor', patientId });
    await db.transaction((client) =>
      queuePatientMessage(client, clinicId, patientId, 'check-in-prompt', { day: 1 }, { now: new Date() }),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  it('the patient reads the message in the portal, then stops tips with the link in the email', async () => {
    await expect
      .poll(() => smtp.inbox.find((m) => m.to.includes('ines@patients.test'))?.text, { timeout: 30_000 })
      .toMatch(/\/unsubscribe\//);
    const mail = smtp.inbox.find((m) => m.to.includes('ines@patients.test'))!;
    // The footer link of the text part (the List-Unsubscribe header holds the one-click POST address).
    const text = (await parseMail(mail)).text ?? '';
    const link = new URL(/https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9_-]+/.exec(text)![0]!);
    expect(link.pathname).toMatch(/^\/unsubscribe\//);

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const browser = await launchBrowser(viewport);
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/sign-in`);
        await page.getByRole('textbox', { name: 'Email' }).fill(patientUser.email);
        await page.getByRole('textbox', { name: 'Password' }).fill(patientUser.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('link', { name: 'Messages' }).first().waitFor();
        await page.goto(`${server.url}/portal/messages`);
        await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
        await page.getByText('Harbour Skin Clinic: how is your skin today?').click();
        await page.getByText(/It is day 1 after your treatment/).waitFor();
        await page.getByRole('heading', { name: 'How we contact you' }).waitFor();
        await page.screenshot({ path: `${shots}inbox-${viewport.width}.png`, fullPage: true });

        const other = await browser.newPage();
        await other.goto(`${server.url}${link.pathname}`);
        await other.getByRole('heading', { name: 'Stop tips and reminders' }).waitFor();
        await other.screenshot({ path: `${shots}unsubscribe-${viewport.width}.png` });
        if (viewport.width === 390) {
          await other.getByRole('button', { name: 'Stop tips and reminders' }).click();
        }
        await other.getByTestId('unsubscribed').waitFor();
        await page.reload();
        const tips = page.getByRole('checkbox', { name: 'Tips, reminders and check-in requests' });
        await tips.waitFor();
        expect(await tips.isChecked()).toBe(false);
      } finally {
        await browser.dispose();
      }
    }
    const prefs = await server.database.db.query(
      'SELECT non_essential FROM message_preferences WHERE patient_id = $1',
      [patientId],
    );
    expect(prefs.rows).toEqual([{ non_essential: false }]);
  });
});
