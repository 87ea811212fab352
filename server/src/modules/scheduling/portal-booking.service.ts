import type { PortalBookingRequest } from '@needlepoint/core/contracts/bookings';
import type { BookingDto, SlotSearchQuery, SlotSearchResponse } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import type { Actor } from '../../platform/audit';
import { listPlans } from '../plans/plans.service';
import { book, searchSlots, type BookingDeps } from './bookings.service';
import { serviceTypeById } from './resources.service';

/**
 * What a patient may book online: a consultation, or a session of their own treatment plan. A plan named in
 * the request must be the patient's own whatever the service (the answer carries the plan's due dates).
 */
async function refuseUnbookableOnline(
  deps: BookingDeps,
  actor: Actor,
  patientId: string,
  serviceTypeId: string,
  planId: string | undefined,
): Promise<void> {
  if (planId) {
    const plans = await listPlans(deps, actor, { patientId });
    if (!plans.some((p) => p.id === planId)) throw new DomainError('NOT_FOUND', 'No such plan');
  }
  const service = await serviceTypeById(deps.db.pool, actor.clinicId, serviceTypeId);
  if (service.id === 'consultation') return;
  if (!service.isPlanSession || !planId) {
    throw new DomainError(
      'BOOKING_NOT_OFFERED_ONLINE',
      'Online you can book a consultation, or the next session of your treatment plan',
      { fields: [{ path: 'body.planId', message: 'Choose your treatment plan' }] },
    );
  }
}

/** The times a patient can book online (times the rules refuse are left out). */
export async function searchPortalSlots(
  deps: BookingDeps,
  actor: Actor,
  patientId: string,
  query: Omit<SlotSearchQuery, 'patientId'>,
): Promise<SlotSearchResponse> {
  await refuseUnbookableOnline(deps, actor, patientId, query.serviceTypeId, query.planId);
  return searchSlots(deps, actor, { ...query, patientId }, { hideRefused: true });
}

/** A patient books a consultation, or a session of their own plan. */
export async function bookFromPortal(
  deps: BookingDeps,
  actor: Actor,
  patientId: string,
  request: PortalBookingRequest,
): Promise<BookingDto> {
  await refuseUnbookableOnline(deps, actor, patientId, request.serviceTypeId, request.planId);
  return book(deps, actor, { ...request, patientId });
}
