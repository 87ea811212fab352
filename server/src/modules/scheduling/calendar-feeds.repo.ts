import type { Queryable } from '../../db/database';

export async function insertFeed(
  db: Queryable,
  clinicId: string,
  userId: string,
  tokenHash: string,
): Promise<{ id: string; created_at: Date }> {
  const { rows } = await db.query<{ id: string; created_at: Date }>(
    'INSERT INTO calendar_feeds (clinic_id, user_id, token_hash) VALUES ($1, $2, $3) RETURNING id, created_at',
    [clinicId, userId, tokenHash],
  );
  return rows[0]!;
}

/** Revokes one of the user's live feeds; false when there is none with that id. */
export async function revokeFeed(
  db: Queryable,
  clinicId: string,
  userId: string,
  id: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE calendar_feeds SET revoked_at = now() WHERE clinic_id = $1 AND id = $2 AND user_id = $3 AND revoked_at IS NULL',
    [clinicId, id, userId],
  );
  return Boolean(rowCount);
}

export interface FeedOwner {
  feed_id: string;
  clinic_id: string;
  user_id: string;
  role: string;
  patient_id: string | null;
  clinic_name: string;
  address: string;
  calendar_feed_full_names: boolean;
}

/**
 * The live feed a token names, with its owner and clinic. The token is all a calendar app sends (no clinic),
 * so this lookup is by token hash; everything it joins is of the feed's own clinic.
 */
export async function feedOwner(db: Queryable, tokenHash: string): Promise<FeedOwner | undefined> {
  const { rows } = await db.query<FeedOwner>(
    `SELECT f.id AS feed_id, f.clinic_id, f.user_id, u.role, u.patient_id, c.name AS clinic_name, c.address,
            c.calendar_feed_full_names
       FROM calendar_feeds f
       JOIN users u ON u.clinic_id = f.clinic_id AND u.id = f.user_id
       JOIN clinics c ON c.id = f.clinic_id
      WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.active`,
    [tokenHash],
  );
  return rows[0];
}

export interface FeedSessionRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  service: string;
  given_name: string;
  family_name: string;
  provider_name: string;
  room_name: string | null;
}

/** A patient's or a provider's sessions between two instants. */
export async function feedSessions(
  db: Queryable,
  clinicId: string,
  range: { from: Date; to: Date; patientId?: string | null; providerId?: string },
): Promise<FeedSessionRow[]> {
  const forPatient = range.providerId === undefined;
  const { rows } = await db.query<FeedSessionRow>(
    `SELECT a.id, a.starts_at, a.ends_at, a.status, a.service, p.given_name, p.family_name, u.name AS provider_name,
            r.name AS room_name
       FROM appointments a
       JOIN patients p ON p.clinic_id = a.clinic_id AND p.id = a.patient_id
       JOIN users u ON u.clinic_id = a.clinic_id AND u.id = a.provider_id
       LEFT JOIN rooms r ON r.clinic_id = a.clinic_id AND r.id = a.room_id
      WHERE a.clinic_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 AND a.status IN ('booked', 'arrived', 'in-treatment', 'completed', 'cancelled')
        AND (CASE WHEN $4 THEN a.patient_id = $5 ELSE a.provider_id = $6 END) ORDER BY a.starts_at`,
    [clinicId, range.from, range.to, forPatient, range.patientId ?? null, range.providerId ?? null],
  );
  return rows;
}

/** The user's live feeds, newest first. */
export async function liveFeeds(
  db: Queryable,
  clinicId: string,
  userId: string,
): Promise<{ id: string; created_at: Date }[]> {
  const { rows } = await db.query<{ id: string; created_at: Date }>(
    'SELECT id, created_at FROM calendar_feeds WHERE clinic_id = $1 AND user_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC',
    [clinicId, userId],
  );
  return rows;
}
