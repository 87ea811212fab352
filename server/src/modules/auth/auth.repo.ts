import type { Queryable } from '../../db/database';
import type { Role } from '@needlepoint/core/auth/roles';
import type { Locale } from '@needlepoint/core/i18n/locale';

export interface UserAuthRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  is_demo: boolean;
  clinic_time_zone: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  preferred_language: Locale | null;
  /** None for an invited staff member who has not chosen a password yet. */
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  active: boolean;
  session_timeout_minutes: number;
  session_lifetime_hours: number;
  totp_last_step: string | null;
}

const userAuthColumns = `u.id, u.clinic_id, c.name AS clinic_name, c.is_demo, c.time_zone AS clinic_time_zone, u.email,
  u.name, u.role, u.patient_id, p.preferred_language, u.password_hash, u.totp_secret, u.totp_enabled, u.failed_logins, u.locked_until,
  u.active, c.session_timeout_minutes, c.session_lifetime_hours, u.totp_last_step`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserAuthRow | undefined> {
  const { rows } = await db.query<UserAuthRow>(
    `SELECT ${userAuthColumns} FROM users u JOIN clinics c ON c.id = u.clinic_id
     LEFT JOIN patients p ON p.id = u.patient_id AND p.clinic_id = u.clinic_id WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserAuthRow | undefined> {
  const { rows } = await db.query<UserAuthRow>(
    `SELECT ${userAuthColumns} FROM users u JOIN clinics c ON c.id = u.clinic_id
     LEFT JOIN patients p ON p.id = u.patient_id AND p.clinic_id = u.clinic_id WHERE u.id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Counts one attempt from an address, in one statement (parallel attempts serialise on the row). Returns
 * false, counting nothing, when the address already has `limit` failures in the current window.
 */
export async function takeAddressAttempt(
  db: Queryable,
  key: string,
  now: Date,
  windowSeconds: number,
  limit: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO sign_in_throttles AS t (key, failures, window_started_at, updated_at)
     VALUES ($1, 1, $2::timestamptz, $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= $2::timestamptz - make_interval(secs => $3::int)
                       THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= $2::timestamptz - make_interval(secs => $3::int)
                                THEN $2::timestamptz ELSE t.window_started_at END,
       updated_at = $2::timestamptz
     WHERE t.failures < $4::int OR t.window_started_at <= $2::timestamptz - make_interval(secs => $3::int)`,
    [key, now, windowSeconds, limit],
  );
  return rowCount === 1;
}

/**
 * Counts one attempt on an account, in one statement. After `freeAttempts` consecutive failures each further
 * attempt waits 1, 2, 4 ... seconds (at most `maxDelaySeconds`). Returns false while that wait runs.
 */
export async function takeAccountAttempt(
  db: Queryable,
  key: string,
  now: Date,
  freeAttempts: number,
  maxDelaySeconds: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO sign_in_throttles AS t (key, failures, window_started_at, next_attempt_at, updated_at)
     VALUES ($1, 1, $2::timestamptz, CASE WHEN 1 >= $3::int THEN $2::timestamptz + interval '1 second' END,
             $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET
       failures = t.failures + 1,
       next_attempt_at = CASE WHEN t.failures + 1 >= $3::int
         THEN $2::timestamptz + make_interval(secs => LEAST($4::int, power(2, t.failures + 1 - $3::int)))
         END,
       updated_at = $2::timestamptz
     WHERE t.next_attempt_at IS NULL OR t.next_attempt_at <= $2::timestamptz`,
    [key, now, freeAttempts, maxDelaySeconds],
  );
  return rowCount === 1;
}

export async function throttleState(
  db: Queryable,
  key: string,
): Promise<{ failures: number; window_started_at: Date; next_attempt_at: Date | null } | undefined> {
  const { rows } = await db.query<{
    failures: number;
    window_started_at: Date;
    next_attempt_at: Date | null;
  }>('SELECT failures, window_started_at, next_attempt_at FROM sign_in_throttles WHERE key = $1', [key]);
  return rows[0];
}

/** Gives back one counted attempt (it was not a wrong guess). */
export async function returnAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE sign_in_throttles SET failures = GREATEST(failures - 1, 0) WHERE key = $1', [key]);
}

/** A correct sign-in: the account starts afresh. */
export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttles WHERE key = $1', [key]);
}

/** Records the TOTP time step just used; false when that step (or a later one) was used already. */
export async function useTotpStep(db: Queryable, userId: string, step: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    [userId, step],
  );
  return rowCount === 1;
}

export async function insertSession(
  db: Queryable,
  session: {
    tokenHash: string;
    userId: string;
    clinicId: string;
    ip: string | null;
    userAgent: string | null;
    expiresAt: Date;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, clinic_id, ip, user_agent, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $7, $7, $6)`,
    [
      session.tokenHash,
      session.userId,
      session.clinicId,
      session.ip,
      session.userAgent,
      session.expiresAt,
      session.now,
    ],
  );
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteOtherSessions(
  db: Queryable,
  userId: string,
  keepTokenHash: string | null,
): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
    userId,
    keepTokenHash,
  ]);
}

export async function updatePasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [
    userId,
    passwordHash,
  ]);
}

export async function setTotpSecret(db: Queryable, userId: string, secret: string): Promise<void> {
  await db.query(
    'UPDATE users SET totp_secret = $2, totp_enabled = false, updated_at = now() WHERE id = $1',
    [userId, secret],
  );
}

export async function enableTotp(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET totp_enabled = true, updated_at = now() WHERE id = $1', [userId]);
}

/** The user's recovery codes become these (the previous set is deleted). */
export async function replaceRecoveryCodes(
  db: Queryable,
  user: { clinicId: string; userId: string },
  codeHashes: string[],
  now: Date,
): Promise<void> {
  await db.query('DELETE FROM recovery_codes WHERE clinic_id = $1 AND user_id = $2', [
    user.clinicId,
    user.userId,
  ]);
  await db.query(
    `INSERT INTO recovery_codes (clinic_id, user_id, code_hash, created_at)
     SELECT $1, $2, hash, $4 FROM unnest($3::text[]) AS hash`,
    [user.clinicId, user.userId, codeHashes, now],
  );
}

/** Uses one recovery code, in one statement; false when it is not one of the user's or was used already. */
export async function useRecoveryCode(
  db: Queryable,
  user: { clinicId: string; userId: string },
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE recovery_codes SET used_at = $4
      WHERE clinic_id = $1 AND user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
    [user.clinicId, user.userId, codeHash, now],
  );
  return rowCount === 1;
}

export async function countRecoveryCodes(
  db: Queryable,
  user: { clinicId: string; userId: string },
): Promise<{ remaining: number; total: number }> {
  const { rows } = await db.query<{ remaining: number; total: number }>(
    `SELECT count(*) FILTER (WHERE used_at IS NULL)::int AS remaining, count(*)::int AS total
       FROM recovery_codes WHERE clinic_id = $1 AND user_id = $2`,
    [user.clinicId, user.userId],
  );
  return rows[0] ?? { remaining: 0, total: 0 };
}
