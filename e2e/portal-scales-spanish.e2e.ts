import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scales } from '@needlepoint/core/outcomes/scales';
import { textKeysOf } from '@needlepoint/core/outcomes/validated-texts';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly (see support/browser.ts).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)(
  'the GAIS in the portal in Spanish: English with a note, or the clinic’s validated text',
  () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let phone: Awaited<ReturnType<typeof launchBrowser>>;
    let patientUser: TestUser;
    let ownerCookie: string;

    beforeAll(async () => {
      if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
      server = await startTestServer({ signInAttemptsPerMinute: 1000 });
      const db = server.database.db;
      const clinicId = (await makeClinic(db, { name: 'Clínica Harbour' })).id;
      const patientId = (await makePatient(db, clinicId, { givenName: 'Lucía', familyName: 'Morales' })).id;
      await db.query("UPDATE patients SET preferred_language = 'es' WHERE id = $1", [patientId]);
      patientUser = await makeUser(db, clinicId, 'patient', { name: 'Lucía Morales', patientId });
      const provider = await signInCookie(server.app, await makeUser(db, clinicId, 'provider'));
      const call = (method: 'POST', url: string, payload: object) =>
        server.app.inject({ method, url, headers: { cookie: provider }, payload });
      // Striae plans ask the patient for the GAIS.
      const plan = await call('POST', '/api/plans', { patientId, templateId: 'striae' });
      expect(plan.statusCode).toBe(201);
      await call('POST', `/api/plans/${plan.json().id}/transitions`, { to: 'active' });
      ownerCookie = await signInCookie(server.app, await makeUser(db, clinicId, 'owner'));
      phone = await launchBrowser({ width: 390, height: 844 });
    });

    afterAll(async () => {
      await phone?.dispose();
      await server?.stop();
    });

    it('shows the English items with the note, then the validated Spanish text once the clinic enters it', async () => {
      const page = await phone.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('textbox', { name: 'Email' }).fill(patientUser.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(patientUser.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Bienvenido/a, Lucía Morales' }).waitFor();

      await page.goto(`${server.url}/portal/results`);
      const gais = page.getByTestId('own-scale-gais-subject');
      await gais
        .getByTestId('scale-original-language')
        .getByText('se muestran en inglés', { exact: false })
        .waitFor();
      expect(await gais.getByTestId('scale-items').getAttribute('lang')).toBe('en');
      await gais.getByText('Compared with before treatment, the area is…').waitFor();

      // The owner enters the licensed validated text (here a stand-in: each English text marked "VAL").
      const texts = Object.fromEntries(
        textKeysOf(scales['gais-subject']).map(({ key, english }) => [key, `VAL ${english}`]),
      );
      const saved = await server.app.inject({
        method: 'POST',
        url: '/api/validated-scale-texts',
        headers: { cookie: ownerCookie },
        payload: {
          scaleId: 'gais-subject',
          language: 'es',
          texts,
          source: 'Licensed GAIS Spanish, test source 2026',
        },
      });
      expect(saved.statusCode).toBe(201);

      await page.reload();
      await gais.getByText('VAL Compared with before treatment, the area is…').waitFor();
      await gais.getByRole('radio', { name: /VAL 2: much improved/ }).waitFor();
      expect(await gais.getByTestId('scale-original-language').count()).toBe(0);
      expect(await gais.getByTestId('scale-items').getAttribute('lang')).toBeNull();
      await shot(page, 'portal-scale-validated-es');
      await page.close();
    });
  },
);
