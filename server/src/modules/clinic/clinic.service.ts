import type { ClinicSettings, UpdateClinicSettingsRequest } from '@needlepoint/core/contracts/clinic';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './clinic.repo';
import type { ClinicRow } from './clinic.repo';

function toSettings(row: ClinicRow): ClinicSettings {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    phone: row.phone,
    email: row.email,
    address: row.address,
    sessionTimeoutMinutes: row.session_timeout_minutes,
    sessionLifetimeHours: row.session_lifetime_hours,
    rescheduleNoticeHours: row.reschedule_notice_hours,
    isDemo: row.is_demo,
    updatedAt: row.updated_at.toISOString(),
  };
}

async function loadClinic(db: Queryable, clinicId: string): Promise<ClinicRow> {
  const row = await repo.findClinic(db, clinicId);
  if (!row) throw new DomainError('NOT_FOUND', 'Clinic not found');
  return row;
}

/**
 * The clinic's IANA time zone, which every local date and time of the clinic is in. The clinic module owns
 * this read: other modules call it here, never through their own query.
 */
export async function clinicTimeZone(db: Queryable, clinicId: string): Promise<string> {
  return (await loadClinic(db, clinicId)).time_zone;
}

/** `clinicTimeZone` as a part of another use case's one-statement read (`readTogether`). */
export function clinicTimeZonePart(clinicId: string): ReadPart<string> {
  return mapPart(repo.timeZonePart(clinicId), (timeZone) => {
    if (!timeZone) throw new DomainError('NOT_FOUND', 'Clinic not found');
    return timeZone;
  });
}

/** The clinic's settings inside another module's use case (the clinic module owns the row: no other reads it). */
export async function clinicSettingsOf(db: Queryable, clinicId: string): Promise<ClinicSettings> {
  return toSettings(await loadClinic(db, clinicId));
}

/** The clinic's name as people read it (documents, messages). */
export async function clinicName(db: Queryable, clinicId: string): Promise<string> {
  return (await loadClinic(db, clinicId)).name;
}

/** Whether the clinic's calendar feeds show patients' full names (else initials). */
export async function calendarFeedFullNames(db: Queryable, clinicId: string): Promise<boolean> {
  return (await loadClinic(db, clinicId)).calendar_feed_full_names;
}

/** Sets it, inside the caller's transaction (which audits the change). */
export async function setCalendarFeedFullNames(
  db: Queryable,
  clinicId: string,
  fullNames: boolean,
): Promise<void> {
  await repo.setCalendarFeedFullNames(db, clinicId, fullNames);
}

/** Every clinic on this server, oldest first (the command line picks one). */
export async function listClinics(db: Queryable): Promise<{ id: string; name: string }[]> {
  return repo.listClinics(db);
}

export async function getClinicSettings(db: Database, actor: Actor): Promise<ClinicSettings> {
  return toSettings(await loadClinic(db.pool, actor.clinicId));
}

const columnOf: Record<keyof UpdateClinicSettingsRequest, string> = {
  name: 'name',
  timeZone: 'time_zone',
  phone: 'phone',
  email: 'email',
  address: 'address',
  sessionTimeoutMinutes: 'session_timeout_minutes',
  sessionLifetimeHours: 'session_lifetime_hours',
  rescheduleNoticeHours: 'reschedule_notice_hours',
};

export async function updateClinicSettings(
  db: Database,
  actor: Actor,
  input: UpdateClinicSettingsRequest,
): Promise<ClinicSettings> {
  return db.transaction(async (client) => {
    const before = toSettings(await loadClinic(client, actor.clinicId));
    const keys = (Object.keys(input) as (keyof UpdateClinicSettingsRequest)[]).filter(
      (k) => input[k] !== undefined,
    );
    if (keys.length > 0) {
      await repo.updateClinic(
        client,
        actor.clinicId,
        keys.map((key) => [columnOf[key], input[key]]),
      );
    }
    const after = toSettings(await loadClinic(client, actor.clinicId));
    const changed = Object.fromEntries(keys.map((k) => [k, { from: before[k], to: after[k] }]));
    await recordAudit(client, actor, {
      action: 'clinic.settings-updated',
      entityType: 'clinic',
      entityId: actor.clinicId,
      details: changed,
    });
    return after;
  });
}
