import { z } from 'zod';
import { addDays } from '../scheduling/time-zone';

/**
 * The preparation and aftercare timeline around a session, from evidence.md sections 3 and 6. The days are clinic
 * settings (the sources disagree, section 12.2 and 12.7); the defaults sit inside the ranges the sources give.
 */
export const TimelineSettings = z
  .object({
    /** Vitamin A and C priming starts this many weeks before (Aust, Fernandes: at least 4). */
    primingWeeks: z.number().int().min(0).max(12),
    /** Prescription retinoids are paused this many days before (clinic pages: 2–7; suggested 3–5). */
    retinoidHoldDays: z.number().int().min(0).max(14),
    /** No tanning or sunbeds this many days before (5–7). */
    noTanningDays: z.number().int().min(0).max(30),
    /** Make-up again from this day (24–48 h; some say a week). */
    makeUpDay: z.number().int().min(1).max(14),
    /** Exercise and sweating again from this day (24–72 h). */
    exerciseDay: z.number().int().min(1).max(14),
    /** Swimming, sauna and hot tubs again from this day (at least 72 h). */
    swimmingDay: z.number().int().min(1).max(14),
    /** Vitamin C, acids and benzoyl peroxide again from this day (5–7). */
    activesDay: z.number().int().min(1).max(21),
    /** Prescription retinoids again from this day (7–10). */
    retinoidsDay: z.number().int().min(1).max(30),
    /** The next session is usually due this many weeks after (4–6). */
    nextSessionWeeks: z.number().int().min(1).max(26),
  })
  .strict();
export type TimelineSettings = z.output<typeof TimelineSettings>;
export const defaultTimelineSettings: TimelineSettings = {
  primingWeeks: 4,
  retinoidHoldDays: 5,
  noTanningDays: 7,
  makeUpDay: 2,
  exerciseDay: 3,
  swimmingDay: 3,
  activesDay: 5,
  retinoidsDay: 7,
  nextSessionWeeks: 4,
};

/** The clinic's stored days over the defaults. */
export function resolveTimelineSettings(overrides: Partial<TimelineSettings>): TimelineSettings {
  return TimelineSettings.parse({ ...defaultTimelineSettings, ...overrides });
}

export const TimelineStep = z.object({
  key: z.string(),
  /** Days from the session (negative: before it). */
  day: z.number().int(),
  date: z.iso.date(),
  phase: z.enum(['before', 'day-of', 'after']),
  title: z.string(),
  detail: z.string(),
  sources: z.array(z.string()),
});
export type TimelineStep = z.infer<typeof TimelineStep>;

/** The steps for a session on `sessionDate` (the clinic's calendar date), in date order. */
export function buildTimeline(
  sessionDate: string,
  s: TimelineSettings = defaultTimelineSettings,
): TimelineStep[] {
  const step = (
    key: string,
    day: number,
    title: string,
    detail: string,
    sources: string[],
  ): TimelineStep => ({
    key,
    day,
    date: addDays(sessionDate, day),
    phase: day < 0 ? 'before' : day === 0 ? 'day-of' : 'after',
    title,
    detail,
    sources,
  });
  const steps = [
    ...(s.primingWeeks > 0
      ? [
          step(
            'priming',
            -7 * s.primingWeeks,
            'Start vitamin A and C skin care',
            'Use the vitamin A and C creams your clinic recommends every day until your session.',
            ['S24', 'S25'],
          ),
        ]
      : []),
    step(
      'no-tanning',
      -s.noTanningDays,
      'No tanning from today',
      'Avoid sunbathing, sunbeds and sunburn on the area to be treated until your session.',
      ['S78'],
    ),
    step(
      'retinoid-hold',
      -s.retinoidHoldDays,
      'Pause retinoid creams',
      'Stop tretinoin, adapalene, retinol and exfoliating acids on the area until after your session. Keep taking any medicine by mouth unless your prescriber says otherwise.',
      ['S78'],
    ),
    step(
      'day-of',
      0,
      'Your session',
      'Come with clean skin and no make-up on the area. Numbing cream is applied at the clinic. Afterwards: lukewarm water and a gentle cleanser, a plain moisturiser, no make-up, and stay out of the sun.',
      ['S78'],
    ),
    step(
      'sunscreen',
      1,
      'Start sunscreen',
      'From 24 hours after treatment, use a mineral sunscreen SPF 30 or more every day for at least two weeks.',
      ['S78'],
    ),
    step('make-up', s.makeUpDay, 'Make-up is fine again', 'Use clean brushes and gentle products.', ['S78']),
    step('exercise', s.exerciseDay, 'Exercise is fine again', 'Sweating and hard exercise can start again.', [
      'S78',
    ]),
    step(
      'swimming',
      s.swimmingDay,
      'Swimming, sauna and hot tubs are fine again',
      'Wait until now so the skin has closed.',
      ['S78'],
    ),
    step(
      'actives',
      s.activesDay,
      'Vitamin C and acids again, if your skin is calm',
      'Restart vitamin C, acids and benzoyl peroxide if there is no redness or stinging.',
      ['S78'],
    ),
    step(
      'retinoids',
      s.retinoidsDay,
      'Retinoid creams again, if your skin is calm',
      'Restart prescription retinoid creams.',
      ['S78'],
    ),
    step(
      'next-session',
      7 * s.nextSessionWeeks,
      'Your next session is due',
      'Book it in the portal if it is not booked yet.',
      ['S7'],
    ),
  ];
  return steps.sort((a, b) => a.day - b.day);
}
