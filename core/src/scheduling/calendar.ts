import { toInstant, toIso, utcToZoned } from './time-zone';
import type { ServiceType } from './service-types';

/** Busy time on one resource (a provider, room or device id), as the server reads it from bookings and time off. */
export interface BusyBlock {
  resource: string;
  start: string;
  end: string;
  bookingId?: string | null;
  kind?: 'booking' | 'time-off' | 'closure';
}

export type ResourceKind = 'provider' | 'room' | 'device';

export interface ResourceBlock extends BusyBlock {
  resourceKind: ResourceKind;
}

const MINUTE = 60_000;

/**
 * The time one appointment holds on each resource: the provider for numbing + procedure, the room until turnover
 * ends, the device for the procedure only. The one place that says so: slots, conflicts and the server's busy
 * calendar all use it.
 */
export function appointmentBlocks(
  appointment: { start: string; providerId: string; roomId?: string | null; deviceId?: string | null },
  service: Pick<ServiceType, 'numbingMinutes' | 'procedureMinutes' | 'turnoverMinutes'>,
  bookingId: string | null = null,
): ResourceBlock[] {
  const start = toInstant(appointment.start);
  const procedureStart = start + service.numbingMinutes * MINUTE;
  const end = procedureStart + service.procedureMinutes * MINUTE;
  const blocks: ResourceBlock[] = [
    {
      resource: appointment.providerId,
      resourceKind: 'provider',
      start: toIso(start),
      end: toIso(end),
      bookingId,
    },
  ];
  if (appointment.roomId) {
    const roomEnd = end + service.turnoverMinutes * MINUTE;
    blocks.push({
      resource: appointment.roomId,
      resourceKind: 'room',
      start: toIso(start),
      end: toIso(roomEnd),
      bookingId,
    });
  }
  if (appointment.deviceId) {
    blocks.push({
      resource: appointment.deviceId,
      resourceKind: 'device',
      start: toIso(procedureStart),
      end: toIso(end),
      bookingId,
    });
  }
  return blocks.map((b) => ({ ...b, kind: 'booking' }));
}

export interface Conflict {
  resource: string;
  resourceKind: ResourceKind;
  bookingId: string | null;
  kind: BusyBlock['kind'];
  start: string;
  end: string;
  reason: string;
}

/**
 * Every clash between the blocks an appointment needs and what is already busy, each with a plain reason in the
 * clinic's local time ("Room room-1 is busy 09:00-10:30 on 2026-03-29 (booking b-7)").
 */
export function conflicts(
  needed: readonly ResourceBlock[],
  busy: readonly BusyBlock[],
  timeZone: string,
): Conflict[] {
  const found: Conflict[] = [];
  for (const block of needed) {
    const s = toInstant(block.start);
    const e = toInstant(block.end);
    for (const b of busy) {
      if (b.resource !== block.resource || (block.bookingId && b.bookingId === block.bookingId)) continue;
      const bs = toInstant(b.start);
      const be = toInstant(b.end);
      if (bs >= e || be <= s) continue;
      const from = utcToZoned(bs, timeZone);
      const to = utcToZoned(be, timeZone);
      const what = b.kind === 'time-off' ? 'time off' : b.kind === 'closure' ? 'closed' : 'booked';
      const label = block.resourceKind[0]?.toUpperCase() + block.resourceKind.slice(1);
      found.push({
        resource: block.resource,
        resourceKind: block.resourceKind,
        bookingId: b.bookingId ?? null,
        kind: b.kind ?? 'booking',
        start: toIso(bs),
        end: toIso(be),
        reason:
          `${label} ${block.resource} is ${what} ${from.time}-${to.time} on ${from.date}` +
          (b.bookingId ? ` (booking ${b.bookingId})` : ''),
      });
    }
  }
  return found;
}
