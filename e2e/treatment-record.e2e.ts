import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '@needlepoint/core/scheduling/time-zone';
import { makeClinic } from '../server/src/testing/factories';
import {
  bookedSession,
  caller,
  setUpChartingClinic,
  type ChartingClinic,
} from '../server/src/testing/treatment';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped loudly (REQUIRE_E2E=1 makes that a failure).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
const shots = process.env.E2E_SCREENSHOTS;

describe.skipIf(!available)('charting a session on a tablet (1024x768, browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let c: ChartingClinic;
  let appointmentId: string;
  const day = addDays(localDate(Date.now(), 'UTC'), 1);

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Tablet Skin Clinic', timeZone: 'UTC' })).id;
    c = await setUpChartingClinic(server.app, db, clinicId, new Date());
    const call = caller(server.app);
    const product = (
      await call(c.owner, 'POST', '/api/inventory/products', {
        name: 'Cartridge 36-pin',
        kind: 'cartridge',
        gtin: '04006381333931',
        needleCount: 36,
      })
    ).json();
    const lot = await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'TAB-2607',
      expiry: '2027-06-30',
      quantity: 20,
    });
    expect(lot.statusCode).toBe(201);
    const session = await bookedSession(server.app, db, c, `${day}T10:00:00Z`);
    await db.query(`UPDATE patients SET given_name = 'Tamsin', family_name = 'Lotwood' WHERE id = $1`, [
      session.patientId,
    ]);
    appointmentId = session.appointmentId;
    browser = await launchBrowser({ width: 1024, height: 768 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  async function choose(page: Page, label: string, option: string, nth = 0) {
    await page.getByRole('combobox', { name: label, exact: true }).nth(nth).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  it('charts from the schedule, survives losing the network, signs, and finds the patient by lot', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(c.providerUser.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(c.providerUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    // Open the record from the booked session in the schedule.
    await page.goto(`${server.url}/schedule?date=${day}&view=day`);
    await page.getByTestId('booking-block').filter({ hasText: 'Tamsin Lotwood' }).first().click();
    await page.getByTestId('chart-session').click();
    await page.getByRole('heading', { name: 'Tamsin Lotwood' }).waitFor();
    expect(await page.getByTestId('screening-badge').innerText()).toMatch(/^cleared/i);
    expect(await page.getByTestId('record-status').innerText()).toMatch(/^draft$/i);

    // Checklist, numbing, the cartridge from its GS1 code, pain and aftercare.
    await choose(page, 'Photos taken', 'Yes');
    await choose(page, 'Skin clean, no active lesions', 'Yes');
    await choose(page, 'Preparation followed', 'Yes');
    await choose(page, 'Product', 'Lidocaine/prilocaine 2.5%/2.5% (EMLA)');
    await page.getByRole('textbox', { name: 'Amount (g)' }).fill('10');
    await page.getByRole('textbox', { name: 'Area (cm²)' }).fill('700');
    await page.getByTestId('numbing-warning').first().waitFor();
    await page.getByLabel('Applied at').fill('09:00');
    await page.getByLabel('Removed at').fill('09:45');
    await page
      .getByRole('textbox', { name: 'Box code (GS1): scan or type' })
      .fill('(01)04006381333931(17)270630(10)TAB-2607');
    await page.getByRole('button', { name: 'Add cartridge' }).click();
    await page.getByTestId('consumables').getByText('TAB-2607').waitFor();
    await page.getByRole('textbox', { name: 'Pain (0-10)' }).fill('3');
    await choose(page, 'Aftercare given', 'Yes');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('save-notice').filter({ hasText: 'Saved' }).waitFor();
    await shot(page, 'chart-saved');

    // The connection drops mid-way: the edit is kept on the tablet and sent when it returns.
    await page.context().setOffline(true);
    await page.getByRole('textbox', { name: 'Immediate reaction' }).fill('Uniform erythema, no bleeding');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('offline-notice').waitFor();
    await shot(page, 'chart-offline');
    // What IndexedDB holds on the tablet (idb-keyval's store), read in the page.
    const kept = await page.evaluate<string>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('keyval-store');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction('keyval').objectStore('keyval').getAll();
        read.onsuccess = () => resolve(JSON.stringify(read.result));
      };
    })`);
    expect(kept).toContain('Uniform erythema, no bleeding');
    await page.context().setOffline(false);
    await page.getByTestId('save-notice').filter({ hasText: 'Saved' }).waitFor();
    expect(await page.getByTestId('offline-notice').count()).toBe(0);
    const stored = await server.database.db.query<{ draft: { immediateReaction: string }; version: number }>(
      'SELECT draft, version FROM treatment_records WHERE appointment_id = $1',
      [appointmentId],
    );
    expect(stored.rows[0]!.draft.immediateReaction).toBe('Uniform erythema, no bleeding');

    // Sign: the record locks.
    await page.getByRole('button', { name: 'Sign and lock' }).click();
    await page.getByTestId('record-status').filter({ hasText: 'Signed' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Immediate reaction' }).isDisabled()).toBe(true);
    await shot(page, 'chart-signed');

    // A recall: find the patient by the lot number.
    await page.goto(`${server.url}/recalls`);
    await page.getByRole('textbox', { name: 'Lot number' }).fill('tab-2607');
    await page.getByRole('button', { name: 'Find patients' }).click();
    const results = page.getByTestId('lot-results');
    await results.getByText('Tamsin Lotwood').waitFor();
    expect(await results.innerText()).toContain('Dr Chart');
    await shot(page, 'lot-lookup');

    // Signing took the cartridge out of stock.
    await page.goto(`${server.url}/inventory`);
    await page.getByRole('cell', { name: 'TAB-2607' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'TAB-2607' }).innerText()).toContain('19');
    await shot(page, 'inventory');
    await page.goto(`${server.url}/adverse-events`);
    await page.getByText('adverse events per 100 signed sessions').waitFor();
    await shot(page, 'adverse-events');
    await page.close();
  });
});
