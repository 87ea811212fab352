import type { SlotSearchQuery, SlotSearchResponse } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { planProgress } from '@needlepoint/core/plans/plan';
import { findOpenSlots } from '@needlepoint/core/scheduling/slots';
import type { Actor } from '../../platform/audit';
import { planOf } from '../plans/plans.service';
import type { BookingDeps } from './booking-common';
import { loadBookingContext, minLeadMinutes } from './booking-context';
import { loadRuleFacts, markSlots } from './booking-rules.service';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

/**
 * Open slots for a service in a window; with a plan, also its next due window. With a patient (or a plan, whose
 * patient it is), each slot is marked with the rules booking it would break; `hideRefused` (the portal, where
 * nobody can override) leaves those slots out.
 */
export async function searchSlots(
  deps: BookingDeps,
  actor: Actor,
  query: SlotSearchQuery,
  options: { hideRefused?: boolean } = {},
): Promise<SlotSearchResponse> {
  const service = await serviceTypeById(deps.db.pool, actor.clinicId, query.serviceTypeId);
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to.getTime() - from.getTime() > 92 * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', 'Search at most 92 days at a time', {
      fields: [{ path: 'query.to', message: 'Too far from `from`' }],
    });
  }
  const ctx = await loadBookingContext(
    deps.db.pool,
    actor.clinicId,
    { from, to },
    query.providerId ? [query.providerId] : undefined,
  );
  const slots = findOpenSlots({
    from: query.from,
    to: query.to,
    timeZone: ctx.timeZone,
    service,
    providers: ctx.providers,
    rooms: service.needsRoom ? ctx.rooms : [],
    devices: service.needsDevice ? ctx.devices : [],
    busy: ctx.busy,
    stepMinutes: query.stepMinutes ?? 15,
    now: deps.clock.now().toISOString(),
    minLeadMinutes,
  });
  let nextDue: SlotSearchResponse['nextDue'] = null;
  const plan = query.planId ? await planOf(deps.db.pool, actor.clinicId, query.planId) : null;
  if (query.planId && (!plan || (query.patientId && plan.patientId !== query.patientId)))
    throw new DomainError('NOT_FOUND', 'No such plan in this clinic');
  if (plan) {
    const sessions = await repo.planBookings(deps.db.pool, actor.clinicId, plan.id);
    const progress = planProgress(
      plan,
      sessions.map((s) => ({ startsAt: s.starts_at.toISOString(), status: s.status })),
      deps.clock.now().toISOString(),
      ctx.timeZone,
    );
    nextDue = progress.nextDue
      ? { earliest: progress.nextDue.earliest, typical: progress.nextDue.typical }
      : null;
  }
  const patientId = plan?.patientId ?? query.patientId;
  const facts = patientId
    ? await loadRuleFacts(
        deps.db.pool,
        actor,
        {
          patientId,
          plan: plan ?? null,
          service,
          ...(query.bookingId ? { bookingId: query.bookingId } : {}),
        },
        ctx.timeZone,
      )
    : null;
  const marked = markSlots(facts, slots);
  return {
    timeZone: ctx.timeZone,
    serviceType: service,
    slots: options.hideRefused ? marked.slots.filter((s) => s.refusals.length === 0) : marked.slots,
    blockers: marked.blockers.map((b) => ({ code: b.code, message: b.message, overridable: b.overridable })),
    nextDue,
  };
}
