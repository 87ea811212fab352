import type { BookingList, BookingListQuery } from '@needlepoint/core/contracts/bookings';
import { recordAudit, type Actor } from '../../platform/audit';
import { clinicTimeZone } from '../clinic/clinic.service';
import { toBookingDto, type BookingDeps } from './booking-common';
import * as repo from './bookings.repo';
import { clinicServiceTypes, serviceTypeIn } from './resources.service';

/** The calendar for a window: each booking with its service, patient, provider and room names (audited). */
export async function listCalendar(
  deps: BookingDeps,
  actor: Actor,
  query: BookingListQuery,
): Promise<BookingList> {
  return deps.db.transaction(async (client) => {
    const rows = await repo.listBookings(client, actor.clinicId, {
      ...query,
      includeCancelled: query.includeCancelled === 'true',
    });
    // The clinic's service types are read once for the whole window (not once per service met).
    const services = rows.length > 0 ? await clinicServiceTypes(client, actor.clinicId) : [];
    const bookings = rows.map((row) => ({
      ...toBookingDto(row, serviceTypeIn(services, row.service)),
      patientName: row.patient_name,
      providerName: row.provider_name,
      roomName: row.room_name,
    }));
    await recordAudit(client, actor, {
      action: 'schedule.viewed',
      entityType: 'booking',
      details: { from: query.from, to: query.to, count: rows.length },
    });
    return { timeZone: await clinicTimeZone(client, actor.clinicId), bookings };
  });
}
