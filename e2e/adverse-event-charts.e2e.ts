import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
const shots = process.env.E2E_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'needlepoint-shots-'));

describe.skipIf(!available)('adverse-event report charts (browser, desktop and phone)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let c: ChartingClinic;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const call = caller(server.app);
    c = await setUpChartingClinic(
      server.app,
      db,
      (await makeClinic(db, { name: 'Charting Skin Clinic', timeZone: 'UTC' })).id,
      new Date(),
    );
    const product = (
      await call(c.owner, 'POST', '/api/inventory/products', { name: 'Cartridge 12', kind: 'cartridge' })
    ).json();
    const lots = await Promise.all(
      ['LOT-A', 'LOT-B'].map(async (lot) => {
        const received = await call(c.owner, 'POST', '/api/inventory/lots', {
          productId: product.id,
          lot,
          expiry: '2030-06-30',
          quantity: 10,
        });
        return received.json().id as string;
      }),
    );
    // Three signed sessions (Fitzpatrick II, IV, V); adverse events on two of them.
    const day = addDays(localDate(Date.now(), 'UTC'), 1);
    const sessions = [
      { hour: 9, fitzpatrick: 2, lotId: lots[0]!, event: 'pih' },
      { hour: 11, fitzpatrick: 4, lotId: lots[0]!, event: 'prolonged-erythema' },
      { hour: 14, fitzpatrick: 5, lotId: lots[1]!, event: null },
    ];
    for (const s of sessions) {
      const booked = await bookedSession(
        server.app,
        db,
        c,
        `${day}T${String(s.hour).padStart(2, '0')}:00:00Z`,
      );
      await db.query('UPDATE patients SET fitzpatrick = $2 WHERE id = $1', [booked.patientId, s.fitzpatrick]);
      const record = (
        await call(c.provider, 'POST', `/api/appointments/${booked.appointmentId}/treatment-record`)
      ).json();
      const saved = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
        expectedVersion: record.version,
        draft: {
          checklist: { photosTaken: true, skinClean: true, preparationFollowed: true },
          deviceId: c.deviceId,
          consumables: [{ lotId: s.lotId, productName: 'x', lot: 'x', expiry: '2099-01-01' }],
          zones: [{ zone: 'cheeks', depthMm: 1.5 }],
          pain: 2,
          aftercareGiven: true,
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const signed = await call(c.provider, 'POST', `/api/treatment-records/${record.id}/sign`, {
        expectedVersion: saved.json().version,
      });
      expect(signed.statusCode, signed.body).toBe(200);
      if (s.event) {
        const opened = await call(c.provider, 'POST', '/api/adverse-events', {
          patientId: booked.patientId,
          treatmentRecordId: record.id,
          type: s.event,
          onsetOn: day,
        });
        expect(opened.statusCode, opened.body).toBe(201);
      }
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ])
    it(`draws a labelled bar chart per breakdown at ${viewport.width}x${viewport.height}`, async () => {
      const browser = await launchBrowser(viewport);
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/sign-in`);
        await page.getByRole('textbox', { name: 'Email' }).fill(c.providerUser.email);
        await page.getByRole('textbox', { name: 'Password' }).fill(c.providerUser.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Patients' }).waitFor();
        await page.goto(`${server.url}/adverse-events`);
        await page.getByText('66.7 adverse events per 100 signed sessions (2 in 3)').waitFor();
        const charts = page.getByTestId('rate-chart');
        await charts.nth(4).waitFor();
        expect(await charts.count()).toBe(5);
        await page.locator('.recharts-bar-rectangle').first().waitFor();
        const labels = await charts.evaluateAll((all) => all.map((f) => f.getAttribute('aria-label') ?? ''));
        expect(labels[0]).toMatch(
          /by type\. .*Post-inflammatory hyperpigmentation: 33\.3 per 100 \(1 of 3\)/i,
        );
        expect(labels[2]).toMatch(/by lot\. .*LOT-A: 100 per 100 \(2 of 2\).*LOT-B: 0 per 100 \(0 of 1\)/i);
        expect(labels[4]).toMatch(
          /by fitzpatrick type\. .*Type IV: 100 per 100 \(1 of 1\).*Type V: 0 per 100/i,
        );
        // Bars for every row with events, and nothing wider than the screen.
        expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(5);
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `${shots}/adverse-event-charts-${viewport.width}x${viewport.height}.png`,
          fullPage: true,
        });
      } finally {
        await browser.dispose();
      }
    });
});
