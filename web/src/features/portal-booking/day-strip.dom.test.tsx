import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import bookingEn from '../../i18n/booking/en.json';
import { renderPortal } from '../../testing/render';
import { DayStrip } from './day-strip';

const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
const counts = new Map([
  ['2026-03-02', 2],
  ['2026-03-04', 1],
  ['2026-03-05', 3],
]);

function renderStrip(props: Partial<Parameters<typeof DayStrip>[0]> = {}) {
  const onSelect = vi.fn();
  renderPortal(
    <DayStrip
      days={days}
      counts={counts}
      selected="2026-03-04"
      earliest="2026-03-04"
      onSelect={onSelect}
      onEarlier={null}
      onLater={vi.fn()}
      {...props}
    />,
    bookingEn,
  );
  return onSelect;
}

describe('DayStrip (the portal’s slot picker days)', () => {
  it('names each day with its open times and marks the days before the plan allows', () => {
    renderStrip();
    const day = (date: string) => screen.getByTestId('day-strip').querySelector(`[data-date="${date}"]`)!;

    expect(day('2026-03-02').getAttribute('aria-label')).toBe(
      'Monday, 2 March 2026, 2 times, before your plan’s earliest date',
    );
    expect(day('2026-03-04').getAttribute('aria-label')).toBe('Wednesday, 4 March 2026, 1 time');
    expect(day('2026-03-02').textContent).toContain('early');
    expect(day('2026-03-05').textContent).not.toContain('early');
  });

  it('offers only days with open times, and shows which one is chosen', async () => {
    const user = userEvent.setup();
    const onSelect = renderStrip();
    const day = (date: string) =>
      screen.getByTestId('day-strip').querySelector<HTMLButtonElement>(`[data-date="${date}"]`)!;

    expect(day('2026-03-03').disabled).toBe(true);
    expect(day('2026-03-04').getAttribute('aria-pressed')).toBe('true');
    expect(day('2026-03-05').getAttribute('aria-pressed')).toBe('false');

    await user.click(day('2026-03-03'));
    await user.click(day('2026-03-05'));
    expect(onSelect.mock.calls).toEqual([['2026-03-05']]);
  });

  it('pages only where there is somewhere to go', async () => {
    const user = userEvent.setup();
    const onLater = vi.fn();
    renderStrip({ onLater });

    expect(screen.getByRole('button', { name: '‹ Earlier' }).hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Later ›' }));
    expect(onLater).toHaveBeenCalledTimes(1);
  });
});
