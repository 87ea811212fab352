import type { CreateWaitlistEntryRequest, WaitlistEntry } from '@needlepoint/core/contracts/scheduling';
import type { Queryable } from '../../db/database';

export interface WaitlistRow {
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

export async function insertWaitlistEntry(
  db: Queryable,
  clinicId: string,
  e: CreateWaitlistEntryRequest,
): Promise<WaitlistRow> {
  const { rows } = await db.query<Omit<WaitlistRow, 'patient_name'>>(
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
  const name = await db.query<{ name: string }>(
    "SELECT given_name || ' ' || family_name AS name FROM patients WHERE clinic_id = $1 AND id = $2",
    [clinicId, e.patientId],
  );
  return { ...rows[0]!, patient_name: name.rows[0]?.name ?? '' };
}

/** The clinic's waiting and offered entries, earliest wish first. */
export async function openWaitlistEntries(db: Queryable, clinicId: string): Promise<WaitlistRow[]> {
  const { rows } = await db.query<WaitlistRow>(
    `SELECT w.*, p.given_name || ' ' || p.family_name AS patient_name
       FROM waitlist_entries w JOIN patients p ON p.clinic_id = w.clinic_id AND p.id = w.patient_id
      WHERE w.clinic_id = $1 AND w.status IN ('waiting', 'offered') ORDER BY w.earliest_date, w.created_at`,
    [clinicId],
  );
  return rows;
}

/** Removes an entry; undefined when the clinic has no such entry (or it was removed already). */
export async function removeWaitlistEntry(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<{ patient_id: string } | undefined> {
  const { rows } = await db.query<{ patient_id: string }>(
    "UPDATE waitlist_entries SET status = 'removed' WHERE clinic_id = $1 AND id = $2 AND status <> 'removed' RETURNING patient_id",
    [clinicId, id],
  );
  return rows[0];
}

/** The oldest waiting entry a freed slot fits, locked (others skip it). */
export async function firstWaitingFor(
  db: Queryable,
  clinicId: string,
  slot: { service: string; date: string; weekday: string; providerId: string; excludePatientId: string },
): Promise<{ id: string } | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM waitlist_entries WHERE clinic_id = $1 AND status = 'waiting' AND service_type_id = $2
        AND earliest_date <= $3 AND latest_date >= $3 AND (provider_id IS NULL OR provider_id = $4)
        AND (cardinality(preferred_weekdays) = 0 OR $5 = ANY(preferred_weekdays)) AND patient_id <> $6
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [clinicId, slot.service, slot.date, slot.providerId, slot.weekday, slot.excludePatientId],
  );
  return rows[0];
}

export async function markOffered(db: Queryable, clinicId: string, id: string, start: Date): Promise<void> {
  await db.query(
    "UPDATE waitlist_entries SET status = 'offered', offered_booking_start = $3 WHERE clinic_id = $1 AND id = $2",
    [clinicId, id, start],
  );
}
