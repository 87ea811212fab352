import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, seedDemoClinic } from '../server/src/seed/demo';
import { makeUser, type TestUser } from '../server/src/testing/factories';
import { nextTotp } from '../server/src/testing/http';
import { seriousAxeFindings, type AxeFinding } from './support/axe';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

/** The pages each role works in (their navigation), plus one they may not open, on the demo clinic's data. */
const pagesOf = (patientId: string): Record<string, string[]> => ({
  public: ['/sign-in', '/forgot-password'],
  owner: [
    '/today',
    '/patients',
    `/patients/${patientId}`,
    '/reports',
    '/inventory',
    '/adverse-events',
    '/settings',
    '/settings/users',
    '/settings/scheduling',
    '/settings/screening',
    '/settings/consent-documents',
    '/settings/audit',
    '/settings/fhir-clients',
    '/security',
  ],
  provider: ['/schedule', '/screening', '/aftercare', '/recalls', `/patients/${patientId}`],
  'front-desk': ['/today', '/patients', '/schedule', '/screening'],
  patient: [
    '/portal',
    '/portal/intake',
    '/portal/consents',
    '/portal/book',
    '/portal/photos',
    '/portal/results',
    '/portal/check-in',
    '/portal/messages',
    '/portal/security',
  ],
});

describe.runIf(browserAvailable())('accessibility: axe-core on every page, every role (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let owner: TestUser;
  let patientId: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    await seedDemoClinic(db, new Date());
    const clinicId = (await db.query<{ id: string }>('SELECT id FROM clinics LIMIT 1')).rows[0]!.id;
    // The demo owner would first enrol a second factor; an owner with one signs in with a code.
    owner = await makeUser(db, clinicId, 'owner', { name: 'Axel Owner' });
    patientId = (
      await db.query<{ id: string }>(
        `SELECT p.id FROM patients p JOIN users u ON u.patient_id = p.id WHERE u.email = $1`,
        [demoLogins.find((l) => l.role === 'patient')!.email],
      )
    ).rows[0]!.id;
  });
  afterAll(async () => server?.stop());

  async function signIn(page: Page, role: string) {
    await page.goto(`${server.url}/sign-in`);
    const login =
      role === 'owner'
        ? { email: owner.email, password: owner.password }
        : demoLogins.find((l) => l.role === role)!;
    await page.getByRole('textbox', { name: 'Email' }).fill(login.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(login.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (role === 'owner') {
      const code = page.getByRole('textbox', { name: '6-digit code' });
      await code.waitFor();
      await code.fill(await nextTotp(owner.totpSecret!));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
    }
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    it(`finds nothing critical or serious at ${viewport.name} width`, { timeout: 300_000 }, async () => {
      const findings: (AxeFinding & { role: string; path: string })[] = [];
      for (const [role, paths] of Object.entries(pagesOf(patientId))) {
        const browser = await launchBrowser(viewport);
        try {
          const page = await browser.newPage();
          if (role !== 'public') await signIn(page, role);
          for (const path of paths) {
            await page.goto(`${server.url}${path}`);
            await page.waitForLoadState('networkidle');
            // Every page names itself with a heading (screen-reader users jump by headings).
            const heading = await page
              .getByRole('heading')
              .first()
              .waitFor({ timeout: 10_000 })
              .then(() => true)
              .catch(() => false);
            if (!heading)
              findings.push({
                rule: 'page-has-heading',
                impact: 'serious',
                help: 'No heading',
                targets: [],
                role,
                path,
              });
            for (const f of await seriousAxeFindings(page)) findings.push({ ...f, role, path });
          }
        } finally {
          await browser.dispose();
        }
      }
      expect(findings).toEqual([]);
    });
  }
});
