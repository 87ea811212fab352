import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

/** Serialises first-run set-ups (and the demo seed): only one can find the database without a clinic. */
export async function lockClinicCreation(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(8413708)');
}

export async function clinicSummary(db: Queryable): Promise<{ count: number; demo: boolean }> {
  const { rows } = await db.query<{ count: number; demo: boolean }>(
    'SELECT count(*)::int AS count, coalesce(bool_or(is_demo), false) AS demo FROM clinics',
  );
  return rows[0]!;
}

export async function insertClinic(
  db: Queryable,
  clinic: { name: string; timeZone: string; isDemo: boolean },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO clinics (name, time_zone, is_demo) VALUES ($1, $2, $3) RETURNING id',
    [clinic.name, clinic.timeZone, clinic.isDemo],
  );
  return rows[0]!.id;
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
  return (rowCount ?? 0) > 0;
}

/** The clinic's owner: no second factor yet, so their first session may only enrol one. */
export async function insertOwner(
  db: Queryable,
  owner: { clinicId: string; name: string; email: string; passwordHash: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (clinic_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'owner', $4) RETURNING id`,
    [owner.clinicId, owner.email, owner.name, owner.passwordHash],
  );
  return rows[0]!.id;
}

export interface ClinicRow {
  id: string;
  name: string;
  time_zone: string;
  phone: string;
  email: string;
  address: string;
  session_timeout_minutes: number;
  session_lifetime_hours: number;
  reschedule_notice_hours: number;
  is_demo: boolean;
  calendar_feed_full_names: boolean;
  updated_at: Date;
}

/** The clinic's time zone as a part of another use case's one-statement read (`readTogether`). */
export function timeZonePart(clinicId: string): ReadPart<string | undefined> {
  return {
    sql: 'SELECT time_zone FROM clinics WHERE id = $1',
    params: [clinicId],
    decode: (value) => (value ?? undefined) as string | undefined,
  };
}

export async function findClinic(db: Queryable, clinicId: string): Promise<ClinicRow | undefined> {
  const { rows } = await db.query<ClinicRow>('SELECT * FROM clinics WHERE id = $1', [clinicId]);
  return rows[0];
}

/** Sets the given columns (names from the service's fixed column map, never from input) on the clinic. */
export async function updateClinic(
  db: Queryable,
  clinicId: string,
  changes: readonly (readonly [column: string, value: unknown])[],
): Promise<void> {
  if (changes.length === 0) return;
  const sets = changes.map(([column], i) => `${column} = $${i + 2}`).join(', ');
  await db.query(`UPDATE clinics SET ${sets}, updated_at = now() WHERE id = $1`, [
    clinicId,
    ...changes.map(([, value]) => value),
  ]);
}

/** Whether calendar feeds show patients' full names (else initials); not an edit of the clinic's settings. */
export async function setCalendarFeedFullNames(
  db: Queryable,
  clinicId: string,
  fullNames: boolean,
): Promise<void> {
  await db.query('UPDATE clinics SET calendar_feed_full_names = $2 WHERE id = $1', [clinicId, fullNames]);
}

export async function listClinics(db: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM clinics ORDER BY created_at',
  );
  return rows;
}
