import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';
import { scheduleTimelineSteps } from './timeline-schedule';

const steps = buildTimeline('2026-12-10');
const keys = (s: { step: { key: string } }[]) => s.map((x) => x.step.key);

describe('scheduleTimelineSteps', () => {
  it.each([
    {
      case: 'booked five weeks ahead: every step, priming first',
      now: '2026-11-01T12:00:00Z',
      startsAt: '2026-12-10T15:00:00Z',
      first: 'priming',
      count: steps.length,
    },
    {
      case: 'booked three days ahead: the preparation steps already due are left out',
      now: '2026-12-07T12:00:00Z',
      startsAt: '2026-12-10T15:00:00Z',
      first: 'day-of',
      count: steps.length - 3,
    },
    {
      case: 'a session at 06:30 local: the day-of step would arrive after it started',
      now: '2026-12-07T12:00:00Z',
      startsAt: '2026-12-10T11:30:00Z',
      first: 'sunscreen',
      count: steps.length - 4,
    },
  ])('$case', ({ now, startsAt, first, count }) => {
    const scheduled = scheduleTimelineSteps(steps, { startsAt, timeZone: 'America/New_York' }, now);
    expect(keys(scheduled)[0]).toBe(first);
    expect(scheduled).toHaveLength(count);
  });

  it('sends at 09:00 in the clinic’s time zone (07:00 on the day), across a daylight-saving change', () => {
    const scheduled = scheduleTimelineSteps(
      buildTimeline('2026-11-03'),
      { startsAt: '2026-11-03T16:00:00Z', timeZone: 'America/New_York' },
      '2026-10-01T00:00:00Z',
    );
    const at = Object.fromEntries(scheduled.map((s) => [s.step.key, s.sendAt]));
    // 2026-10-27 is still daylight saving time (UTC-4); 2026-11-03 is standard time (UTC-5).
    expect(at['no-tanning']).toBe('2026-10-27T13:00:00.000Z');
    expect(at['day-of']).toBe('2026-11-03T12:00:00.000Z');
    expect(at['sunscreen']).toBe('2026-11-04T14:00:00.000Z');
  });
});
