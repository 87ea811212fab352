import { zonedToUtc } from '../scheduling/time-zone';
import type { TimelineStep } from './timeline';

/** Steps are sent at this local time on their date; the day-of step earlier, so it arrives before the session. */
export const stepSendTime = '09:00';
export const dayOfSendTime = '07:00';

/**
 * When each timeline step is sent as a message: on its date in the clinic's time zone, at 09:00 (07:00 on the day of
 * the session). Steps whose time has passed are left out, and so is a day-of step that would arrive after the
 * session has started (the reminder the day before covers it).
 */
export function scheduleTimelineSteps(
  steps: readonly TimelineStep[],
  session: { startsAt: string; timeZone: string },
  now: string,
): { step: TimelineStep; sendAt: string }[] {
  const nowMs = Date.parse(now);
  const startMs = Date.parse(session.startsAt);
  return steps.flatMap((step) => {
    const at = zonedToUtc(step.date, step.day === 0 ? dayOfSendTime : stepSendTime, session.timeZone);
    if (at <= nowMs) return [];
    if (step.day === 0 && at >= startMs) return [];
    return [{ step, sendAt: new Date(at).toISOString() }];
  });
}
