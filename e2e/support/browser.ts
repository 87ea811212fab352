import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run. Without Chromium they are reported loudly; with REQUIRE_E2E=1 the run fails.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  const message = `\n\n!!! Browser tests NOT RUN: Chromium is missing at ${chromiumPath}. Install it with: apt-get install -y chromium\n\n`;
  if (process.env.REQUIRE_E2E === '1') throw new Error(message);
  console.warn(message);
  return false;
}

/** Chromium switches: the camera shows `file` (a Y4M or MJPEG, see fake-camera.ts), allowed without a prompt. */
export const cameraShowing = (file: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];
/** Chromium switches: a camera exists but the site's request for it is refused. */
export const cameraRefused: string[] = ['--use-fake-device-for-media-stream', '--deny-permission-prompts'];

/** `extraArgs` adds Chromium switches, e.g. a fake camera for photo journeys (`cameraShowing`, `cameraRefused`). */
export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  extraArgs: string[] = [],
): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'needlepoint-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  return Object.assign(context, {
    async dispose() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  });
}
