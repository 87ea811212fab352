import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, loudly (see browserAvailable).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)('outcome scores: baseline, follow-up and the chart (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let provider: TestUser;
  let patient: { id: string };
  let planId: string;
  let portalCookie: string;
  let ownerCookie: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer();
    const db = server.database.db;
    const clinic = await makeClinic(db, { name: 'Riverside Skin Clinic' });
    patient = await makePatient(db, clinic.id, { givenName: 'Amara', familyName: 'Okafor' });
    await db.query('UPDATE patients SET fitzpatrick = 5 WHERE id = $1', [patient.id]);
    provider = await makeUser(db, clinic.id, 'provider', { name: 'Priya Provider' });
    const cookie = await signInCookie(server.app, provider);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { cookie },
      payload: { patientId: patient.id, templateId: 'acne-scars' },
    });
    planId = created.json().id;
    await server.app.inject({
      method: 'POST',
      url: `/api/plans/${planId}/transitions`,
      headers: { cookie },
      payload: { to: 'active' },
    });
    portalCookie = await signInCookie(
      server.app,
      await makeUser(db, clinic.id, 'patient', { patientId: patient.id }),
    );
    ownerCookie = await signInCookie(server.app, await makeUser(db, clinic.id, 'owner'));

    browser = await launchBrowser({ width: 1280, height: 800 });
    page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(provider.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(provider.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  async function scoreGrade(timepoint: 'Baseline' | 'Follow-up', grade: RegExp) {
    const card = page.getByTestId('scale-card-goodman-baron-qualitative');
    await card.getByRole('button', { name: 'Score G&B grade' }).click();
    const dialog = page.getByRole('dialog', { name: /Score Goodman & Baron qualitative/ });
    await dialog.getByText(timepoint, { exact: true }).click();
    await dialog.getByRole('radio', { name: grade }).check();
    await dialog
      .getByTestId('scale-preview')
      .getByText(/G&B grade:\s*\d/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Save score' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('scores a baseline, then a follow-up after a session, and charts both with the session marked', async () => {
    await page.goto(`${server.url}/patients/${patient.id}?tab=plans`);
    const card = page.getByTestId('scale-card-goodman-baron-qualitative');
    await card.getByText('Not scored yet.').waitFor();
    await scoreGrade('Baseline', /Grade 3: moderate/);
    await card.getByTestId('score-table').getByText('Baseline').waitFor();

    // Time passes: the baseline was taken 10 weeks ago and a session done 6 weeks ago.
    const db = server.database.db;
    await db.query(`UPDATE outcome_scores SET scored_at = now() - interval '70 days' WHERE plan_id = $1`, [
      planId,
    ]);
    await db.query(
      `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status, plan_id,
         session_number, procedure_starts_at, room_free_at)
       SELECT clinic_id, patient_id, $2, 'microneedling', now() - interval '42 days', now() - interval '42 days' + interval '1 hour',
         'completed', id, 1, now() - interval '42 days', now() - interval '42 days' + interval '1 hour'
         FROM treatment_plans WHERE id = $1`,
      [planId, provider.id],
    );
    await page.reload();
    await card.getByTestId('score-table').waitFor();
    await scoreGrade('Follow-up', /Grade 2: mild/);

    const table = card.getByTestId('score-table');
    await table.getByText('Follow-up').waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/Baseline\s+3/);
    expect(rows[1]).toMatch(/Follow-up\s+2/);
    // The chart: a line through two dots and the session marked.
    const chart = card.getByTestId('score-chart-goodman-baron-qualitative');
    await chart.locator('.recharts-line-dot, .recharts-dot').first().waitFor();
    expect(await chart.locator('.recharts-line-dot, .recharts-dot').count()).toBe(2);
    expect(await chart.locator('.recharts-reference-line').count()).toBe(1);
    expect(await chart.innerText()).toContain('S1');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'outcomes-plan-scores');
  });

  it('lets the patient rate satisfaction on a phone, and shows the clinic report', async () => {
    const phone = await browser.newPage();
    await browser.addCookies([
      { name: 'np_session', value: portalCookie.split('=')[1]!, url: server.url, httpOnly: true },
    ]);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/portal/results`);
    const own = phone.getByTestId('own-scale-satisfaction');
    await own.waitFor();
    await own.locator('input:not([type=hidden])').first().click();
    await phone.getByRole('option', { name: '8', exact: true }).click();
    await own.getByRole('button', { name: 'Send my answer' }).click();
    await own.getByText(/Session 1 · .*: 8/).waitFor();
    await shot(phone, 'outcomes-portal');

    await browser.addCookies([
      { name: 'np_session', value: ownerCookie.split('=')[1]!, url: server.url, httpOnly: true },
    ]);
    await phone.setViewportSize({ width: 1280, height: 800 });
    await phone.goto(`${server.url}/reports`);
    const table = phone.getByTestId('report-table');
    await table.waitFor();
    expect(await table.innerText()).toMatch(
      /Atrophic acne scars\s+G&B grade\s+1\s+1\s+3\s+2\s+33\.3%\s+1 of 1/,
    );
    await phone.getByTestId('report-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await phone.getByTestId('report-csv').getAttribute('href')).toBe('/api/reports/outcomes.csv');
    await shot(phone, 'outcomes-report');
    await phone.close();
  });
});
