import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerKeys } from '@needlepoint/core/knowledge/knowledge.schema';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, loudly (see browserAvailable).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Signs in through the API and returns the session cookie, to set up the record the way a provider would. */
async function apiCookie(url: string, user: TestUser): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function call(url: string, cookie: string, method: string, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

describe.skipIf(!available)('screening a patient on an anticoagulant (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let provider: TestUser;
  let patient: { id: string; givenName: string; familyName: string };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer();
    const db = server.database.db;
    const clinic = await makeClinic(db, { name: 'Harbour Skin Clinic' });
    patient = await makePatient(db, clinic.id, { givenName: 'Nora', familyName: 'Eliasson' });
    provider = await makeUser(db, clinic.id, 'provider', { name: 'Priya Provider' });

    // The record: an active Eliquis prescription, every question answered, every list confirmed today.
    const cookie = await apiCookie(server.url, provider);
    const record = await call(server.url, cookie, 'POST', `/api/patients/${patient.id}/entries`, {
      kind: 'medication',
      display: 'Eliquis 5 mg',
      status: 'active',
      startDate: '2025-03-01',
    });
    const answers = Object.fromEntries(answerKeys.map((k) => [k, { value: 'no', date: today() }]));
    await call(server.url, cookie, 'PATCH', `/api/patients/${patient.id}`, {
      expectedVersion: record.version,
      answers,
      listsReviewed: { conditions: today(), medications: today(), allergies: today() },
    });

    browser = await launchBrowser({ width: 1280, height: 800 });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  async function decide(finding: Locator, decision: string, reason: string) {
    await finding.getByRole('button', { name: 'Record a decision' }).click();
    await finding.getByRole('radio', { name: decision }).check();
    await finding.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await finding.getByRole('button', { name: 'Save decision' }).click();
  }

  it('runs screening, shows prescriber clearance with its source, and clears it after the answer', async () => {
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(provider.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(provider.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    await page.getByRole('searchbox', { name: 'Search patients' }).fill('Eliasson');
    await page.getByRole('link', { name: 'Eliasson, Nora' }).click();
    await page.getByRole('heading', { name: 'Nora Eliasson' }).waitFor();
    await page.getByRole('tab', { name: 'Screening' }).click();
    await page.getByText('This patient has not been screened yet.').waitFor();

    // Face is chosen by default; add the neck, keep mechanical microneedling.
    expect(await page.getByRole('checkbox', { name: 'Face' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Neck' }).check();
    await page.getByRole('button', { name: 'Run screening' }).click();

    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toBe('Needs prescriber clearance');
    // Every question is answered, so nothing is missing.
    expect(await page.getByTestId('missing-information').count()).toBe(0);

    const finding = page.locator('[data-testid="finding"][data-rule-id="anticoagulant"]');
    await finding.waitFor();
    expect(await finding.getByRole('heading').innerText()).toBe('Anticoagulant');
    expect(await finding.innerText()).toContain('Eliquis 5 mg');
    expect(await finding.getByTestId('finding-status').innerText()).toMatch(/open/i);

    // Sources are collapsed until asked for, then show a citation, its evidence level and a link.
    const sources = finding.getByTestId('finding-sources');
    expect(await sources.isVisible()).toBe(false);
    await finding.getByRole('button', { name: /Show sources/ }).click();
    await sources.waitFor({ state: 'visible' });
    expect(await sources.innerText()).toMatch(/anticoagula/i);
    expect(await sources.innerText()).toMatch(/guideline/i);
    const link = sources.getByRole('link').first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\//);

    // Asking the prescriber keeps the finding open.
    await decide(finding, 'Request clearance', 'Faxed Dr Moreau (GP) for anticoagulant clearance');
    await finding.getByTestId('finding-decision').getByText('Clearance requested').waitFor();
    expect(await finding.getByTestId('finding-decision').innerText()).toContain('Priya Provider');
    expect(await finding.getByTestId('finding-status').innerText()).toMatch(/open/i);
    expect(await page.getByTestId('screening-cleared').innerText()).toContain('1 finding is still open');

    // The prescriber agreed: the finding is cleared, and so is the screening.
    await decide(finding, 'Clearance received', 'Dr Moreau agreed by letter; continue Eliquis as prescribed');
    await finding.getByTestId('finding-decision').getByText('Clearance received').waitFor();
    expect(await finding.getByTestId('finding-status').innerText()).toMatch(/cleared/i);
    expect(await page.getByTestId('screening-cleared').innerText()).toContain('Cleared for treatment');

    // The work list no longer holds this patient.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Screening', exact: true })
      .click();
    await page.getByTestId('screening-queue-empty').waitFor();
  });
});
