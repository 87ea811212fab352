import { describe, expect, it } from 'vitest';
import type { PlanStatus, SessionStatus } from '../plans/plan';
import {
  governingPlan,
  nextSessionNumber,
  overrideAllowed,
  preSessionScreeningAt,
  rescreenBeforeBooking,
} from './booking-decisions';

describe('the plan that governs a booking', () => {
  const plans = (...statuses: PlanStatus[]) => statuses.map((status, i) => ({ id: `p${i}`, status }));
  const cases: [
    string,
    string | undefined,
    boolean,
    ReturnType<typeof plans>,
    ReturnType<typeof governingPlan>,
  ][] = [
    ['a named plan is kept', 'named', true, plans('active', 'active'), { planId: 'named' }],
    ['not a plan session: none', undefined, false, plans('active'), { planId: undefined }],
    [
      'no plan in progress: none',
      undefined,
      true,
      plans('draft', 'completed', 'cancelled'),
      { planId: undefined },
    ],
    ['the one active plan', undefined, true, plans('completed', 'active'), { planId: 'p1' }],
    ['the one paused plan', undefined, true, plans('paused', 'draft'), { planId: 'p0' }],
    [
      'several in progress: refused',
      undefined,
      true,
      plans('active', 'paused'),
      {
        refusal: {
          code: 'BOOKING_PLAN_REQUIRED',
          message: expect.stringContaining('more than one treatment plan') as string,
          planIds: ['p0', 'p1'],
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, planId, isPlanSession, plansOfPatient, expected) => {
    expect(governingPlan({ planId, isPlanSession, plansOfPatient })).toEqual(expected);
  });
});

describe('who may override a booking rule', () => {
  const cases: [string, { reason: string } | undefined, boolean][] = [
    ['owner', { reason: 'r' }, true],
    ['provider', { reason: 'r' }, true],
    ['front-desk', { reason: 'r' }, false],
    ['patient', { reason: 'r' }, false],
    ['unknown-role', { reason: 'r' }, false],
    ['front-desk', undefined, true],
    ['patient', undefined, true],
  ];
  it.each(cases)('%s with override %j: %s', (role, override, allowed) => {
    expect(overrideAllowed(role, override)).toBe(allowed);
  });
});

describe('booking decisions on sessions and times', () => {
  it.each([
    [true, true],
    [false, false],
  ])('a plan session (%s) is screened afresh: %s', (isPlanSession, expected) => {
    expect(rescreenBeforeBooking({ isPlanSession })).toBe(expected);
  });

  const s = (...statuses: SessionStatus[]) => statuses.map((status) => ({ status }));
  it.each([
    [s(), 1],
    [s('booked'), 2],
    [s('completed', 'booked'), 3],
    [s('cancelled', 'no-show', 'completed'), 2],
    [s('arrived', 'in-treatment'), 1],
  ])('sessions %j: the next is number %i', (sessions, expected) => {
    expect(nextSessionNumber(sessions)).toBe(expected);
  });

  const now = new Date('2026-10-26T12:00:00Z');
  it.each([
    ['2026-10-30T14:00:00Z', '2026-10-29T14:00:00.000Z'],
    ['2026-10-27T12:00:01Z', '2026-10-26T12:00:01.000Z'],
    ['2026-10-27T12:00:00Z', null],
    ['2026-10-26T18:00:00Z', null],
  ])('a session at %s is screened again at %s', (start, expected) => {
    expect(preSessionScreeningAt(new Date(start), now)?.toISOString() ?? null).toBe(expected);
  });
});
