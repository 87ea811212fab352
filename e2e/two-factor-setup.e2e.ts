import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../server/src/testing/factories';
import { totpNow } from '../server/src/platform/totp';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

const available = browserAvailable();
const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));

/** Reads the QR code in a screenshot of `page`'s QR image, as a phone's camera would. */
async function scanQrCode(page: Page): Promise<string | null> {
  const png = await page.getByTestId('qr-code').screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return (
    jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ??
    null
  );
}

describe.skipIf(!available)('two-factor set-up: QR code and recovery codes (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let clinicId: string;

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    clinicId = (await makeClinic(server.database.db, { name: 'Harbour Skin Clinic' })).id;
    browser = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  it('an owner scans the QR code, saves ten recovery codes, and later signs in with one of them once', async () => {
    const owner = await makeUser(server.database.db, clinicId, 'owner', { totp: false, name: 'Rhea Owner' });
    const page = await browser.newPage();
    const signIn = async () => {
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('textbox', { name: 'Email' }).fill(owner.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    await signIn();
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();

    const scanned = await scanQrCode(page);
    expect(scanned).toMatch(/^otpauth:\/\/totp\//);
    const uri = new URL(scanned!);
    const secret = uri.searchParams.get('secret')!;
    expect(uri.searchParams.get('issuer')).toBe('Needlepoint');
    expect(decodeURIComponent(uri.pathname)).toContain(owner.email);
    // The same key is shown as text, for typing in by hand.
    expect((await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '')).toBe(secret);

    await page.getByRole('textbox', { name: '6-digit code' }).fill(await totpNow(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const list = page.getByTestId('recovery-codes');
    await list.waitFor();
    const codes = (await list.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    // Phone lost: a recovery code instead of the 6-digit code, once.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    await page.goto(`${server.url}/security`);
    await page.getByTestId('recovery-codes-left').getByText('Recovery codes: 9 of 10 unused.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn();
    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByText('That recovery code did not work. Each code works only once.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });
});
