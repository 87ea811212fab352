import type { BookingDto } from '@needlepoint/core/contracts/scheduling';
import { overrideAllowed } from '@needlepoint/core/scheduling/booking-decisions';
import { DomainError } from '@needlepoint/core/errors';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { Database, Queryable } from '../../db/database';
import type { Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { placeAppointment } from './booking-context';
import * as repo from './bookings.repo';

/** What the booking use cases share: their dependencies, the answer's shape, times, and the errors they map. */

export interface BookingDeps {
  db: Database;
  clock: Clock;
}

const MINUTE = 60_000;

export function toBookingDto(row: repo.BookingRow, service: ServiceType): BookingDto {
  return {
    id: row.id,
    patientId: row.patient_id,
    providerId: row.provider_id,
    roomId: row.room_id,
    deviceId: row.device_id,
    service,
    startsAt: row.starts_at.toISOString(),
    procedureStartsAt: row.procedure_starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    planId: row.plan_id,
    sessionNumber: row.session_number,
    overrideReason: row.override_reason,
    cancelReason: row.cancel_reason,
    arrivedAt: row.arrived_at?.toISOString() ?? null,
    treatmentStartedAt: row.treatment_started_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** When a session starting at `start` begins its procedure, ends, and leaves its room free. */
export function times(start: string, service: ServiceType) {
  const startsAt = new Date(start);
  const procedureStartsAt = new Date(startsAt.getTime() + service.numbingMinutes * MINUTE);
  const endsAt = new Date(procedureStartsAt.getTime() + service.procedureMinutes * MINUTE);
  return {
    startsAt,
    procedureStartsAt,
    endsAt,
    roomFreeAt: new Date(endsAt.getTime() + service.turnoverMinutes * MINUTE),
  };
}

/** Overriding a booking rule is its own permission (`booking:override` in the matrix). */
export function refuseOverrideWithoutPermission(
  actor: Actor,
  override: { reason: string } | undefined,
): void {
  if (!overrideAllowed(actor.role, override)) {
    throw new DomainError('AUTH_FORBIDDEN', 'Only a provider or the owner can override a booking rule');
  }
}

/** The placement, or the first reason nothing fits as the error. */
export function placedOrRefused(placed: ReturnType<typeof placeAppointment>) {
  if (!placed.placement) {
    const v = placed.violations[0]!;
    throw new DomainError(v.code, v.message, { details: { violations: placed.violations } });
  }
  return placed.placement;
}

export function mapExclusion(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23P01') {
    const what: Record<string, string> = {
      appointments_provider_free: 'the provider',
      appointments_room_free: 'the room',
      appointments_device_free: 'the device',
      appointments_patient_free: 'the patient (another appointment at that time)',
    };
    throw new DomainError(
      'BOOKING_SLOT_TAKEN',
      `That time was just taken for ${what[e.constraint ?? ''] ?? 'a resource'}; choose another slot`,
      {
        details: { constraint: e.constraint ?? null },
      },
    );
  }
  // Two bookings racing for the same moment can also meet as a deadlock or a serialization failure: the other
  // booking won, which for this caller is the same answer as a taken slot.
  if (e.code === '40P01' || e.code === '40001') {
    throw new DomainError(
      'BOOKING_SLOT_TAKEN',
      'That time was just taken by another booking; choose another slot',
      {
        details: { constraint: null },
      },
    );
  }
  throw error;
}

export async function lockedBooking(client: Queryable, actor: Actor, id: string): Promise<repo.CalendarRow> {
  const row = await repo.findBooking(client, actor.clinicId, id, true);
  if (!row) throw new DomainError('NOT_FOUND', 'No such booking in this clinic');
  return row;
}

/** One booking as stored, for another module's use case (the treatment record opens from it). */
export async function bookingForRecord(
  client: Queryable,
  clinicId: string,
  id: string,
): Promise<repo.CalendarRow | undefined> {
  return repo.findBooking(client, clinicId, id);
}
