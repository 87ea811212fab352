import { DomainError } from '@needlepoint/core/errors';
import type { BusyBlock } from '@needlepoint/core/scheduling/calendar';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import { checkAppointment, type Provider } from '@needlepoint/core/scheduling/slots';
import type { Queryable } from '../../db/database';
import { constantPart, readTogether } from '../../db/read-together';
import { clinicTimeZonePart } from '../clinic/clinic.service';
import * as bookingsRepo from './bookings.repo';
import * as resources from './resources.repo';

/** Everything slot search and a booking check need about the clinic around a time window. */
export interface BookingContext {
  timeZone: string;
  providers: Provider[];
  rooms: { id: string }[];
  devices: { id: string; roomId: string | null }[];
  busy: BusyBlock[];
}

const DAY = 86_400_000;
export const minLeadMinutes = 60;

/**
 * The reads of a booking context, as parts of a one-statement read (`readTogether`): the clinic's time zone (unless
 * the caller has it), the resources and the busy times from a day before the window to a day after it.
 */
export function bookingContextParts(
  clinicId: string,
  window: { from: Date; to: Date },
  known: { providerIds?: string[]; timeZone?: string } = {},
) {
  const { providerIds, timeZone } = known;
  const from = new Date(window.from.getTime() - DAY);
  const to = new Date(window.to.getTime() + DAY);
  return {
    timeZone: timeZone === undefined ? clinicTimeZonePart(clinicId) : constantPart(timeZone),
    resources: resources.bookingResourcesPart(clinicId, providerIds ?? null, { from, to }),
    busy: bookingsRepo.busyBlocksPart(clinicId, from, to),
  };
}

export function toBookingContext(
  loaded: { timeZone: string; resources: resources.BookingResources; busy: BusyBlock[] },
  providerIds?: string[],
): BookingContext {
  const found = loaded.resources;
  const ids = providerIds
    ? providerIds.filter((id) => found.providers.some((p) => p.id === id))
    : found.providers.map((p) => p.id);
  const providers = ids.map((id) => ({
    id,
    workingHours: found.hours.find((h) => h.provider_id === id)?.rules ?? [],
    timeOff: found.time_off
      .filter((t) => t.provider_id === id)
      .map((t) => ({ start: new Date(t.starts_at).toISOString(), end: new Date(t.ends_at).toISOString() })),
  }));
  const devices = found.devices.map((d) => ({ id: d.id, roomId: d.room_id }));
  return { timeZone: loaded.timeZone, providers, rooms: found.rooms, devices, busy: loaded.busy };
}

export async function loadBookingContext(
  db: Queryable,
  clinicId: string,
  window: { from: Date; to: Date },
  providerIds?: string[],
): Promise<BookingContext> {
  return toBookingContext(
    await readTogether(db, bookingContextParts(clinicId, window, providerIds ? { providerIds } : {})),
    providerIds,
  );
}

export interface Placement {
  providerId: string;
  roomId: string | null;
  deviceId: string | null;
}

/**
 * Picks a provider (the requested one, else the first free), a free room and a free device (in that room when the
 * device is tied to one) for `start`; returns the violations of the best candidate when nothing fits. Refused as
 * NOT_FOUND when the requested provider is not one of the clinic's, SCHEDULE_NOT_SET_UP when the clinic has no
 * provider, room or device the service needs.
 */
export function placeAppointment(
  ctx: BookingContext,
  input: {
    start: string;
    service: ServiceType;
    providerId?: string | undefined;
    now: string;
    bookingId?: string | null;
  },
):
  | { placement: Placement; violations: [] }
  | { placement: null; violations: ReturnType<typeof checkAppointment> } {
  const candidates = input.providerId
    ? ctx.providers.filter((p) => p.id === input.providerId)
    : ctx.providers;
  let firstViolations: ReturnType<typeof checkAppointment> | null = null;
  const rooms: (string | null)[] = input.service.needsRoom ? ctx.rooms.map((r) => r.id) : [null];
  for (const provider of candidates) {
    for (const roomId of rooms) {
      const devices: (string | null)[] = input.service.needsDevice
        ? ctx.devices.filter((d) => d.roomId === null || d.roomId === roomId).map((d) => d.id)
        : [null];
      for (const deviceId of devices) {
        const violations = checkAppointment({
          start: input.start,
          service: input.service,
          provider,
          roomId,
          deviceId,
          busy: ctx.busy,
          now: input.now,
          minLeadMinutes,
          timeZone: ctx.timeZone,
          bookingId: input.bookingId ?? null,
        });
        if (violations.length === 0)
          return { placement: { providerId: provider.id, roomId, deviceId }, violations: [] };
        firstViolations ??= violations;
      }
    }
  }
  if (firstViolations) return { placement: null, violations: firstViolations };
  if (input.providerId && candidates.length === 0) {
    throw new DomainError('NOT_FOUND', 'No such provider in this clinic', {
      fields: [{ path: 'body.providerId', message: 'Unknown provider' }],
    });
  }
  const missing =
    candidates.length === 0
      ? 'The clinic has no provider set up'
      : input.service.needsRoom && rooms.length === 0
        ? 'The clinic has no room set up'
        : 'The clinic has no device set up';
  throw new DomainError('SCHEDULE_NOT_SET_UP', missing);
}
