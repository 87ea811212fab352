import { describe, expect, it } from 'vitest';
import { initialWindowStart, moveWindow, windowDates, windowRange } from './booking-window';

const now = Date.parse('2026-12-02T10:00:00Z');
const day = 86_400_000;

describe('the portal day strip window', () => {
  it.each([
    ['no plan due date: opens today', null, now],
    ['due date passed: opens today', '2026-11-20', now],
    ['due in 4 months: opens 2 days before it', '2027-04-01', Date.parse('2027-03-30T00:00:00Z')],
    ['due past the horizon: opens at the last full window', '2028-06-01', now + (365 - 28) * day],
  ])('%s', (_label, due, expected) => {
    expect(initialWindowStart(now, due, 365)).toBe(expected);
  });

  it('pages by 28 days and stops at today and at the horizon', () => {
    expect(moveWindow(now, 1, now, 365)).toBe(now + 28 * day);
    expect(moveWindow(now + 10 * day, -1, now, 365)).toBe(now);
    expect(moveWindow(now, 100, now, 365)).toBe(now + 337 * day);
  });

  it('reaches the whole horizon: the last window ends on it and cannot go later', () => {
    const last = moveWindow(now, 100, now, 365);
    const range = windowRange(last, now, 365);
    expect(range.to).toBe(new Date(now + 365 * day).toISOString());
    expect(range.canGoLater).toBe(false);
    expect(range.canGoEarlier).toBe(true);
    expect(windowRange(now, now, 365)).toMatchObject({ canGoEarlier: false, canGoLater: true });
  });

  it('lists the local dates of a window across a month end', () => {
    expect(windowDates('2027-01-30', 4)).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
  });
});
