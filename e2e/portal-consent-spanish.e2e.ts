import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly (see support/browser.ts).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

/** The browser speaks English, so the sign-in page does; the patient's saved Spanish takes over after. */
async function signIn(page: Page, url: string, user: TestUser) {
  await page.goto(`${url}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!available)('consent in Spanish: a patient on a phone signs the Spanish text', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let phone: Awaited<ReturnType<typeof launchBrowser>>;
  let patientUser: TestUser;
  let patientId: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Clínica Harbour' })).id;
    patientId = (await makePatient(db, clinicId, { givenName: 'Lucía', familyName: 'Morales' })).id;
    await db.query("UPDATE patients SET preferred_language = 'es' WHERE id = $1", [patientId]);
    patientUser = await makeUser(db, clinicId, 'patient', { name: 'Lucía Morales', patientId });
    // The clinic's photo consent for teaching is English only from version 2 on.
    const owner = await signInCookie(server.app, await makeUser(db, clinicId, 'owner'));
    const published = await server.app.inject({
      method: 'POST',
      url: '/api/consent-documents',
      headers: { cookie: owner },
      payload: {
        kind: 'photo-teaching',
        title: 'Teaching photographs',
        body: 'We may show photos of your treated skin to other clinicians, without your name.',
      },
    });
    expect(published.statusCode).toBe(201);
    phone = await launchBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await phone?.dispose();
    await server?.stop();
  });

  it('reads and signs the Spanish text, and sees the English-only note where the clinic has no Spanish', async () => {
    const page = await phone.newPage();
    await signIn(page, server.url, patientUser);
    await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();
    await page.goto(`${server.url}/portal/consents`);
    await page.getByRole('heading', { name: 'Formularios de consentimiento' }).waitFor();

    const card = page.getByTestId('consent-treatment-mechanical');
    await card.getByText('Consentimiento para el tratamiento de micropunción').waitFor();
    await card.getByText('Sin firmar').waitFor();
    await card.getByRole('button', { name: 'Leer y firmar' }).click();
    const text = page.getByTestId('consent-text');
    await text.getByText('Qué resultados esperar').waitFor();
    expect(await text.getAttribute('data-language')).toBe('es');
    expect(await text.getAttribute('lang')).toBeNull();
    expect(await text.innerText()).not.toContain('What results to expect');
    expect(await page.getByTestId('consent-english-only').count()).toBe(0);
    await shot(page, 'portal-consent-sign-es');

    await page.getByRole('textbox', { name: 'Su nombre completo' }).fill('Lucía Morales');
    await page.getByRole('button', { name: '¿No puede dibujar? Use su nombre escrito como firma' }).click();
    await page.getByRole('button', { name: 'Firmar este formulario' }).click();
    await page
      .getByText('Gracias. «Consentimiento para el tratamiento de micropunción» está firmado.')
      .waitFor();
    await card.getByText('Firmado', { exact: true }).waitFor();

    const stored = await server.database.db.query<{
      language: string;
      document_sha256: string;
      body_es_sha256: string;
    }>(
      `SELECT s.language, s.document_sha256, d.body_es_sha256 FROM consent_signatures s
         JOIN consent_documents d ON d.id = s.document_id WHERE s.patient_id = $1`,
      [patientId],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.language).toBe('es');
    expect(stored.rows[0]!.document_sha256).toBe(stored.rows[0]!.body_es_sha256);

    // The teaching consent's current version is English only: shown in English, marked so, with a note in Spanish.
    const teaching = page.getByTestId('consent-photo-teaching');
    await teaching.getByText('Teaching photographs').waitFor();
    await teaching.getByRole('button', { name: 'Leer y firmar' }).click();
    await page.getByTestId('consent-english-only').getByText('solo en inglés', { exact: false }).waitFor();
    expect(await page.getByTestId('consent-text').getAttribute('lang')).toBe('en');
    await shot(page, 'portal-consent-english-only-es');
    await page.close();
  });
});
