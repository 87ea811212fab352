import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeClinic,
  makePatient,
  makeUser,
  type TestPatient,
  type TestUser,
} from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';
import { startTestSmtp } from '../server/src/testing/smtp';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();

/** With E2E_SHOTS_DIR set, each page is also photographed at phone and desktop width (for design review). */
const shotsDir = process.env.E2E_SHOTS_DIR;
async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  await page.screenshot({ path: `${shotsDir}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${shotsDir}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
}

/** Dark pixels on the signature pad: how much of a signature it shows. */
async function inkPixels(page: Page): Promise<number> {
  return page.getByTestId('signature-pad').evaluate((el) => {
    const canvas = el as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(...box: number[]): { data: Uint8ClampedArray } };
    };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
    return dark;
  });
}

const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

const consentBody =
  'Microneedling makes many tiny punctures in the skin to start healing and collagen production.\n\n' +
  'Common effects: redness and swelling for 1 to 3 days, mild flaking. Rare risks: infection, cold sore ' +
  'flare, changes in skin colour, scarring.\n\nI have had the chance to ask questions and I agree to treatment.';

describe.skipIf(!available)(
  'patient portal: invitation, questionnaire and consent on a phone (browser)',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
    let phone: Awaited<ReturnType<typeof launchBrowser>>;
    let clinicId: string;
    let patient: TestPatient;
    let frontDesk: TestUser;
    let provider: TestUser;
    const email = `ines.${Date.now()}@patients.test`;
    const password = 'a long enough portal password';

    beforeAll(async () => {
      if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
      smtp = await startTestSmtp();
      server = await startTestServer({ signInAttemptsPerMinute: 1000, mailer: smtp.mailer });
      const db = server.database.db;
      clinicId = (await makeClinic(db, { name: 'Harbour Skin Clinic', timeZone: 'Europe/London' })).id;
      patient = await makePatient(db, clinicId, { givenName: 'Ines', familyName: 'Okafor', email });
      frontDesk = await makeUser(db, clinicId, 'front-desk', { name: 'Fiona Desk' });
      provider = await makeUser(db, clinicId, 'provider', { name: 'Paul Provider' });
      const owner = await makeUser(db, clinicId, 'owner', { name: 'Olga Owner' });
      const published = await server.app.inject({
        method: 'POST',
        url: '/api/consent-documents',
        headers: { cookie: await signInCookie(server.app, owner) },
        payload: { kind: 'treatment-mechanical', title: 'Consent to microneedling', body: consentBody },
      });
      expect(published.statusCode).toBe(201);
      phone = await launchBrowser({ width: 390, height: 844 });
    });

    afterAll(async () => {
      await phone?.dispose();
      await server?.stop();
      await smtp?.stop();
    });

    /** Chooses `answer` for the question whose legend is `question`. */
    async function answer(page: Page, question: string | RegExp, choice: string | RegExp) {
      await page
        .getByRole('group', { name: question })
        .getByRole('radio', { name: choice, ...(typeof choice === 'string' ? { exact: true } : {}) })
        .check();
    }

    /** Answers "No" to every yes/no question on the current step. */
    async function answerAllNo(page: Page) {
      const groups = page
        .getByRole('group')
        .filter({ has: page.getByRole('radio', { name: 'Not sure', exact: true }) });
      const count = await groups.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++)
        await groups.nth(i).getByRole('radio', { name: 'No', exact: true }).check();
    }

    async function next(page: Page, heading: string) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await shot(page, `step-${heading.toLowerCase().replace(/\W+/g, '-')}`);
    }

    async function waitSaved(page: Page) {
      await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    }

    it('an invited patient sets a password, fills the questionnaire across two visits, signs consent and submits', async () => {
      // Front desk invites the patient; the link reaches only the patient's mailbox.
      const invited = await server.app.inject({
        method: 'POST',
        url: `/api/patients/${patient.id}/invitations`,
        headers: { cookie: await signInCookie(server.app, frontDesk) },
        payload: {},
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.body).not.toMatch(/token/);
      // The outbox delivers it through the job queue.
      await expect.poll(() => smtp.inbox.some((m) => m.to.includes(email)), { timeout: 30_000 }).toBe(true);
      const mail = smtp.inbox.find((m) => m.to.includes(email))!;
      const link = new URL(/(https?:\/\/\S+\/portal\/welcome\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!);

      let page = await phone.newPage();
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByRole('heading', { name: 'Welcome, Ines' }).waitFor();
      await shot(page, 'welcome');
      expect(await page.locator('body').innerText()).toContain(email);
      await page.getByLabel('New password').fill('too short');
      await page.getByLabel('Type the password again').fill('too short');
      await page.getByRole('button', { name: 'Set password and continue' }).click();
      await page.getByText('Use at least 10 characters').waitFor();
      await shot(page, 'welcome-error');
      await page.getByLabel('New password').fill(password);
      await page.getByLabel('Type the password again').fill(password);
      await page.getByRole('button', { name: 'Set password and continue' }).click();

      // The portal home: a to-do list, questionnaire not started.
      await page.getByTestId('portal-to-do').waitFor();
      expect(new URL(page.url()).pathname).toBe('/portal');
      await page
        .getByTestId('to-do-status-intake')
        .getByText(/Not started/)
        .waitFor();
      await shot(page, 'home-new');
      await page.getByRole('link', { name: 'Start: Health questionnaire' }).click();

      await page.getByRole('heading', { level: 1, name: 'About you' }).waitFor();
      await shot(page, 'step-about-you');
      await answer(page, 'Sex recorded at birth', 'Female');
      await answer(page, 'Which best describes your skin?', /^Type III/);
      await next(page, 'What you would like treated');
      await page.getByRole('checkbox', { name: 'Acne scars' }).check();
      await page.getByRole('checkbox', { name: 'Face', exact: true }).check();
      await next(page, 'Pregnancy and breastfeeding');
      await answer(page, 'Are you pregnant, or could you be?', 'No');
      await answer(page, 'Are you breastfeeding?', 'No');
      await next(page, 'Your skin now');
      await waitSaved(page);

      // Closing the tab midway loses nothing: the next visit resumes at the same step with the answers kept.
      await page.close();
      page = await phone.newPage();
      await page.goto(`${server.url}/portal`);
      await page
        .getByTestId('to-do-status-intake')
        .getByText(/In progress/)
        .waitFor();
      await shot(page, 'home-in-progress');
      await page.getByRole('link', { name: 'Continue: Health questionnaire' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your skin now' }).waitFor();
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pregnancy and breastfeeding' }).waitFor();
      expect(
        await page
          .getByRole('group', { name: 'Are you pregnant, or could you be?' })
          .getByRole('radio', { name: 'No', exact: true })
          .isChecked(),
      ).toBe(true);
      await next(page, 'Your skin now');

      await answerAllNo(page);
      await next(page, 'Your health');
      await answerAllNo(page);
      await next(page, 'Medicines');

      // A current medicine from the typeahead.
      await answer(page, 'Do you take any medicines?', 'Yes, I will list them');
      await page.getByRole('combobox', { name: 'Name of the medicine' }).fill('Eliq');
      await page.getByRole('option', { name: /Eliquis/ }).waitFor();
      await shot(page, 'medicine-typeahead');
      await page.getByRole('option', { name: /Eliquis/ }).click();
      expect(await page.getByRole('combobox', { name: 'Name of the medicine' }).inputValue()).toBe('Eliquis');
      await answer(page, 'Do you still take it?', 'Yes, I take it now');
      await page.getByLabel('Started (month)').fill('2025-02');
      await answer(page, 'Was it prescribed by a doctor?', 'Yes');
      await next(page, 'Health conditions');
      await answer(page, /Do you have any health conditions/, 'No health conditions');
      await next(page, 'Allergies');
      await answerAllNo(page);
      await answer(page, 'Do you have any other allergies?', 'No allergies');
      await next(page, 'Recent treatments');
      await answer(page, 'Have you had any skin treatments or operations?', 'No treatments');
      await next(page, 'Check and send');
      await page.getByText('Eliquis (taking now)').waitFor();
      await shot(page, 'review');
      await waitSaved(page);

      // Before sending: the treatment consent, read and signed with a drawn signature.
      await page.goto(`${server.url}/portal/consents`);
      const card = page.getByTestId('consent-treatment-mechanical');
      await card.getByText('Not signed').waitFor();
      await shot(page, 'consents-list');
      await card.getByRole('button', { name: 'Read and sign' }).click();
      await page
        .getByTestId('consent-text')
        .getByText(/tiny punctures/)
        .waitFor();
      await page.getByRole('button', { name: 'Sign this form' }).click();
      await page.getByText('Type your full name', { exact: true }).waitFor();
      await page.getByText('Draw your signature in the box').waitFor();
      await shot(page, 'consent-sign-errors');
      await page.getByRole('textbox', { name: 'Your full name' }).fill('Ines Okafor');
      const box = (await page.getByTestId('signature-pad').boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
      await page.mouse.down();
      for (const [dx, dy] of [
        [60, -40],
        [100, 20],
        [150, -30],
        [200, 30],
        [260, -10],
      ] as const)
        await page.mouse.move(box.x + 30 + dx, box.y + box.height * 0.6 + dy, { steps: 5 });
      await page.mouse.up();
      // Turning the phone or widening the window keeps the signature (drawn again, shrunk if narrower).
      const drawn = await inkPixels(page);
      expect(drawn).toBeGreaterThan(200);
      for (const width of [1280, 280]) {
        await page.setViewportSize({ width, height: 844 });
        await expect.poll(() => inkPixels(page)).toBeGreaterThan(drawn / 3);
      }
      // Back at the width it was drawn at, none of it was cut off on the narrow screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect.poll(() => inkPixels(page)).toBeGreaterThan(drawn * 0.9);
      await shot(page, 'consent-signature-drawn');
      await page.getByRole('button', { name: 'Sign this form' }).click();
      await page.getByText('“Consent to microneedling” is signed.').waitFor();
      await card.getByText('Signed', { exact: true }).waitFor();
      await shot(page, 'consents-signed');
      expect(await card.innerText()).toContain('Signed by Ines Okafor');
      const pdfHref = await card
        .getByRole('link', { name: 'Download signed copy (PDF)' })
        .getAttribute('href');
      const pdf = await page.request.get(`${server.url}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');

      // Back to the questionnaire: it opens at the review step, and sending shows no verdict.
      await page.getByRole('link', { name: 'Questionnaire' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check and send' }).waitFor();
      await page.getByRole('button', { name: 'Send to the clinic' }).click();
      const done = page.getByTestId('intake-submitted');
      await done.waitFor();
      await shot(page, 'intake-sent');
      expect(await done.innerText()).toMatch(/your provider will review/i);
      expect(await page.locator('body').innerText()).not.toMatch(/clearance|verdict|contraindicat/i);

      await page.getByRole('link', { name: 'Back to your page' }).click();
      await page
        .getByTestId('to-do-status-intake')
        .getByText(/^Sent on/)
        .waitFor();
      await shot(page, 'home-done');
      // Every clinic starts with RF and PRP treatment forms too; only the microneedling one was signed.
      await page.getByTestId('to-do-status-consents').getByText('2 forms to sign').waitFor();
    });

    it('the provider sees the screening verdict on the patient record', async () => {
      // The record API: the intake screened the patient, and Eliquis (an anticoagulant) needs clearance.
      const screenings = await server.app.inject({
        method: 'GET',
        url: `/api/patients/${patient.id}/screenings`,
        headers: { cookie: await signInCookie(server.app, provider) },
      });
      expect(screenings.statusCode).toBe(200);
      const latest = screenings.json<{ screenings: { trigger: string; verdict: string }[] }>().screenings[0];
      expect(latest).toMatchObject({ trigger: 'intake', verdict: 'needs-clearance' });

      // And the record page shows it.
      const desktop = await launchBrowser({ width: 1280, height: 800 });
      try {
        const page = await desktop.newPage();
        await page.goto(`${server.url}/sign-in`);
        await page.getByRole('textbox', { name: 'Email' }).fill(provider.email);
        await page.getByRole('textbox', { name: 'Password' }).fill(provider.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Patients' }).waitFor();
        await page.goto(`${server.url}/patients/${patient.id}`);
        await page.getByRole('heading', { name: 'Ines Okafor' }).waitFor();
        await page.getByRole('tab', { name: 'Screening' }).click();
        const verdict = page.getByTestId('screening-verdict');
        await verdict.waitFor();
        if (shotsDir) await page.screenshot({ path: `${shotsDir}/provider-record-1280.png`, fullPage: true });
        expect(await verdict.innerText()).toMatch(/clearance/i);
      } finally {
        await desktop.dispose();
      }
    });
  },
);
