import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

const shotsDir = process.env.E2E_SHOTS_DIR;

/**
 * With E2E_SHOTS_DIR set, photographs the page at phone and desktop width (for design review), then gives the page
 * back its own size. Without it, does nothing.
 */
export async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  const size = page.viewportSize();
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400); // let the layout and any chart settle at the new width
    await page.screenshot({ path: `${shotsDir}/${name}-${width}.png`, fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}
