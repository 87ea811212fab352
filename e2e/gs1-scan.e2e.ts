import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '@needlepoint/core/scheduling/time-zone';
import { totpNow } from '../server/src/platform/totp';
import { makeClinic, makeUser, type TestUser } from '../server/src/testing/factories';
import {
  bookedSession,
  caller,
  setUpChartingClinic,
  type ChartingClinic,
} from '../server/src/testing/treatment';
import { browserAvailable, cameraRefused, cameraShowing, launchBrowser } from './support/browser';
import { writeFakeCameraVideo } from './support/fake-camera';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped loudly (REQUIRE_E2E=1 makes that a failure).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
const shots = process.env.E2E_SCREENSHOTS;

const gtin = '04006381333931';
const boxCode = `(01)${gtin}(17)301231(10)LOT-E2E-9(21)SN42`;
const expiredBoxCode = `(01)${gtin}(17)200131(10)LOT-OLD-1(21)SN7`;

describe.skipIf(!available)('scanning a cartridge box with the tablet camera (browser, fake camera)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let c: ChartingClinic;
  let owner: TestUser;
  let appointmentId: string;
  let videos: string;
  const day = addDays(localDate(Date.now(), 'UTC'), 1);

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    videos = mkdtempSync(join(tmpdir(), 'needlepoint-camera-'));
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Scanning Skin Clinic', timeZone: 'UTC' })).id;
    c = await setUpChartingClinic(server.app, db, clinicId, new Date());
    owner = await makeUser(db, clinicId, 'owner');
    const product = await caller(server.app)(c.owner, 'POST', '/api/inventory/products', {
      name: 'Cartridge 36-pin',
      kind: 'cartridge',
      gtin,
      needleCount: 36,
    });
    expect(product.statusCode).toBe(201);
    appointmentId = (await bookedSession(server.app, db, c, `${day}T10:00:00Z`)).appointmentId;
  });

  afterAll(async () => {
    await server?.stop();
    if (videos) rmSync(videos, { recursive: true, force: true });
  });

  /** A browser whose camera shows `text` as a DataMatrix (GS1 when `gs1`), signed in as `user`. */
  async function browserShowing(
    name: string,
    barcode: { symbology: string; text: string } | null,
    user: { email: string; password: string; totpSecret?: string | null },
  ) {
    const camera = barcode ? await writeFakeCameraVideo(videos, name, barcode) : null;
    const browser = await launchBrowser(
      { width: 1024, height: 768 },
      camera ? cameraShowing(camera) : cameraRefused,
    );
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (user.totpSecret) {
      const code = page.getByRole('textbox', { name: '6-digit code' });
      await code.waitFor();
      await code.fill(await totpNow(user.totpSecret, new Date()));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
    }
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    return { browser, page };
  }
  const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };
  async function openChart(page: Page) {
    await page.goto(`${server.url}/chart/${appointmentId}`);
    await page.getByRole('heading', { name: 'Device and cartridges' }).waitFor();
  }

  it('fills GTIN, lot, expiry and serial from the box, and the record saves', async () => {
    const { browser, page } = await browserShowing(
      'box',
      { symbology: 'gs1datamatrix', text: boxCode },
      c.providerUser,
    );
    try {
      await openChart(page);
      await page.getByRole('button', { name: 'Scan box' }).click();
      await page.getByRole('dialog', { name: 'Scan the code on the box' }).waitFor();
      await shot(page, 'scan-dialog');
      // The dialog closes by itself once the code is read.
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 30_000 });
      expect(await field(page, 'GTIN (01)').inputValue()).toBe(gtin);
      expect(await field(page, 'Lot (10)').inputValue()).toBe('LOT-E2E-9');
      expect(await page.getByLabel('Expiry (17)').inputValue()).toBe('2030-12-31');
      expect(await field(page, 'Serial (21)').inputValue()).toBe('SN42');
      await shot(page, 'scan-filled');

      await page.getByRole('button', { name: 'Add cartridge' }).click();
      const used = page.getByTestId('consumables');
      await used.getByText('LOT-E2E-9').waitFor();
      expect(await used.innerText()).toContain(`${gtin} / SN42`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('save-notice').filter({ hasText: 'Saved' }).waitFor();
      const stored = await server.database.db.query<{ draft: { consumables: unknown[] } }>(
        'SELECT draft FROM treatment_records WHERE appointment_id = $1',
        [appointmentId],
      );
      expect(stored.rows[0]!.draft.consumables).toEqual([
        expect.objectContaining({
          gtin,
          lot: 'LOT-E2E-9',
          expiry: '2030-12-31',
          serial: 'SN42',
          lotId: null,
        }),
      ]);
    } finally {
      await browser.dispose();
    }
  });

  it('an expired box scanned is refused on save with the same coded error as typed', async () => {
    const { browser, page } = await browserShowing(
      'expired',
      { symbology: 'gs1datamatrix', text: expiredBoxCode },
      c.providerUser,
    );
    try {
      await openChart(page);
      await page.getByRole('button', { name: 'Scan box' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 30_000 });
      expect(await field(page, 'Lot (10)').inputValue()).toBe('LOT-OLD-1');
      await page.getByRole('button', { name: 'Add cartridge' }).click();
      await page.getByTestId('consumables').getByText('Expired').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      const refusal = page.locator('[data-error-code="TREATMENT_LOT_EXPIRED"]');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('LOT-OLD-1 (expired 2020-01-31)');
      await shot(page, 'scan-expired');
      const stored = await server.database.db.query<{ draft: { consumables: { lot: string }[] } }>(
        'SELECT draft FROM treatment_records WHERE appointment_id = $1',
        [appointmentId],
      );
      expect(stored.rows[0]!.draft.consumables.map((x) => x.lot)).toEqual(['LOT-E2E-9']);
    } finally {
      await browser.dispose();
    }
  });

  it('a DataMatrix that is not GS1 is named as such, and typing still works', async () => {
    const { browser, page } = await browserShowing(
      'not-gs1',
      { symbology: 'datamatrix', text: 'https://example.test/manual' },
      c.providerUser,
    );
    try {
      await openChart(page);
      await page.getByRole('button', { name: 'Scan box' }).click();
      const problem = page.getByRole('dialog').getByTestId('scan-problem');
      await problem.waitFor({ timeout: 30_000 });
      expect(await problem.innerText()).toMatch(/not a GS1 code/i);
      await shot(page, 'scan-not-gs1');
      await page.getByRole('button', { name: 'Type it instead' }).click();
      await field(page, 'Lot (10)').fill('TYPED-1');
      expect(await field(page, 'Lot (10)').inputValue()).toBe('TYPED-1');
    } finally {
      await browser.dispose();
    }
  });

  it('with the camera refused the scanner says so, and the box is added from the typed fields', async () => {
    const { browser, page } = await browserShowing('none', null, c.providerUser);
    try {
      await openChart(page);
      await page.getByRole('button', { name: 'Scan box' }).click();
      const problem = page.getByRole('dialog').getByTestId('scan-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/camera/i);
      await shot(page, 'scan-no-camera');
      await page.getByRole('button', { name: 'Type it instead' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await field(page, 'Lot (10)').fill('TYPED-7');
      await page.getByLabel('Expiry (17)').fill('2031-05-31');
      await page.getByRole('button', { name: 'Add cartridge' }).click();
      await page.getByTestId('consumables').getByText('TYPED-7').waitFor();
    } finally {
      await browser.dispose();
    }
  });

  it('receiving stock: the scan picks the product by GTIN and fills lot and expiry', async () => {
    const { browser, page } = await browserShowing(
      'receive',
      { symbology: 'gs1datamatrix', text: boxCode },
      owner,
    );
    try {
      await page.goto(`${server.url}/inventory`);
      await page.getByRole('heading', { name: 'Receive stock' }).waitFor();
      await page.getByRole('button', { name: 'Scan box' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 30_000 });
      const receive = page.getByTestId('receive-stock');
      expect(await receive.getByRole('combobox', { name: 'Product' }).inputValue()).toBe('Cartridge 36-pin');
      expect(await receive.getByRole('textbox', { name: 'Lot', exact: true }).inputValue()).toBe('LOT-E2E-9');
      expect(await receive.getByLabel('Expiry').inputValue()).toBe('2030-12-31');
      await page.getByRole('button', { name: 'Receive' }).click();
      await page.getByRole('cell', { name: 'LOT-E2E-9' }).waitFor();
      const lots = await server.database.db.query<{ lot: string; expiry: string; quantity_on_hand: number }>(
        `SELECT lot, to_char(expiry, 'YYYY-MM-DD') AS expiry, quantity_on_hand FROM inventory_lots WHERE lot = $1`,
        ['LOT-E2E-9'],
      );
      expect(lots.rows).toEqual([{ lot: 'LOT-E2E-9', expiry: '2030-12-31', quantity_on_hand: 10 }]);
    } finally {
      await browser.dispose();
    }
  });
});
