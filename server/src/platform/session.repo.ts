import type { Role } from '@needlepoint/core/auth/roles';
import type { Locale } from '@needlepoint/core/i18n/locale';
import type { Queryable } from '../db/database';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  clinic_id: string;
  clinic_name: string;
  is_demo: boolean;
  clinic_time_zone: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  preferred_language: Locale | null;
  totp_enabled: boolean;
  created_at: Date;
  last_seen_at: Date;
  session_timeout_minutes: number;
  session_lifetime_hours: number;
}

/**
 * The live sessions that cookies' tokens name, with their users and clinics: one statement for the sessions of
 * many requests at once (the session loader batches requests that arrive together). A token is all a request
 * carries, so the lookup is by token hash; everything it joins is of the session's own clinic. Prepared once per
 * connection (named), as every request runs it.
 */
export async function findLiveSessions(
  db: Queryable,
  tokenHashes: readonly string[],
  now: Date,
): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>({
    name: 'live-sessions',
    text: `SELECT s.token_hash, s.user_id, s.clinic_id, c.name AS clinic_name, c.is_demo, c.time_zone AS clinic_time_zone,
            u.email, u.name, u.role, u.patient_id, p.preferred_language, u.totp_enabled,
            s.created_at, s.last_seen_at, c.session_timeout_minutes, c.session_lifetime_hours
       FROM sessions s JOIN users u ON u.clinic_id = s.clinic_id AND u.id = s.user_id JOIN clinics c ON c.id = s.clinic_id
       LEFT JOIN patients p ON p.id = u.patient_id AND p.clinic_id = u.clinic_id
      WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > $2 AND u.active
        AND s.created_at > $2 - make_interval(hours => c.session_lifetime_hours)`,
    values: [tokenHashes, now],
  });
  return rows;
}

/** Slides the session's idle timeout. */
export async function touchSession(
  db: Queryable,
  clinicId: string,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    'UPDATE sessions SET last_seen_at = $3, expires_at = $4 WHERE clinic_id = $1 AND token_hash = $2',
    [clinicId, tokenHash, now, expiresAt],
  );
}
