import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { makeCheckIn, signPhotoConsent } from '../server/src/testing/photos';
import { shot } from './support/shots';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, loudly (see browserAvailable).
const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
/** Chromium's own fake camera (a moving test pattern), allowed without a prompt. */
const fakeCamera = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** A skin-coloured photo with a red patch in its middle half: `redness` 0 (none) to 1 (strong). */
const skinPhoto = (redness: number) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 220, g: 170, b: 150 } } })
    .composite([
      {
        input: {
          create: {
            width: 200,
            height: 150,
            channels: 3,
            background: { r: 220, g: Math.round(170 - 90 * redness), b: Math.round(150 - 60 * redness) },
          },
        },
        left: 100,
        top: 75,
      },
    ])
    .png()
    .toBuffer();

describe.skipIf(!available)('clinical photos: guided camera, comparison and redness (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let provider: TestUser;
  let patient: { id: string };
  let patientUserId: string;
  let clinicId: string;
  let portalCookie: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer();
    const db = server.database.db;
    clinicId = (await makeClinic(db, { name: 'Lakeside Skin Clinic' })).id;
    patient = await makePatient(db, clinicId, { givenName: 'Lena', familyName: 'Fischer' });
    provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Sam Osei' });
    const patientUser = await makeUser(db, clinicId, 'patient', { patientId: patient.id });
    patientUserId = patientUser.id;
    portalCookie = await signInCookie(server.app, patientUser);
    await signPhotoConsent(server.app, portalCookie);
    // Today's session: the patient has arrived.
    const start = new Date(Date.now() - 10 * 60_000);
    await db.query(
      `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status,
         procedure_starts_at, room_free_at)
       VALUES ($1, $2, $3, 'microneedling', $4, $5, 'arrived', $4, $5)`,
      [clinicId, patient.id, provider.id, start, new Date(start.getTime() + 3_600_000)],
    );

    browser = await launchBrowser({ width: 1280, height: 800 }, fakeCamera);
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

  /** Opens the guided photo dialog for the face front view of today's session. */
  async function openGuidedPhoto(timing: 'Before the session' | 'After the session') {
    await page.getByRole('button', { name: 'Take a guided photo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Take a guided photo' });
    await dialog.getByTestId('guide-instructions').getByText('Face, front').waitFor();
    await dialog.getByRole('combobox', { name: 'Session' }).click();
    await page.getByRole('option').first().click();
    await dialog.getByText(timing, { exact: true }).click();
    return dialog;
  }

  async function captureAndSave(dialog: ReturnType<Page['getByRole']>) {
    await dialog.getByRole('button', { name: 'Capture' }).click();
    await dialog.getByRole('img', { name: 'The photo just taken' }).waitFor();
    await dialog.getByRole('button', { name: 'Save photo' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('takes a first guided photo with the camera, framed by the outline of the view', async () => {
    await page.goto(`${server.url}/patients/${patient.id}?tab=photos`);
    await page.getByTestId('no-photos').waitFor();
    const dialog = await openGuidedPhoto('Before the session');
    await dialog.getByText('No photo of this view yet').waitFor();

    // A file that is not a photo is refused in plain words, and nothing is kept.
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('These are my notes, not a photo.'),
    });
    const refusal = dialog.getByTestId('photo-refusal');
    await refusal.getByText('Not a photo', { exact: true }).waitFor();
    expect(await refusal.innerText()).toContain('Choose a JPEG, PNG or WebP photo');

    await dialog.getByRole('button', { name: 'Open the camera' }).click();
    const overlay = dialog.getByTestId('guide-overlay');
    await overlay.waitFor();
    expect(await overlay.getAttribute('data-guide')).toBe('frame');
    await dialog.getByRole('button', { name: 'Capture' }).and(page.locator(':enabled')).waitFor();
    await shot(page, 'photos-camera-first');
    await captureAndSave(dialog);

    const group = page.getByTestId('photos-face-front');
    await group.getByTestId('photo-card').first().waitFor();
    expect(await group.getByTestId('photo-card').count()).toBe(1);
    expect(await group.innerText()).toMatch(/Before the session of/);
    const { rows } = await server.database.db.query<{ content_type: string; width: number; timing: string }>(
      'SELECT content_type, width, timing FROM patient_photos WHERE patient_id = $1',
      [patient.id],
    );
    expect(rows).toEqual([{ content_type: 'image/jpeg', width: expect.any(Number), timing: 'before' }]);
    expect(rows[0]!.width).toBeGreaterThan(100);
  });

  it('takes a second photo of the view over the first one, faded, as the guide', async () => {
    const dialog = await openGuidedPhoto('After the session');
    await dialog.getByText('The first photo of this view is shown faded').waitFor();
    await dialog.getByRole('button', { name: 'Open the camera' }).click();
    const overlay = dialog.getByTestId('guide-overlay');
    await overlay.waitFor();
    expect(await overlay.getAttribute('data-guide')).toBe('first-photo');
    const first = await server.database.db.query<{ id: string }>(
      'SELECT id FROM patient_photos WHERE patient_id = $1',
      [patient.id],
    );
    expect(await overlay.getAttribute('src')).toContain(first.rows[0]!.id);
    await expect
      .poll(() => overlay.evaluate((el) => (el as { naturalWidth?: number }).naturalWidth))
      .toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Capture' }).and(page.locator(':enabled')).waitFor();
    await shot(page, 'photos-camera-guided');
    await captureAndSave(dialog);
    const group = page.getByTestId('photos-face-front');
    await group.getByText(/After the session of/).waitFor();
    expect(await group.getByTestId('photo-card').count()).toBe(2);
    await shot(page, 'photos-by-view');
  });

  it('compares the first and latest photo of the view, side by side and with a slider', async () => {
    await page.getByText('Compare', { exact: true }).click();
    const comparison = page.getByTestId('photo-comparison');
    await comparison.waitFor();
    expect(await comparison.getByRole('combobox', { name: 'View' }).inputValue()).toBe('Face, front');
    expect(await comparison.getByRole('combobox', { name: 'Before' }).inputValue()).toMatch(
      /Before the session/,
    );
    expect(await comparison.getByRole('combobox', { name: 'After' }).inputValue()).toMatch(
      /After the session/,
    );
    const sideBySide = comparison.getByTestId('side-by-side');
    await sideBySide.getByRole('img', { name: /^Before: Face, front/ }).waitFor();
    await sideBySide.getByRole('img', { name: /^After: Face, front/ }).waitFor();
    await shot(page, 'photos-compare-side-by-side');

    await comparison.getByText('Slider', { exact: true }).click();
    const before = comparison.getByTestId('slider-before');
    await before.waitFor();
    expect(await before.evaluate((el) => el.style.clipPath)).toBe('inset(0px 50% 0px 0px)');
    await comparison.getByRole('slider', { name: 'Before and after divider' }).focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    expect(await before.evaluate((el) => el.style.clipPath)).toBe('inset(0px 30% 0px 0px)');
    await shot(page, 'photos-compare-slider');
  });

  it('reads the redness of a region, and its trend across the aftercare check-in photos', async () => {
    // After an earlier session the patient sent two check-in photos of the view: the treated patch calmed down.
    const db = server.database.db;
    for (const [daysAgo, redness] of [
      [10, 0.8],
      [3, 0.3],
    ] as const) {
      const { checkInId } = await makeCheckIn(db, {
        clinicId,
        patientId: patient.id,
        providerId: provider.id,
        patientUserId,
        at: new Date(Date.now() - (daysAgo + 1) * 86_400_000).toISOString(),
      });
      const sent = await server.app.inject({
        method: 'POST',
        url: `/api/portal/check-ins/${checkInId}/photos?area=face&view=face-front`,
        headers: { cookie: portalCookie, 'content-type': 'image/png' },
        payload: await skinPhoto(redness),
      });
      expect(sent.statusCode, sent.body).toBe(201);
      await db.query('UPDATE patient_photos SET taken_at = now() - make_interval(days => $2) WHERE id = $1', [
        sent.json().id,
        daysAgo,
      ]);
    }
    await page.reload();
    await page.getByText('Redness', { exact: true }).click();
    const panel = page.getByTestId('redness-panel');
    await panel.waitFor();
    // The latest photo of the view is chosen first; pick the latest check-in photo (oldest first in the list).
    expect(await panel.getByRole('combobox', { name: 'Photo' }).inputValue()).toMatch(/After the session/);
    await panel.getByRole('combobox', { name: 'Photo' }).click();
    await page
      .getByRole('option', { name: /Aftercare check-in/ })
      .nth(1)
      .click();
    expect(await panel.getByRole('combobox', { name: 'Photo' }).inputValue()).toMatch(/Aftercare check-in/);
    const picker = panel.getByTestId('region-picker').locator('img');
    await expect
      .poll(() => picker.evaluate((el) => (el as { naturalWidth?: number }).naturalWidth))
      .toBeGreaterThan(0);
    const box = (await picker.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.35);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.65, { steps: 4 });
    await page.mouse.up();
    await panel.getByTestId('region-box').waitFor();
    expect(await panel.getByTestId('region-size').innerText()).toBe('Region: 30% × 30% of the photo');
    await panel.getByRole('button', { name: 'Measure redness' }).click();

    const result = panel.getByTestId('redness-result');
    await result.waitFor();
    // 100 × log10(R / G) of the patch: 220 / 143 in the latest photo.
    expect(await result.getByTestId('erythema-index').innerText()).toBe('18.7');
    expect(await result.getByTestId('erythema-note').innerText()).toMatch(/same camera in the same light/);
    // 220 / 98 in the first check-in photo, then 220 / 143: down by 16.4.
    expect(await result.getByTestId('erythema-trend').innerText()).toBe(
      'Redness is going down across the check-ins. Change from the first to the latest: −16.4.',
    );
    const chart = result.getByTestId('erythema-chart');
    await chart.locator('.recharts-line-dot, .recharts-dot').first().waitFor();
    expect(await chart.locator('.recharts-line-dot, .recharts-dot').count()).toBe(2);
    await result.scrollIntoViewIfNeeded();
    await shot(page, 'photos-redness');
  });

  it('gives a photo the marketing use only once the patient has consented to it', async () => {
    await page.getByText('By view', { exact: true }).click();
    const group = page.getByTestId('photos-face-front');
    await group
      .getByRole('button', { name: /^Uses of Face, front/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: /^Uses of this photo/ });
    await dialog.getByRole('checkbox', { name: 'Marketing' }).check();
    await dialog.getByRole('button', { name: 'Save uses' }).click();
    const refusal = dialog.getByTestId('uses-refusal');
    await refusal.getByText('That use is not consented', { exact: true }).waitFor();
    expect(await refusal.innerText()).toContain(
      'has not agreed to their photos being used for teaching or marketing',
    );

    await signPhotoConsent(server.app, portalCookie, 'photo-marketing');
    await dialog.getByRole('button', { name: 'Save uses' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await group.getByTestId('photo-uses').getByText('Marketing').first().waitFor();
    const { rows } = await server.database.db.query<{ scopes: string[] }>(
      `SELECT scopes FROM patient_photos WHERE patient_id = $1 AND 'marketing' = ANY(scopes)`,
      [patient.id],
    );
    expect(rows.map((r) => [...r.scopes].sort())).toEqual([['clinical-record', 'marketing']]);
    await shot(page, 'photos-uses');
  });
});
