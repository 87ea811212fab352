import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import { makeClinic, makePatient, makeUser, type TestUser } from '../server/src/testing/factories';
import { signInCookie } from '../server/src/testing/http';
import { browserAvailable, launchBrowser } from './support/browser';
import { startTestServer } from './support/server';

// Without Chromium this file is skipped, but never quietly: browserAvailable() prints a banner saying the
// browser tests did NOT run, and with REQUIRE_E2E=1 (CI) it throws, so the run fails instead.
const available = browserAvailable();

const webIndex = fileURLToPath(new URL('../web/dist/index.html', import.meta.url));
const timeZone = 'Europe/London';
const allDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
  (weekday) => ({ weekday, start: '09:00', end: '17:00' }),
);

describe.skipIf(!available)('staff schedule: book from open slots, move, clash (browser)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let frontDesk: TestUser;
  // Tomorrow at the clinic: always in the future, and the provider works every day.
  const day = addDays(localDate(Date.now(), timeZone), 1);

  beforeAll(async () => {
    if (!existsSync(webIndex)) throw new Error('web/dist is missing: run `npm run build -w web` first');
    server = await startTestServer({ signInAttemptsPerMinute: 1000 });
    const db = server.database.db;
    const clinicId = (await makeClinic(db, { name: 'Harbour Skin Clinic', timeZone })).id;
    const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Paula Reyes' });
    frontDesk = await makeUser(db, clinicId, 'front-desk', { name: 'Fiona Desk' });
    await makePatient(db, clinicId, { givenName: 'Ines', familyName: 'Quartermaine' });
    const other = await makePatient(db, clinicId, { givenName: 'Omar', familyName: 'Blockley' });
    const cookie = await signInCookie(server.app, frontDesk);
    const hours = await server.app.inject({
      method: 'PUT',
      url: `/api/providers/${provider.id}/working-hours`,
      headers: { cookie },
      payload: { rules: allDays },
    });
    expect(hours.statusCode).toBe(200);
    // Another patient already has the provider at 13:00.
    const busy = await server.app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { cookie },
      payload: {
        patientId: other.id,
        serviceTypeId: 'consultation',
        providerId: provider.id,
        start: new Date(zonedToUtc(day, '13:00', timeZone)).toISOString(),
      },
    });
    expect(busy.statusCode).toBe(201);
    browser = await launchBrowser({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await browser?.dispose();
    await server?.stop();
  });

  const block = (page: Page) =>
    page.getByTestId('booking-block').filter({ hasText: 'Ines Quartermaine' }).first();

  /** Waits until the patient's block shows `time` as its start. */
  const blockAt = (page: Page, time: string) =>
    page
      .locator(`[data-testid="booking-block"][data-start="${time}"]`)
      .filter({ hasText: 'Ines Quartermaine' })
      .waitFor();

  async function moveWithKeyboard(page: Page, time: string) {
    await block(page).click();
    await page.getByTestId('booking-details').waitFor();
    await page.getByRole('button', { name: 'Move…' }).click();
    const select = page.getByRole('combobox', { name: 'New time' });
    await select.fill(time);
    await page.getByRole('option', { name: time, exact: true }).click();
    await page.getByRole('button', { name: 'Move booking' }).click();
  }

  it('books a consultation from open slots in the week view, moves it, and is refused a clash', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('textbox', { name: 'Email' }).fill(frontDesk.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(frontDesk.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients' }).waitFor();

    await page.goto(`${server.url}/schedule?date=${day}&view=week`);
    await page.getByTestId('calendar-grid').waitFor();
    expect(await page.getByText('All times in London time').count()).toBe(1);

    // New booking: patient, service, the day, an open slot.
    await page.getByRole('button', { name: 'New booking' }).click();
    await page.getByRole('searchbox', { name: 'Patient' }).fill('Quarter');
    await page.getByRole('button', { name: /Ines Quartermaine/ }).click();
    await page.getByRole('combobox', { name: 'Service' }).click();
    await page.getByRole('option', { name: /Consultation/ }).click();
    expect(await page.getByRole('textbox', { name: 'Day' }).inputValue()).toBe(day);
    await page.getByRole('button', { name: /^10:00 with Dr Paula Reyes/ }).click();
    // 13:00 is taken by the other patient, so it is not offered.
    expect(await page.getByRole('button', { name: /^13:00 with/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText(/Booked for .*, 10:00\./).waitFor();

    // In the calendar, in the day's column, at 10:00.
    const column = page.getByTestId(`calendar-column-${day}`);
    await column.getByTestId('booking-block').filter({ hasText: 'Ines Quartermaine' }).waitFor();
    expect(await block(page).getAttribute('data-start')).toBe('10:00');

    // The keyboard alternative to dragging: Move… with a time.
    await moveWithKeyboard(page, '11:30');
    await page.getByText(/Ines Quartermaine moved to .*, 11:30\./).waitFor();
    await blockAt(page, '11:30');

    // Dragging: drop the block at 15:00 (the grid starts at 08:00; 1.2 px a minute).
    await page.getByTestId('calendar-scroll').evaluate((el) => (el.scrollTop = 200));
    const box = (await column.boundingBox())!;
    const from = (await block(page).boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 300, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, box.y + (15 * 60 - 8 * 60) * 1.2 + 4, { steps: 5 });
    await page.mouse.up();
    await page.getByText(/Ines Quartermaine moved to .*, 15:00\./).waitFor();
    await blockAt(page, '15:00');

    // A clash with the other patient's 13:00 is refused with the server's reason, and nothing moves.
    await moveWithKeyboard(page, '13:00');
    const refusal = page.getByTestId('booking-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Clash with another appointment');
    await page.keyboard.press('Escape');
    await page.getByTestId('booking-details').waitFor({ state: 'detached' });
    expect(await block(page).getAttribute('data-start')).toBe('15:00');
    await page.reload();
    await block(page).waitFor();
    expect(await block(page).getAttribute('data-start')).toBe('15:00');
  });
});
