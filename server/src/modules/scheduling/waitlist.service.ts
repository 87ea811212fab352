import type { CreateWaitlistEntryRequest, WaitlistEntry } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { localDate, weekdayOf, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor, type AnyActor } from '../../platform/audit';
import { enqueueJob } from '../../platform/jobs';
import { loadRecord } from '../patients/patients.service';
import { planOfPatient } from '../plans/plans.service';
import { clinicTimeZone } from '../screening/screening.repo';
import { jobNames } from './booking-jobs';
import type { BookingRow } from './bookings.repo';
import { checkProvider, serviceTypeById } from './resources.service';

interface WaitlistRow {
  id: string;
  patient_id: string;
  patient_name: string;
  service_type_id: string;
  provider_id: string | null;
  plan_id: string | null;
  earliest_date: string;
  latest_date: string;
  preferred_weekdays: string[];
  preferred_times: { start: string; end: string } | null;
  note: string;
  status: WaitlistEntry['status'];
  created_at: Date;
}

const toEntry = (r: WaitlistRow): WaitlistEntry => ({
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

async function insertEntry(
  client: Queryable,
  clinicId: string,
  e: CreateWaitlistEntryRequest,
): Promise<WaitlistRow> {
  const { rows } = await client.query<WaitlistRow>(
    `INSERT INTO waitlist_entries (clinic_id, patient_id, service_type_id, provider_id, plan_id, earliest_date, latest_date,
       preferred_weekdays, preferred_times, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      clinicId,
      e.patientId,
      e.serviceTypeId,
      e.providerId ?? null,
      e.planId ?? null,
      e.earliestDate,
      e.latestDate,
      e.preferredWeekdays,
      e.preferredTimes ? JSON.stringify(e.preferredTimes) : null,
      e.note,
    ],
  );
  const name = await client.query<{ name: string }>(
    "SELECT given_name || ' ' || family_name AS name FROM patients WHERE clinic_id = $1 AND id = $2",
    [clinicId, e.patientId],
  );
  return { ...rows[0]!, patient_name: name.rows[0]?.name ?? '' };
}

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
    const row = await insertEntry(client, actor.clinicId, input);
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
    const { rows } = await client.query<WaitlistRow>(
      `SELECT w.*, p.given_name || ' ' || p.family_name AS patient_name FROM waitlist_entries w JOIN patients p ON p.id = w.patient_id
        WHERE w.clinic_id = $1 AND w.status IN ('waiting', 'offered') ORDER BY w.earliest_date, w.created_at`,
      [actor.clinicId],
    );
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
    const { rows } = await client.query<{ patient_id: string }>(
      "UPDATE waitlist_entries SET status = 'removed' WHERE clinic_id = $1 AND id = $2 AND status <> 'removed' RETURNING patient_id",
      [actor.clinicId, id],
    );
    if (!rows[0]) throw new DomainError('NOT_FOUND', 'No such waitlist entry');
    await recordAudit(client, actor, {
      action: 'waitlist.removed',
      entityType: 'waitlist',
      entityId: id,
      patientId: rows[0].patient_id,
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
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM waitlist_entries WHERE clinic_id = $1 AND status = 'waiting' AND service_type_id = $2
        AND earliest_date <= $3 AND latest_date >= $3 AND (provider_id IS NULL OR provider_id = $4)
        AND (cardinality(preferred_weekdays) = 0 OR $5 = ANY(preferred_weekdays)) AND patient_id <> $6
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [clinicId, freed.service, date, freed.provider_id, weekdayOf(date), freed.patient_id],
  );
  const entry = rows[0];
  if (!entry) return 0;
  await client.query(
    "UPDATE waitlist_entries SET status = 'offered', offered_booking_start = $2 WHERE id = $1",
    [entry.id, freed.starts_at],
  );
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
  const row = await insertEntry(client, actor.clinicId, {
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
