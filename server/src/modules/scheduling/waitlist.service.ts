import type { CreateWaitlistEntryRequest, WaitlistEntry } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { localDate, weekdayOf, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor, type AnyActor } from '../../platform/audit';
import { enqueueJob } from '../../platform/jobs';
import { loadRecord } from '../patients/patients.service';
import { planOfPatient } from '../plans/plans.service';
import { clinicTimeZone } from '../clinic/clinic.service';
import { jobNames } from './booking-jobs';
import * as repo from './waitlist.repo';
import type { BookingRow } from './bookings.repo';
import { checkProvider, serviceTypeById } from './resources.service';

const toEntry = (r: repo.WaitlistRow): WaitlistEntry => ({
  id: r.id,
  patientId: r.patient_id,
  patientName: r.patient_name,
  serviceTypeId: r.service_type_id,
  providerId: r.provider_id,
  planId: r.plan_id,
  earliestDate: r.earliest_date,
  latestDate: r.latest_date,
  preferredWeekdays: r.preferred_weekdays as WaitlistEntry['preferredWeekdays'],
  preferredTimes: r.preferred_times,
  note: r.note,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

export async function addToWaitlist(
  db: Database,
  actor: Actor,
  input: CreateWaitlistEntryRequest,
): Promise<WaitlistEntry> {
  return db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, input.patientId);
    // Every referenced id must be this clinic's (and the plan this patient's): the database alone would
    // accept another clinic's provider or plan.
    await serviceTypeById(client, actor.clinicId, input.serviceTypeId);
    if (input.providerId) await checkProvider(client, actor.clinicId, input.providerId, 'body.providerId');
    if (input.planId) await planOfPatient(client, actor.clinicId, input.patientId, input.planId);
    const row = await repo.insertWaitlistEntry(client, actor.clinicId, input);
    await recordAudit(client, actor, {
      action: 'waitlist.added',
      entityType: 'waitlist',
      entityId: row.id,
      patientId: input.patientId,
    });
    return toEntry(row);
  });
}

export async function listWaitlist(db: Database, actor: Actor): Promise<WaitlistEntry[]> {
  return db.transaction(async (client) => {
    const rows = await repo.openWaitlistEntries(client, actor.clinicId);
    await recordAudit(client, actor, {
      action: 'waitlist.viewed',
      entityType: 'waitlist',
      details: { entries: rows.length },
    });
    return rows.map(toEntry);
  });
}

export async function removeFromWaitlist(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (client) => {
    const removed = await repo.removeWaitlistEntry(client, actor.clinicId, id);
    if (!removed) throw new DomainError('NOT_FOUND', 'No such waitlist entry');
    await recordAudit(client, actor, {
      action: 'waitlist.removed',
      entityType: 'waitlist',
      entityId: id,
      patientId: removed.patient_id,
    });
  });
}

/** Offers a freed slot to the first waiting patient whose wishes it fits (service, dates, weekday, provider). */
export async function offerFreedSlot(
  client: Queryable,
  clinicId: string,
  freed: BookingRow,
): Promise<number> {
  const timeZone = await clinicTimeZone(client, clinicId);
  const date = localDate(freed.starts_at.getTime(), timeZone);
  const entry = await repo.firstWaitingFor(client, clinicId, {
    service: freed.service,
    date,
    weekday: weekdayOf(date),
    providerId: freed.provider_id,
    excludePatientId: freed.patient_id,
  });
  if (!entry) return 0;
  await repo.markOffered(client, clinicId, entry.id, freed.starts_at);
  await enqueueJob(client, jobNames.waitlistOffer, {
    clinicId,
    entryId: entry.id,
    start: freed.starts_at.toISOString(),
    providerId: freed.provider_id,
  });
  return 1;
}

/** After a completed series: a maintenance session on the waitlist for the plan's window, and a reminder at its start. */
export async function proposeMaintenance(
  client: Queryable,
  actor: AnyActor,
  p: { patientId: string; planId: string; window: { earliest: string; latest: string } },
): Promise<void> {
  const row = await repo.insertWaitlistEntry(client, actor.clinicId, {
    patientId: p.patientId,
    serviceTypeId: 'maintenance',
    planId: p.planId,
    earliestDate: p.window.earliest,
    latestDate: p.window.latest,
    preferredWeekdays: [],
    note: 'Maintenance after the completed series (proposed automatically)',
  });
  const timeZone = await clinicTimeZone(client, actor.clinicId);
  await enqueueJob(
    client,
    jobNames.maintenanceReminder,
    { clinicId: actor.clinicId, entryId: row.id },
    {
      runAt: new Date(zonedToUtc(p.window.earliest, '09:00', timeZone)),
      jobKey: `maintenance:${p.planId}`,
    },
  );
  await recordAudit(client, actor, {
    action: 'waitlist.maintenance-proposed',
    entityType: 'waitlist',
    entityId: row.id,
    patientId: p.patientId,
    details: p.window,
  });
}
