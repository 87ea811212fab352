import { DomainError } from '../errors';
import type { Area, Modality } from '../knowledge/knowledge.schema';
import { addDays, addMonths, daysBetween, localDate, toInstant } from '../scheduling/time-zone';
import { appointmentStatuses, timeHoldingStatuses, type AppointmentStatus } from '../scheduling/visit';
import {
  MAX_DEPTH_MM,
  zoneAreas,
  type AdjunctKind,
  type Indication,
  type OutcomeScale,
  type PlanTemplate,
  type Zone,
  type ZoneDepth,
} from './template.schema';

/** A patient's treatment plan: a copy of a template's protocol, adjusted by the clinician, with a state machine. */

export const planStatuses = ['draft', 'active', 'paused', 'completed', 'cancelled'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Sessions can be booked on a draft or active plan, never on a paused, completed or cancelled one. */
export const bookablePlanStatuses: readonly PlanStatus[] = ['draft', 'active'];

export function isPlanBookable(status: PlanStatus): boolean {
  return bookablePlanStatuses.includes(status);
}

export interface PlanTransition {
  from: PlanStatus;
  to: PlanStatus;
  reason: string | null;
  at: string;
}

export interface TreatmentPlan {
  id: string;
  patientId: string;
  templateId: string;
  indication: Indication;
  name: string;
  status: PlanStatus;
  sessions: number;
  minIntervalDays: number;
  typicalIntervalDays: number;
  modality: Modality;
  areas: Area[];
  zones: ZoneDepth[];
  adjuncts: AdjunctKind[];
  outcomeScales: OutcomeScale[];
  maintenance: { everyMonthsMin: number; everyMonthsMax: number } | null;
  /** The service its sessions are booked as; absent on older plans (see `planServiceTypeId`). */
  serviceTypeId?: string;
  notes: string;
  history: PlanTransition[];
  createdAt: string;
  updatedAt: string;
}

/** What a clinician may change on a plan. Absent = keep. */
export interface PlanAdjustments {
  name?: string;
  sessions?: number;
  minIntervalDays?: number;
  typicalIntervalDays?: number;
  modality?: Modality;
  areas?: Area[];
  zones?: ZoneDepth[];
  adjuncts?: AdjunctKind[];
  serviceTypeId?: string;
  notes?: string;
}

/**
 * The service a plan's sessions are booked as: the one the plan (from its template, or as adjusted) names; a plan
 * that names none is booked "with PRP" when PRP is one of its adjuncts, and as a plain session otherwise.
 */
export function planServiceTypeId(plan: Pick<TreatmentPlan, 'adjuncts' | 'serviceTypeId'>): string {
  if (plan.serviceTypeId) return plan.serviceTypeId;
  return plan.adjuncts.includes('prp') ? 'microneedling-prp' : 'microneedling';
}

/** Allowed moves: draft -> active -> paused -> active, active -> completed, any non-final -> cancelled. */
export const planTransitions: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['active', 'cancelled'],
  active: ['paused', 'completed', 'cancelled'],
  paused: ['active', 'cancelled'],
  completed: [],
  cancelled: [],
};
const needsReason: readonly PlanStatus[] = ['paused', 'cancelled'];
const finalStatuses: readonly PlanStatus[] = ['completed', 'cancelled'];

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return planTransitions[from].includes(to);
}

/** A new draft plan from a template, with the template's protocol and all its adjuncts unless adjusted. */
export function createPlanFromTemplate(
  template: PlanTemplate,
  input: { id: string; patientId: string; at: string; adjustments?: PlanAdjustments },
): TreatmentPlan {
  const zones = template.zones.map((z) => ({ ...z, sources: [...z.sources] }));
  const draft: TreatmentPlan = {
    id: input.id,
    patientId: input.patientId,
    templateId: template.id,
    indication: template.indication,
    name: template.name,
    status: 'draft',
    sessions: template.sessions,
    minIntervalDays: template.minIntervalDays,
    typicalIntervalDays: template.typicalIntervalDays,
    modality: template.modalities[0] ?? 'mechanical',
    areas: areasOf(zones),
    zones,
    adjuncts: template.adjuncts.map((a) => a.kind),
    outcomeScales: [...template.outcomeScales],
    maintenance: template.maintenance
      ? {
          everyMonthsMin: template.maintenance.everyMonthsMin,
          everyMonthsMax: template.maintenance.everyMonthsMax,
        }
      : null,
    ...(template.serviceTypeId ? { serviceTypeId: template.serviceTypeId } : {}),
    notes: '',
    history: [],
    createdAt: input.at,
    updatedAt: input.at,
  };
  return input.adjustments ? adjustPlan(draft, template, input.adjustments, input.at) : draft;
}

/**
 * Applies a clinician's adjustments. Modality and adjuncts must be ones the template allows; zones may be added
 * (a zone without a range makes every depth there need confirmation). Throws PLAN_NOT_EDITABLE on a completed or
 * cancelled plan and PLAN_ADJUSTMENT_INVALID (with every problem in `fields`) on a bad adjustment.
 */
export function adjustPlan(
  plan: TreatmentPlan,
  template: PlanTemplate,
  adjustments: PlanAdjustments,
  at: string,
): TreatmentPlan {
  if (finalStatuses.includes(plan.status)) {
    throw new DomainError('PLAN_NOT_EDITABLE', `A ${plan.status} plan cannot be changed`, {
      details: { planId: plan.id, status: plan.status },
    });
  }
  const next: TreatmentPlan = { ...plan, updatedAt: at };
  for (const [key, value] of Object.entries(adjustments) as [string, unknown][]) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  if (adjustments.zones && !adjustments.areas) next.areas = areasOf(next.zones);
  const fields: { path: string; message: string }[] = [];
  const problem = (path: string, message: string) => fields.push({ path, message });
  if (!Number.isInteger(next.sessions) || next.sessions < 1 || next.sessions > 52)
    problem('sessions', 'Sessions must be a whole number from 1 to 52');
  for (const key of ['minIntervalDays', 'typicalIntervalDays'] as const) {
    if (!Number.isInteger(next[key]) || next[key] < 1 || next[key] > 365)
      problem(key, 'Intervals must be whole days from 1 to 365');
  }
  if (next.minIntervalDays > next.typicalIntervalDays)
    problem('minIntervalDays', 'The minimum interval cannot be longer than the typical interval');
  if (!template.modalities.includes(next.modality))
    problem('modality', `This template allows ${template.modalities.join(' or ')} only`);
  const allowed = new Set(template.adjuncts.map((a) => a.kind));
  for (const kind of next.adjuncts) {
    if (!allowed.has(kind)) problem('adjuncts', `${kind} is not an adjunct of this template`);
  }
  if (new Set(next.adjuncts).size !== next.adjuncts.length)
    problem('adjuncts', 'Each adjunct may appear once');
  if (next.areas.length === 0) problem('areas', 'Choose at least one treatment area');
  if (next.zones.length === 0) problem('zones', 'Choose at least one zone');
  if (new Set(next.zones.map((z) => z.zone)).size !== next.zones.length)
    problem('zones', 'Each zone may appear once');
  for (const z of next.zones) {
    if (!(z.minMm >= 0 && z.minMm <= z.maxMm && z.maxMm <= MAX_DEPTH_MM))
      problem(`zones.${z.zone}`, `Depth range must satisfy 0 <= min <= max <= ${MAX_DEPTH_MM} mm`);
  }
  if (fields.length > 0) {
    throw new DomainError('PLAN_ADJUSTMENT_INVALID', 'The plan adjustments are not valid', { fields });
  }
  return next;
}

/** Moves a plan to `to`; pause and cancel need a reason. Throws PLAN_INVALID_TRANSITION or PLAN_REASON_REQUIRED. */
export function transitionPlan(
  plan: TreatmentPlan,
  to: PlanStatus,
  reason: string | null | undefined,
  at: string,
): TreatmentPlan {
  if (!canTransition(plan.status, to)) {
    throw new DomainError('PLAN_INVALID_TRANSITION', `A plan cannot go from ${plan.status} to ${to}`, {
      details: { planId: plan.id, from: plan.status, to, allowed: planTransitions[plan.status] },
    });
  }
  const text = reason?.trim() ?? '';
  if (needsReason.includes(to) && text === '') {
    throw new DomainError('PLAN_REASON_REQUIRED', `Give a reason to move a plan to ${to}`, {
      details: { planId: plan.id, to },
      fields: [{ path: 'body.reason', message: 'Required' }],
    });
  }
  return {
    ...plan,
    status: to,
    history: [...plan.history, { from: plan.status, to, reason: text === '' ? null : text, at }],
    updatedAt: at,
  };
}

/** A plan session's status is its appointment's (booked, arrived, in treatment, completed, cancelled, no-show). */
export const sessionStatuses = appointmentStatuses;
export type SessionStatus = AppointmentStatus;

export interface PlanSession {
  startsAt: string;
  status: SessionStatus;
}

export interface PlanProgress {
  sessionsPlanned: number;
  sessionsCompleted: number;
  /** Booked and not yet completed, cancelled or marked no-show. */
  sessionsBooked: number;
  /** Sessions still to book: planned - completed - booked, never below 0. */
  sessionsToBook: number;
  seriesComplete: boolean;
  /** Local date of the latest booked or completed session. */
  lastSessionOn: string | null;
  /** When the next session may be booked (earliest) and should be (typical); null when nothing is left to book. */
  nextDue: { earliest: string; typical: string; overdue: boolean } | null;
  /** Maintenance window after the series, from the last completed session. */
  maintenance: { earliest: string; latest: string } | null;
}

/**
 * Where a plan stands. Intervals count local calendar days in the clinic's `timeZone` from the latest booked or
 * completed session; cancelled and no-show sessions do not count. `now` is an ISO instant.
 */
export function planProgress(
  plan: Pick<
    TreatmentPlan,
    'sessions' | 'minIntervalDays' | 'typicalIntervalDays' | 'maintenance' | 'status'
  >,
  sessions: readonly PlanSession[],
  now: string,
  timeZone: string,
): PlanProgress {
  const today = localDate(toInstant(now), timeZone);
  const counted = sessions
    .filter((s) => timeHoldingStatuses.includes(s.status))
    .map((s) => ({ at: toInstant(s.startsAt), status: s.status }))
    .sort((a, b) => a.at - b.at);
  const completed = counted.filter((s) => s.status === 'completed');
  const booked = counted.length - completed.length;
  const toBook = Math.max(0, plan.sessions - completed.length - booked);
  const seriesComplete = completed.length >= plan.sessions || plan.status === 'completed';
  const last = counted.at(-1);
  const lastSessionOn = last ? localDate(last.at, timeZone) : null;

  let nextDue: PlanProgress['nextDue'] = null;
  const open = plan.status !== 'completed' && plan.status !== 'cancelled';
  if (!seriesComplete && toBook > 0 && open) {
    if (lastSessionOn === null) {
      nextDue = { earliest: today, typical: today, overdue: false };
    } else {
      const typical = addDays(lastSessionOn, plan.typicalIntervalDays);
      nextDue = {
        earliest: addDays(lastSessionOn, plan.minIntervalDays),
        typical,
        overdue: daysBetween(typical, today) > 0,
      };
    }
  }

  const lastCompleted = completed.at(-1);
  const maintenance =
    seriesComplete && plan.maintenance && lastCompleted
      ? {
          earliest: addMonths(localDate(lastCompleted.at, timeZone), plan.maintenance.everyMonthsMin),
          latest: addMonths(localDate(lastCompleted.at, timeZone), plan.maintenance.everyMonthsMax),
        }
      : null;

  return {
    sessionsPlanned: plan.sessions,
    sessionsCompleted: completed.length,
    sessionsBooked: booked,
    sessionsToBook: toBook,
    seriesComplete,
    lastSessionOn,
    nextDue,
    maintenance,
  };
}

export type DepthCheck =
  | { result: 'ok'; zone: Zone; depthMm: number; range: { minMm: number; maxMm: number } }
  | {
      result: 'needs-confirmation';
      zone: Zone;
      depthMm: number;
      range: { minMm: number; maxMm: number } | null;
      reason: string;
    };

const EPSILON = 1e-9;

/**
 * Checks a needle depth against the plan's (or template's) range for a zone. Above the upper bound, or in a zone
 * without a range, the clinician must confirm and chart the actual setting (evidence.md 1.0). Throws
 * VALIDATION_FAILED for a depth that is not a positive number.
 */
export function checkDepth(plan: { zones: readonly ZoneDepth[] }, zone: Zone, depthMm: number): DepthCheck {
  if (!Number.isFinite(depthMm) || depthMm <= 0) {
    throw new DomainError('VALIDATION_FAILED', 'Needle depth must be a positive number of millimetres', {
      fields: [{ path: 'depthMm', message: 'Must be > 0' }],
    });
  }
  const found = plan.zones.find((z) => z.zone === zone);
  if (!found) {
    return {
      result: 'needs-confirmation',
      zone,
      depthMm,
      range: null,
      reason: `No depth range is set for ${zone}; confirm ${depthMm} mm and chart the actual setting`,
    };
  }
  const range = { minMm: found.minMm, maxMm: found.maxMm };
  if (depthMm > found.maxMm + EPSILON) {
    return {
      result: 'needs-confirmation',
      zone,
      depthMm,
      range,
      reason:
        `${depthMm} mm is above the ${found.maxMm} mm upper bound for ${zone}` +
        (depthMm > MAX_DEPTH_MM ? ` and deeper than any device setting (${MAX_DEPTH_MM} mm)` : '') +
        '; confirm and chart the actual setting',
    };
  }
  return { result: 'ok', zone, depthMm, range };
}

function areasOf(zones: readonly ZoneDepth[]): Area[] {
  return [...new Set(zones.map((z) => zoneAreas[z.zone]))];
}
