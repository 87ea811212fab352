import type { Urgency } from './triage.schema';

/** What the patient reads first, by urgency. Plain words; no local emergency number is assumed. */
export const urgencyHeadlines: Record<Urgency, string> = {
  emergency:
    'Call your local emergency number now (for example 911 or 112), or go to the nearest emergency department. Do not wait for the clinic.',
  'same-day':
    'Call the clinic today. If you cannot reach the clinic and you are getting worse, go to urgent care or an emergency department.',
  soon: 'The clinic should see you in the next few days. Call to arrange a check, and call sooner if it gets worse.',
  routine:
    'Thank you. The clinic will review your answers and contact you if needed. Keep following your aftercare.',
  expected:
    'This looks like normal healing. Redness and swelling are common for up to about five days after treatment.',
};

export const urgencyLabels: Record<Urgency, string> = {
  emergency: 'Emergency',
  'same-day': 'Same day',
  soon: 'Within days',
  routine: 'Routine',
  expected: 'Expected healing',
};

/** The signs to act on at once, repeated under every non-emergency result (a safety net). */
export const safetyNet =
  'Call your local emergency number at once if you have trouble breathing, swelling of the face with hives, a change in your vision, or confusion or twitching.';

export const measureTemperature =
  'If you feel hot, shivery or unwell, measure your temperature: 38 °C or more means call the clinic today.';

/**
 * Care tips by day since the session (evidence.md section 6, clinic pages S78; the days are the defaults, clinics
 * may tell patients otherwise). Never advice to stop a prescribed medicine.
 */
const careTips: { fromDay: number; toDay?: number; tips: { id: string; text: string }[] }[] = [
  {
    fromDay: 0,
    toDay: 1,
    tips: [
      { id: 'day0.wash', text: 'Wash gently with lukewarm water and a mild cleanser, and pat dry.' },
      {
        id: 'day0.moisturiser',
        text: 'Use only a plain, gentle moisturiser: no make-up, acids, retinol or scrubs yet.',
      },
      {
        id: 'day0.avoidHeat',
        text: 'Avoid sweating, hot showers, sauna, steam and swimming, and keep out of the sun.',
      },
      { id: 'day0.pillowcase', text: 'Sleep on a clean pillowcase and try not to touch the treated skin.' },
      {
        id: 'day0.sunscreen',
        text: 'From 24 hours after treatment, use a mineral sunscreen SPF 30 or more.',
      },
    ],
  },
  {
    fromDay: 2,
    toDay: 4,
    tips: [
      { id: 'day2.flaking', text: 'Flaking and dryness are normal now: moisturise and do not pick.' },
      { id: 'day2.sunscreen', text: 'Use sunscreen SPF 30 or more every day.' },
      {
        id: 'day2.actives',
        text: 'Wait before using vitamin C, acids or benzoyl peroxide again (usually from about day 5 to 7).',
      },
      { id: 'day2.swimming', text: 'Swimming, sauna and hot tubs are fine again after 72 hours.' },
    ],
  },
  {
    fromDay: 5,
    toDay: 10,
    tips: [
      {
        id: 'day5.actives',
        text: 'If your skin is calm, vitamin C and gentle acids can usually restart from about day 5 to 7, and prescription retinoid creams from about day 7 to 10.',
      },
      { id: 'day5.sunscreen', text: 'Keep using sunscreen SPF 30 or more every day for at least two weeks.' },
    ],
  },
  {
    fromDay: 11,
    tips: [
      { id: 'day11.sun', text: 'Keep protecting your skin from the sun.' },
      { id: 'day11.nextSession', text: 'Your next session is usually 4 to 6 weeks after this one.' },
    ],
  },
];

/** The care tips for a day since the session; each id names its translation (`triage.tip.<id>`) in the portal. */
export function careTipsForDay(day: number): { id: string; text: string }[] {
  return careTips.find((t) => day >= t.fromDay && (t.toDay === undefined || day <= t.toDay))?.tips ?? [];
}

/** Every care tip id, for the check that the portal translates each. */
export const careTipIds: string[] = careTips.flatMap((t) => t.tips.map((tip) => tip.id));
