import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/support/browser';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app';
import { systemClock } from '../server/src/platform/clock';
import { newSessionToken } from '../server/src/platform/session';
import { makeClinic, makePatient, makeUser } from '../server/src/testing/factories';
import { benchDatabase } from './support/database';
import { budgetsKb, measureFirstLoads } from '../web/scripts/bundle-budget.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 3);

/** Chromium DevTools' "Fast 3G" preset (also what Lighthouse calls slow 4G): 562.5 ms RTT, 1.47 Mbit/s down. */
const fast3g = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1474.56 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

/**
 * The first load a person downloads (gzipped JS + CSS of the portal and of the staff app, from the build manifest)
 * against the budgets, and the invitation page a patient opens from their email on a phone over emulated Fast 3G
 * with a 4x slower CPU: first contentful paint and the moment the password form is shown. Served by the real
 * server (brotli, cold browser cache each run).
 */
export async function run() {
  if (!existsSync(`${root}web/dist/.vite/manifest.json`))
    execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  const loads = measureFirstLoads();
  const database = await benchDatabase();
  const { db } = database;
  const app = await buildApp({ db, clock: systemClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser({ width: 390, height: 844 });
  try {
    const clinic = await makeClinic(db, { name: 'Bench Clinic' });
    const frontDesk = await makeUser(db, clinic.id, 'front-desk');
    const paint: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < runs; i++) {
      const patient = await makePatient(db, clinic.id, { givenName: 'Ines', email: `ines${i}@bench.test` });
      const { token, tokenHash } = newSessionToken();
      await db.query(
        `INSERT INTO portal_invitations (clinic_id, patient_id, email, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, now(), now() + interval '7 days')`,
        [clinic.id, patient.id, `ines${i}@bench.test`, tokenHash, frontDesk.id],
      );
      const page = await browser.newPage();
      const cdp = await browser.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', fast3g);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const start = Date.now();
      await page.goto(`${url}/portal/welcome?token=${token}`, { waitUntil: 'commit' });
      await page.getByRole('heading', { name: 'Welcome, Ines' }).waitFor({ timeout: 120_000 });
      ready.push(Date.now() - start);
      paint.push(
        await page.evaluate(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        ),
      );
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      name: 'first-load',
      metrics: {
        portal_first_load_kb_gz: loads.portal.totalKb,
        portal_js_kb: loads.portal.jsKb,
        portal_css_kb: loads.portal.cssKb,
        portal_budget_kb: budgetsKb.portal,
        portal_goal_kb: 150,
        staff_first_load_kb_gz: loads.staff.totalKb,
        staff_budget_kb: budgetsKb.staff,
        invitation_fast3g_runs: runs,
        invitation_fast3g_first_contentful_paint_ms: Math.round(median(paint)),
        invitation_fast3g_form_shown_ms: Math.round(median(ready)),
      },
      notes:
        'Fast 3G = 562.5 ms RTT, 1.47 Mbit/s down, CPU 4x slower; cold cache; medians. The first contentful paint ' +
        'is the loading screen; "form shown" is when the patient can type their password.',
    };
  } finally {
    await browser.dispose();
    await app.close();
    await database.dispose();
  }
}
