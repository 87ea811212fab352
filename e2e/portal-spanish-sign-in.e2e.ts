import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly (see support/browser.ts).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)(
  'a Spanish-speaking patient signs in, asks for a new password and changes it, all in Spanish',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let phone: Awaited<ReturnType<typeof launchBrowser>>;
    let patientUser: TestUser;
    let patientId: string;
    const savedLanguage = async () =>
      (
        await server.database.db.query<{ preferred_language: string }>(
          'SELECT preferred_language FROM patients WHERE id = $1',
          [patientId],
        )
      ).rows[0]?.preferred_language;

    beforeAll(async () => {
      if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
      server = await startTestServer({ signInAttemptsPerMinute: 1000 });
      const db = server.database.db;
      const clinicId = (await makeClinic(db, { name: 'Clínica Harbour', timeZone: 'America/New_York' })).id;
      const patient = await makePatient(db, clinicId, { givenName: 'Lucía', familyName: 'Morales' });
      patientId = patient.id;
      patientUser = await makeUser(db, clinicId, 'patient', { name: 'Lucía Morales', patientId });
      // A phone whose browser asks for Spanish (Accept-Language and navigator.languages).
      phone = await launchBrowser({ width: 390, height: 844 }, ['--lang=es-ES', '--accept-lang=es-ES,es']);
    });

    afterAll(async () => {
      await phone?.dispose();
      await server?.stop();
    });

    it('shows sign-in in the browser language, with a switch, and server errors in Spanish', async () => {
      const page = await phone.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBeDefined();
      await shot(page, 'sign-in-es');

      // The switch on the page: English, then back to Spanish (remembered on this device).
      await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();

      // A wrong password: the server's code, in the patient's words.
      await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(patientUser.email);
      await page.getByRole('textbox', { name: 'Contraseña' }).fill('not the password at all');
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page
        .getByTestId('sign-in-error')
        .getByText('El correo electrónico o la contraseña no son correctos.')
        .waitFor();
      await shot(page, 'sign-in-error-es');

      // Forgot password, in Spanish.
      await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
      await page.getByRole('heading', { name: '¿Olvidó su contraseña?' }).waitFor();
      await shot(page, 'forgot-password-es');
      await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(patientUser.email);
      await page.getByRole('button', { name: 'Enviar el enlace' }).click();
      await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
      expect(await page.getByTestId('reset-sent').innerText()).toContain(patientUser.email);

      // A reset link that does not work explains itself in Spanish.
      await page.goto(`${server.url}/reset-password?token=not-a-real-token`);
      const problem = page.getByTestId('link-problem');
      await problem.getByRole('link', { name: 'Enviar un enlace nuevo' }).waitFor();
      expect(await problem.innerText()).toMatch(/enlace/);
      await shot(page, 'reset-link-problem-es');
      await page.close();
    });

    it('chooses Spanish on the sign-in page and gets the portal in Spanish, saved as their language', async () => {
      const page = await phone.newPage();
      await page.context().clearCookies();
      await page.goto(`${server.url}/sign-in`);
      // The record still says English; the choice is made on this page, before signing in.
      expect(await savedLanguage()).toBe('en');
      await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(patientUser.email);
      await page.getByRole('textbox', { name: 'Contraseña' }).fill(patientUser.password);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();
      expect(await page.getByTestId('language-choice').inputValue()).toBe('es');
      expect(await savedLanguage()).toBe('es');
      // Saved on the record, so the next visit and every message to her are in Spanish too.
      await page.reload();
      await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();
      await page.close();
    });

    it('reads the password and security page in Spanish', async () => {
      const page = await phone.newPage();
      await page.context().clearCookies();
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(patientUser.email);
      await page.getByRole('textbox', { name: 'Contraseña' }).fill(patientUser.password);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.waitForURL(/\/portal/);
      await page.getByRole('link', { name: 'Contraseña y seguridad' }).click();
      await page.getByRole('heading', { name: 'Contraseña y seguridad' }).waitFor();
      // A new password the server refuses (it holds the patient's name): the reason in Spanish.
      await page.getByLabel('Contraseña actual').fill(patientUser.password);
      await page.getByLabel(/^Contraseña nueva/).fill('lucia morales 2026');
      await page.getByLabel('Repita la contraseña nueva').fill('lucia morales 2026');
      await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
      await page.getByText('Contiene su nombre o su correo electrónico. Elija otra contraseña.').waitFor();
      await shot(page, 'security-es');
      await page.close();
    });
  },
);
