import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, loudly (see browserAvailable).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

describe.skipIf(!available)('editing a patient record and importing records (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let provider: TestUser;
  let patient: { id: string; givenName: string; familyName: string };

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer();
    const db = server.database.db;
    const clinic = await makeClinic(db, { name: 'Riverside Skin Clinic' });
    patient = await makePatient(db, clinic.id, { givenName: 'Tomas', familyName: 'Lindqvist' });
    provider = await makeUser(db, clinic.id, 'provider', { name: 'Priya Provider' });
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

  it('changes the skin type, adds a medication, and both show in the history', async () => {
    await page.goto(`${server.url}/patients/${patient.id}`);
    await page.getByRole('heading', { name: 'Tomas Lindqvist' }).waitFor();

    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit patient details' });
    await details.getByRole('combobox', { name: 'Skin type (Fitzpatrick)' }).selectOption('4');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.waitFor({ state: 'hidden' });
    await page.getByText('Type IV').waitFor();

    await page.getByRole('button', { name: 'Add medication' }).click();
    const add = page.getByRole('dialog', { name: 'Add medication' });
    const name = add.getByRole('combobox', { name: 'Medicine and strength' });
    // The knowledge base's drug names are suggested as you type (brand with its generic).
    await name.fill('Absor');
    await page.getByRole('option', { name: /Absorica/i }).waitFor();
    await name.fill('Isotretinoin 20 mg');
    // Typed freely, the name is not coded, and the form says so.
    await add.getByTestId('drug-uncoded').waitFor();
    await add.getByLabel('Started').fill('2026-01-10');
    await add.getByRole('button', { name: 'Add medication' }).click();
    await add.waitFor({ state: 'hidden' });
    const medications = page.getByTestId('entries-medication');
    await medications.getByText('Isotretinoin 20 mg').waitFor();
    expect(await medications.innerText()).toContain('Since 10 Jan 2026');

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByTestId('patient-history');
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain('Added medication “Isotretinoin 20 mg”');
    expect(text).toContain('Skin type (Fitzpatrick): not recorded → Type IV');
    expect(text).toContain('Changed skin type (fitzpatrick)');
    expect(text).toContain('Priya Provider');
    // Newest first: the medication was added after the skin type changed.
    expect(text.indexOf('Isotretinoin')).toBeLessThan(text.indexOf('Skin type'));
  });

  it('keeps the RxNorm code of a medication picked from the suggestions, and screening matches it', async () => {
    await page.goto(`${server.url}/patients/${patient.id}`);
    await page.getByRole('heading', { name: 'Tomas Lindqvist' }).waitFor();
    await page.getByRole('button', { name: 'Add medication' }).click();
    const add = page.getByRole('dialog', { name: 'Add medication' });
    await add.getByRole('combobox', { name: 'Medicine and strength' }).fill('Absor');
    await page.getByRole('option', { name: /Absorica/i }).click();
    await add.getByTestId('drug-uncoded').waitFor({ state: 'detached' });
    await add.getByRole('button', { name: 'Add medication' }).click();
    await add.waitFor({ state: 'hidden' });
    await page.getByTestId('entries-medication').getByText('Absorica').waitFor();

    const record = await page.evaluate(async (id) => {
      const response = await fetch(`/api/patients/${id}`);
      return (await response.json()) as {
        entries: { display: string; codes: { system: string; code: string }[] }[];
      };
    }, patient.id);
    const absorica = record.entries.find((e) => e.display === 'Absorica');
    expect(absorica?.codes).toEqual([
      expect.objectContaining({ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '6064' }),
    ]);

    await page.getByRole('tab', { name: 'Screening' }).click();
    await page.getByRole('button', { name: 'Run screening' }).click();
    await page.locator('[data-testid="finding"][data-rule-id="isotretinoin"]').first().waitFor();
    const screenings = await page.evaluate(async (id) => {
      const response = await fetch(`/api/patients/${id}/screenings`);
      return (await response.json()) as {
        screenings: { findings: { ruleId: string; evidence: Record<string, unknown>[] }[] }[];
      };
    }, patient.id);
    const evidence = screenings.screenings[0]?.findings
      .filter((f) => f.ruleId === 'isotretinoin')
      .flatMap((f) => f.evidence);
    // The finding cites the coded entry: screening saw the RxNorm code, not only the name.
    expect(evidence).toContainEqual(
      expect.objectContaining({ code: expect.objectContaining({ code: '6064' }) }),
    );
  });

  it('imports a small NDJSON file and shows the report', async () => {
    const ndjson = [
      JSON.stringify({
        resourceType: 'Patient',
        id: 'imp-1',
        name: [{ given: ['Greta'], family: 'Imported' }],
        birthDate: '1985-06-01',
        gender: 'female',
      }),
      JSON.stringify({
        resourceType: 'Condition',
        id: 'imp-c1',
        code: { text: 'Rosacea' },
        subject: { reference: 'Patient/imp-1' },
        clinicalStatus: { coding: [{ code: 'active' }] },
      }),
      JSON.stringify({ resourceType: 'Encounter', id: 'enc-1', status: 'finished' }),
      '{"resourceType": "Patient", "id": ',
    ].join('\n');

    await page.goto(`${server.url}/patients`);
    await page.getByRole('link', { name: 'Import records' }).click();
    await page.getByRole('heading', { name: 'Import patient records' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'small.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(ndjson),
    });
    expect(await page.getByRole('radio', { name: /NDJSON/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Import' }).click();

    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.getByRole('heading', { level: 2 }).innerText()).toBe('Import report: small.ndjson');
    expect(
      await page.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow'),
    ).toBe('100');
    const counts = report.getByTestId('import-counts');
    expect(await counts.getByRole('row', { name: /Patients/ }).innerText()).toMatch(/Patients\s+1\s+0\s+0/);
    expect(await counts.getByRole('row', { name: /Condition/ }).innerText()).toMatch(/Condition\s+1\s+0\s+0/);
    expect(await report.getByTestId('import-skipped').innerText()).toMatch(/Encounter\s+1/);
    const rejected = report.getByTestId('import-rejected');
    expect(await rejected.innerText()).toContain('small.ndjson');
    expect(await rejected.getByRole('row').count()).toBe(2); // header + the broken line

    // The imported patient is in the list.
    await page.goto(`${server.url}/patients?q=Imported`);
    await page.getByRole('link', { name: 'Imported, Greta' }).waitFor();
  });
});
