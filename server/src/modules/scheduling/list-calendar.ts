import type { BookingList, BookingListQuery } from '@needlepoint/core/contracts/bookings';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import { recordAudit, type Actor } from '../../platform/audit';
import { clinicTimeZone } from '../clinic/clinic.service';
import { toBookingDto, type BookingDeps } from './booking-common';
import * as repo from './bookings.repo';
import { serviceTypeById } from './resources.service';

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
    const services = new Map<string, ServiceType>();
    const bookings = [];
    for (const row of rows) {
      if (!services.has(row.service))
        services.set(row.service, await serviceTypeById(client, actor.clinicId, row.service));
      bookings.push({
        ...toBookingDto(row, services.get(row.service)!),
        patientName: row.patient_name,
        providerName: row.provider_name,
        roomName: row.room_name,
      });
    }
    await recordAudit(client, actor, {
      action: 'schedule.viewed',
      entityType: 'booking',
      details: { from: query.from, to: query.to, count: rows.length },
    });
    return { timeZone: await clinicTimeZone(client, actor.clinicId), bookings };
  });
}
