import { dayOf } from './dates';
import type { AllergyFact, ConditionFact, MedicationFact, ProcedureFact } from './facts';

/**
 * When a record applies, as of a day. `ongoing`: still in effect at asOf. Otherwise `endDay` is when it ended;
 * `endEstimated` marks an end date that was not recorded and was taken from the last known date (a stopped
 * Synthea MedicationRequest carries only `authoredOn`). `endDay` undefined with `ongoing` false: end unknown.
 */
export interface Span {
  ongoing: boolean;
  startDay: number | undefined;
  endDay: number | undefined;
  endEstimated: boolean;
}

const EXCLUDED = undefined;

const activeMedication = new Set(['active', 'on-hold', 'intended', 'unknown']);
const endedMedication = new Set(['completed', 'stopped']);

/** undefined: the record does not count (entered in error, cancelled, never taken, or starts after asOf). */
export function medicationSpan(m: MedicationFact, asOf: number): Span | undefined {
  const status = m.status ?? 'unknown';
  if (!activeMedication.has(status) && !endedMedication.has(status)) return EXCLUDED;
  const startDay = dayOf(m.start, 'start');
  if (startDay !== undefined && startDay > asOf) return EXCLUDED;
  const endDay = dayOf(m.end, 'end');
  if (endDay !== undefined && endDay < asOf) return { ongoing: false, startDay, endDay, endEstimated: false };
  if (activeMedication.has(status))
    return { ongoing: true, startDay, endDay: undefined, endEstimated: false };
  if (endDay !== undefined)
    return { ongoing: false, startDay, endDay: Math.min(endDay, asOf), endEstimated: false };
  return { ongoing: false, startDay, endDay: startDay, endEstimated: true };
}

const activeCondition = new Set(['active', 'recurrence', 'relapse', 'unknown']);

export function conditionSpan(c: ConditionFact, asOf: number): Span | undefined {
  if (c.verificationStatus === 'refuted' || c.verificationStatus === 'entered-in-error') return EXCLUDED;
  const startDay = dayOf(c.onset, 'start') ?? dayOf(c.recorded, 'start');
  if (startDay !== undefined && startDay > asOf) return EXCLUDED;
  const endDay = dayOf(c.abatement, 'end');
  if (endDay !== undefined && endDay < asOf) return { ongoing: false, startDay, endDay, endEstimated: false };
  if (activeCondition.has(c.clinicalStatus ?? 'unknown')) {
    return { ongoing: true, startDay, endDay: undefined, endEstimated: false };
  }
  if (endDay !== undefined)
    return { ongoing: false, startDay, endDay: Math.min(endDay, asOf), endEstimated: false };
  return { ongoing: false, startDay, endDay: startDay, endEstimated: true };
}

export function allergyCounts(a: AllergyFact, asOf: number): boolean {
  if (a.verificationStatus === 'refuted' || a.verificationStatus === 'entered-in-error') return false;
  const recorded = dayOf(a.recorded, 'start');
  if (recorded !== undefined && recorded > asOf) return false;
  const status = a.clinicalStatus ?? 'unknown';
  return status === 'active' || status === 'unknown';
}

const doneProcedure = new Set(['completed', 'in-progress', 'stopped', 'unknown']);

/** A procedure is a dated event: its span ends on the performed (end) date. */
export function procedureSpan(p: ProcedureFact, asOf: number): Span | undefined {
  if (!doneProcedure.has(p.status ?? 'unknown')) return EXCLUDED;
  const startDay = dayOf(p.performedStart, 'start');
  if (startDay !== undefined && startDay > asOf) return EXCLUDED;
  const endDay = dayOf(p.performedEnd, 'end') ?? dayOf(p.performedStart, 'end');
  if (endDay === undefined) return { ongoing: false, startDay, endDay: undefined, endEstimated: false };
  return { ongoing: endDay >= asOf, startDay, endDay: Math.min(endDay, asOf), endEstimated: false };
}
