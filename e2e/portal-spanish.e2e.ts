import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { nextTotp } from '../server/src/testing/http';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly (see support/browser.ts).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

async function signIn(page: Page, url: string, user: TestUser) {
  await page.context().clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (user.totpSecret) {
    await page
      .getByRole('textbox', { name: /code/i })
      .first()
      .fill(await nextTotp(user.totpSecret));
    await page
      .getByRole('button', { name: /verify|sign in/i })
      .first()
      .click();
  }
}

describe.skipIf(!available)(
  'portal in Spanish: a patient on a phone checks in, staff see it in the queue',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let phone: Awaited<ReturnType<typeof launchBrowser>>;
    let desktop: Awaited<ReturnType<typeof launchBrowser>>;
    let patientUser: TestUser;
    let patientId: string;
    let provider: TestUser;

    beforeAll(async () => {
      if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
      server = await startTestServer({ signInAttemptsPerMinute: 1000 });
      const db = server.database.db;
      const clinicId = (await makeClinic(db, { name: 'Clínica Harbour', timeZone: 'America/New_York' })).id;
      provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Paula Reyes' });
      const patient = await makePatient(db, clinicId, { givenName: 'Lucía', familyName: 'Morales' });
      patientId = patient.id;
      patientUser = await makeUser(db, clinicId, 'patient', { name: 'Lucía Morales', patientId });
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

    it('the patient chooses Spanish, checks in with a sign of infection and reads the advice in Spanish', async () => {
      const page = await phone.newPage();
      await signIn(page, server.url, patientUser);
      await page.getByRole('heading', { name: 'Welcome, Lucía Morales' }).waitFor();

      // The choice switches the page at once and is saved on the patient's record.
      await page.getByTestId('language-choice').selectOption('es');
      await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();
      await page.getByText('Idioma guardado').waitFor();
      const saved = await server.database.db.query<{ preferred_language: string }>(
        'SELECT preferred_language FROM patients WHERE id = $1',
        [patientId],
      );
      expect(saved.rows[0]?.preferred_language).toBe('es');
      await page.getByTestId('portal-check-in-card').getByText('Día 2.', { exact: false }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Portal' }).innerText()).toContain('Aprender');
      await shot(page, 'portal-home-es');

      // The saved choice holds on the next visit.
      await page.reload();
      await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();

      await page.getByTestId('portal-check-in-link').click();
      await page.getByRole('heading', { name: '¿Cómo está su piel hoy?' }).waitFor();
      expect(await page.getByTestId('check-in-day').innerText()).toMatch(
        /^Día 2 después de su tratamiento del /,
      );

      await page.getByTestId('check-in-submit').click();
      await page.getByText('Por favor, responda las preguntas marcadas arriba.').waitFor();

      await page.getByLabel('Costras amarillas o color miel').check();
      await page.getByRole('radio', { name: 'Más o menos igual' }).check();
      await page.getByRole('radio', { name: 'Leve' }).check();
      await page.getByTestId('pain-now').getByText('3', { exact: true }).click();
      await page.getByTestId('pain-day1').getByText('3', { exact: true }).click();
      await page.getByLabel('Temperatura más alta desde el tratamiento (°C)').fill('36.9');
      await shot(page, 'portal-check-in-form-es');
      await page.getByTestId('check-in-submit').click();

      const advice = page.getByTestId('triage-advice');
      await advice.waitFor();
      expect(await advice.getAttribute('data-urgency')).toBe('same-day');
      const text = await advice.innerText();
      expect(await advice.getByTestId('urgency-badge').textContent()).toBe('Hoy mismo');
      expect(text).toContain('Llame hoy a la clínica.');
      expect(text).toContain('Qué hacer');
      expect(text).toContain('El pus o las costras amarillas pueden indicar una infección.');
      expect(text).toContain('Llame de inmediato al número de emergencias de su zona');
      expect(text).not.toContain('Call the clinic today');
      await shot(page, 'portal-check-in-advice-es');

      // The advice links to the library, in Spanish.
      await advice.getByRole('link', { name: /cuidados posteriores y cuándo llamar/ }).click();
      await page.getByRole('heading', { name: 'El cuidado de su piel después de una sesión' }).waitFor();
      await page.getByText('Las primeras 24 horas').waitFor();
      await shot(page, 'portal-article-es');
      await page.getByRole('link', { name: 'Todos los artículos' }).click();
      await page.getByRole('heading', { name: 'Infórmese sobre su tratamiento' }).waitFor();
      await page.getByTestId('article-darker-skin').waitFor();
      expect(await page.getByTestId('article-darker-skin').innerText()).toBe(
        'Por qué la micropunción es adecuada para la piel oscura',
      );
      await shot(page, 'portal-learn-es');

      // Booking speaks Spanish too, with days in Spanish.
      await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Citas' }).click();
      await page.getByRole('heading', { name: 'Reserve una consulta' }).waitFor();
      await page.getByText('1. Elija un día').waitFor();
      await page.getByText('No tiene citas próximas.').waitFor();
      await shot(page, 'portal-booking-es');

      // Consent forms and messages too.
      await page
        .getByRole('navigation', { name: 'Portal' })
        .getByRole('link', { name: 'Consentimientos' })
        .click();
      await page.getByRole('heading', { name: 'Formularios de consentimiento' }).waitFor();
      await shot(page, 'portal-consents-es');
      await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Mensajes' }).click();
      await page.getByRole('heading', { name: 'Cómo le contactamos' }).waitFor();
      await shot(page, 'portal-messages-es');

      // The health questionnaire, one step at a time, in Spanish.
      await page
        .getByRole('navigation', { name: 'Portal' })
        .getByRole('link', { name: 'Cuestionario' })
        .click();
      await page.getByRole('heading', { name: 'Sobre usted' }).waitFor();
      await page.getByText('Paso 1 de 10').waitFor();
      await page.getByText('Estas preguntas ayudan a su profesional', { exact: false }).waitFor();
      await page.getByRole('radio', { name: 'Femenino' }).check();
      await page.getByRole('radio', { name: /^Tipo IV/ }).check();
      await page.getByTestId('save-state').getByText('Guardado').waitFor();
      await shot(page, 'portal-intake-about-es');
      await page.getByRole('button', { name: 'Siguiente' }).click();
      await page.getByRole('heading', { name: 'Qué desea tratar' }).waitFor();
      await page.getByRole('checkbox', { name: 'Cicatrices de acné' }).check();
      await page.getByRole('checkbox', { name: 'Cara' }).check();
      await page.getByRole('button', { name: 'Siguiente' }).click();
      await page.getByRole('heading', { name: 'Embarazo y lactancia' }).waitFor();
      await page.getByRole('group', { name: '¿Está embarazada o podría estarlo?' }).waitFor();
      expect(await page.locator('main').innerText()).not.toContain('Are you pregnant');
      await shot(page, 'portal-intake-pregnancy-es');
      await page.close();
    });

    it('the provider sees the check-in in the triage queue and the patient’s language on the record', async () => {
      const page = await desktop.newPage();
      await signIn(page, server.url, provider);
      await page.getByRole('link', { name: 'Aftercare' }).first().click();
      await page.getByTestId('triage-queue').waitFor();
      const items = page.getByTestId('triage-item');
      await items.first().waitFor();
      expect(await items.count()).toBe(1);
      expect(await items.nth(0).getAttribute('data-urgency')).toBe('same-day');
      const item = await items.nth(0).innerText();
      expect(item).toContain('Lucía Morales');
      expect(item).toContain('Yellow or honey-coloured crusts');
      await shot(page, 'staff-triage-queue-es-patient');

      await page.goto(`${server.url}/patients/${patientId}`);
      await page.getByTestId('patient-language').waitFor();
      expect(await page.getByTestId('patient-language').innerText()).toBe('Spanish (Español)');
      await shot(page, 'staff-patient-record-language');

      // The library the patient read: editable by the clinic, with its versions.
      await page.goto(`${server.url}/settings/education`);
      await page.getByTestId('education-articles').waitFor();
      await page.getByRole('button', { name: 'Edit Español: aftercare' }).click();
      const editor = page.getByRole('dialog');
      await editor.getByTestId('article-versions').getByText('Needlepoint default').waitFor();
      await shot(page, 'staff-education-editor');
      await editor.getByLabel('Title').fill('Cuidados después de su sesión');
      await editor.getByRole('button', { name: 'Save as version 2' }).click();
      await page.getByText('Saved as version 2').waitFor();
      await shot(page, 'staff-education-library');
      await page.close();

      const patientPage = await phone.newPage();
      await patientPage.goto(`${server.url}/portal/learn/aftercare`);
      await patientPage.getByRole('heading', { name: 'Cuidados después de su sesión' }).waitFor();
      await patientPage.close();
    });
  },
);
