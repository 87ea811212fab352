import { describe, expect, it } from 'vitest';
import { aftercareSources } from './sources';
import { buildTimeline, resolveTimelineSettings, TimelineSettings } from './timeline';

describe('preparation and aftercare timeline', () => {
  it('places each step around the session date with the default days', () => {
    const steps = buildTimeline('2026-03-02');
    expect(steps.map((s) => [s.key, s.date])).toEqual([
      ['priming', '2026-02-02'],
      ['no-tanning', '2026-02-23'],
      ['retinoid-hold', '2026-02-25'],
      ['day-of', '2026-03-02'],
      ['sunscreen', '2026-03-03'],
      ['make-up', '2026-03-04'],
      ['exercise', '2026-03-05'],
      ['swimming', '2026-03-05'],
      ['actives', '2026-03-07'],
      ['retinoids', '2026-03-09'],
      ['next-session', '2026-03-30'],
    ]);
    expect(steps.find((s) => s.key === 'day-of')!.phase).toBe('day-of');
    expect(steps[0]!.phase).toBe('before');
  });

  it('follows the clinic’s days, and leaves priming out when set to 0 weeks', () => {
    const steps = buildTimeline(
      '2026-03-02',
      resolveTimelineSettings({ primingWeeks: 0, retinoidHoldDays: 3, makeUpDay: 7 }),
    );
    expect(steps.map((s) => s.key)).not.toContain('priming');
    expect(steps.find((s) => s.key === 'retinoid-hold')!.date).toBe('2026-02-27');
    expect(steps.find((s) => s.key === 'make-up')!.date).toBe('2026-03-09');
  });

  it('refuses days outside the ranges and cites known sources', () => {
    expect(() => resolveTimelineSettings({ retinoidHoldDays: 30 })).toThrow();
    expect(TimelineSettings.partial().safeParse({ swimming: 3 }).success).toBe(false);
    for (const step of buildTimeline('2026-03-02'))
      for (const id of step.sources) expect(aftercareSources[id], id).toBeDefined();
  });

  it('never tells the patient to stop a medicine taken by mouth', () => {
    const hold = buildTimeline('2026-03-02').find((s) => s.key === 'retinoid-hold')!;
    expect(hold.detail).toMatch(/Keep taking any medicine by mouth/);
  });
});
