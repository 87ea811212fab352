import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  adjustPlan,
  checkDepth,
  createPlanFromTemplate,
  isPlanBookable,
  planProgress,
  planStatuses,
  transitionPlan,
  type PlanSession,
  type PlanStatus,
  type TreatmentPlan,
} from './plan';
import { findPlanTemplate } from './templates';
import type { PlanTemplate } from './template.schema';

const acne = findPlanTemplate('acne-scars') as PlanTemplate;
const AT = '2026-03-01T10:00:00Z';
const TZ = 'Europe/London';

function plan(status: PlanStatus = 'draft', overrides: Partial<TreatmentPlan> = {}): TreatmentPlan {
  const p = createPlanFromTemplate(acne, { id: 'plan-1', patientId: 'patient-1', at: AT });
  return { ...p, status, ...overrides };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not-a-domain-error';
  }
  return undefined;
}

describe('isPlanBookable', () => {
  it.each([
    ['draft', true],
    ['active', true],
    ['paused', false],
    ['completed', false],
    ['cancelled', false],
  ] as const)('a %s plan takes bookings: %s', (status, bookable) => {
    expect(isPlanBookable(status)).toBe(bookable);
  });
});

describe('transitionPlan', () => {
  const allowed = new Set([
    'draft>active',
    'draft>cancelled',
    'active>paused',
    'active>completed',
    'active>cancelled',
    'paused>active',
    'paused>cancelled',
  ]);
  const pairs = planStatuses.flatMap((from) => planStatuses.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s', (from, to) => {
    const result = codeOf(() => transitionPlan(plan(from), to, 'patient request', '2026-03-02T09:00:00Z'));
    expect(result).toBe(allowed.has(`${from}>${to}`) ? undefined : 'PLAN_INVALID_TRANSITION');
  });

  it.each([
    ['active', 'paused', null, 'PLAN_REASON_REQUIRED'],
    ['active', 'paused', '   ', 'PLAN_REASON_REQUIRED'],
    ['draft', 'cancelled', '', 'PLAN_REASON_REQUIRED'],
    ['paused', 'cancelled', undefined, 'PLAN_REASON_REQUIRED'],
    ['draft', 'active', null, undefined],
    ['paused', 'active', null, undefined],
    ['active', 'completed', null, undefined],
  ] as const)('%s -> %s with reason %j -> %s', (from, to, reason, code) => {
    expect(codeOf(() => transitionPlan(plan(from), to, reason, AT))).toBe(code);
  });

  it('records the move in the history', () => {
    const paused = transitionPlan(plan('active'), 'paused', '  travelling ', '2026-04-01T08:00:00Z');
    expect(paused.status).toBe('paused');
    expect(paused.updatedAt).toBe('2026-04-01T08:00:00Z');
    expect(paused.history).toEqual([
      { from: 'active', to: 'paused', reason: 'travelling', at: '2026-04-01T08:00:00Z' },
    ]);
  });
});

describe('createPlanFromTemplate and adjustPlan', () => {
  it('copies the protocol as a draft', () => {
    const p = plan();
    expect(p).toMatchObject({ status: 'draft', sessions: 4, minIntervalDays: 28, modality: 'mechanical' });
    expect(p.areas.sort()).toEqual(['face', 'perioral', 'periorbital']);
    expect(p.adjuncts).toEqual(['prp']);
    expect(p.maintenance).toEqual({ everyMonthsMin: 6, everyMonthsMax: 12 });
  });

  it.each<[string, Parameters<typeof adjustPlan>[2], string | undefined]>([
    ['more sessions', { sessions: 6 }, undefined],
    ['RF allowed for acne scars', { modality: 'rf' }, undefined],
    ['no adjuncts', { adjuncts: [] }, undefined],
    ['zero sessions', { sessions: 0 }, 'PLAN_ADJUSTMENT_INVALID'],
    ['min above typical', { minIntervalDays: 40 }, 'PLAN_ADJUSTMENT_INVALID'],
    ['adjunct from another template', { adjuncts: ['minoxidil'] }, 'PLAN_ADJUSTMENT_INVALID'],
    ['no areas', { areas: [] }, 'PLAN_ADJUSTMENT_INVALID'],
    [
      'inverted depth',
      { zones: [{ zone: 'cheeks', minMm: 2, maxMm: 1, sources: [] }] },
      'PLAN_ADJUSTMENT_INVALID',
    ],
    ['too deep', { zones: [{ zone: 'body', minMm: 2, maxMm: 3.5, sources: [] }] }, 'PLAN_ADJUSTMENT_INVALID'],
  ])('%s', (_name, adjustments, code) => {
    expect(codeOf(() => adjustPlan(plan(), acne, adjustments, AT))).toBe(code);
  });

  it('rejects RF where the template does not allow it, and edits to final plans', () => {
    const melasma = findPlanTemplate('melasma') as PlanTemplate;
    const p = createPlanFromTemplate(melasma, { id: 'p', patientId: 'x', at: AT });
    expect(codeOf(() => adjustPlan(p, melasma, { modality: 'rf' }, AT))).toBe('PLAN_ADJUSTMENT_INVALID');
    expect(codeOf(() => adjustPlan(plan('completed'), acne, { sessions: 5 }, AT))).toBe('PLAN_NOT_EDITABLE');
    expect(codeOf(() => adjustPlan(plan('cancelled'), acne, { sessions: 5 }, AT))).toBe('PLAN_NOT_EDITABLE');
  });

  it('derives areas from adjusted zones', () => {
    const p = adjustPlan(plan(), acne, { zones: [{ zone: 'neck', minMm: 0.5, maxMm: 1, sources: [] }] }, AT);
    expect(p.areas).toEqual(['neck']);
  });
});

describe('planProgress', () => {
  const s = (startsAt: string, status: PlanSession['status'] = 'completed'): PlanSession => ({
    startsAt,
    status,
  });
  const NOW = '2026-03-10T12:00:00Z';

  it.each<[string, PlanSession[], Partial<ReturnType<typeof planProgress>>]>([
    [
      'nothing yet: due today',
      [],
      {
        sessionsCompleted: 0,
        sessionsToBook: 4,
        nextDue: { earliest: '2026-03-10', typical: '2026-03-10', overdue: false },
      },
    ],
    [
      'one completed: earliest = + 28 days, typical = + 30',
      [s('2026-03-02T10:00:00Z')],
      { sessionsCompleted: 1, nextDue: { earliest: '2026-03-30', typical: '2026-04-01', overdue: false } },
    ],
    [
      'a booked future session is the anchor',
      [s('2026-03-02T10:00:00Z'), s('2026-03-31T09:00:00Z', 'booked')],
      {
        sessionsBooked: 1,
        sessionsToBook: 2,
        nextDue: { earliest: '2026-04-28', typical: '2026-04-30', overdue: false },
      },
    ],
    [
      'cancelled and no-show do not count',
      [
        s('2026-03-02T10:00:00Z'),
        s('2026-03-05T10:00:00Z', 'cancelled'),
        s('2026-03-06T10:00:00Z', 'no-show'),
      ],
      { sessionsCompleted: 1, sessionsBooked: 0, lastSessionOn: '2026-03-02' },
    ],
    [
      'overdue when the typical date has passed',
      [s('2026-01-05T10:00:00Z')],
      { nextDue: { earliest: '2026-02-02', typical: '2026-02-04', overdue: true } },
    ],
    [
      'all remaining sessions booked: nothing due',
      [
        s('2026-01-05T10:00:00Z'),
        s('2026-02-05T10:00:00Z'),
        s('2026-03-05T10:00:00Z'),
        s('2026-04-05T10:00:00Z', 'booked'),
      ],
      { sessionsToBook: 0, seriesComplete: false, nextDue: null, maintenance: null },
    ],
    [
      'series complete: maintenance 6-12 months after the last session',
      [
        s('2025-11-05T10:00:00Z'),
        s('2025-12-05T10:00:00Z'),
        s('2026-01-05T10:00:00Z'),
        s('2026-02-05T10:00:00Z'),
      ],
      { seriesComplete: true, nextDue: null, maintenance: { earliest: '2026-08-05', latest: '2027-02-05' } },
    ],
  ])('%s', (_name, sessions, expected) => {
    expect(planProgress(plan('active'), sessions, NOW, TZ)).toMatchObject(expected);
  });

  it('uses the clinic time zone for local dates', () => {
    const p = planProgress(plan('active'), [s('2026-01-01T03:00:00Z')], NOW, 'America/New_York');
    expect(p.lastSessionOn).toBe('2025-12-31');
    expect(p.nextDue?.earliest).toBe('2026-01-28');
  });

  it('offers no maintenance for templates without it, and nothing due on a cancelled plan', () => {
    const aa = createPlanFromTemplate(findPlanTemplate('alopecia-areata') as PlanTemplate, {
      id: 'a',
      patientId: 'p',
      at: AT,
    });
    const done = ['2026-01-01', '2026-01-22', '2026-02-12'].map((d) => s(`${d}T10:00:00Z`));
    expect(planProgress({ ...aa, status: 'active' }, done, NOW, TZ)).toMatchObject({
      seriesComplete: true,
      maintenance: null,
    });
    expect(planProgress(plan('cancelled'), [], NOW, TZ).nextDue).toBeNull();
  });
});

describe('checkDepth (evidence.md 1.0: confirm any depth above the zone upper bound)', () => {
  it.each<[string, number, string, string | undefined]>([
    ['cheeks', 1.5, 'ok', undefined],
    ['cheeks', 2.0, 'ok', undefined],
    ['cheeks', 1.0, 'ok', undefined],
    ['cheeks', 2.25, 'needs-confirmation', '2.25 mm is above the 2 mm upper bound for cheeks'],
    ['periorbital', 0.5, 'ok', undefined],
    ['periorbital', 0.75, 'needs-confirmation', 'above the 0.5 mm upper bound for periorbital'],
    ['cheeks', 3.5, 'needs-confirmation', 'deeper than any device setting'],
    ['scalp', 1.0, 'needs-confirmation', 'No depth range is set for scalp'],
  ])('%s at %s mm -> %s', (zone, depth, result, reason) => {
    const check = checkDepth(acne, zone as never, depth);
    expect(check.result).toBe(result);
    if (reason) expect(check.result === 'needs-confirmation' && check.reason).toContain(reason);
  });

  it('rejects a non-positive depth', () => {
    expect(codeOf(() => checkDepth(acne, 'cheeks', 0))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkDepth(acne, 'cheeks', Number.NaN))).toBe('VALIDATION_FAILED');
  });
});
