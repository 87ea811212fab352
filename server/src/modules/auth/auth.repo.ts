import type { Queryable } from '../../db/database';
import type { Role } from '@needlepoint/core/auth/roles';

export interface UserAuthRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  clinic_time_zone: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  active: boolean;
  session_timeout_minutes: number;
}

const userAuthColumns = `u.id, u.clinic_id, c.name AS clinic_name, c.time_zone AS clinic_time_zone, u.email, u.name, u.role, u.patient_id, u.password_hash,
  u.totp_secret, u.totp_enabled, u.failed_logins, u.locked_until, u.active, c.session_timeout_minutes`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserAuthRow | undefined> {
  const { rows } = await db.query<UserAuthRow>(
    `SELECT ${userAuthColumns} FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserAuthRow | undefined> {
  const { rows } = await db.query<UserAuthRow>(
    `SELECT ${userAuthColumns} FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE u.id = $1`,
    [id],
  );
  return rows[0];
}

export async function recordFailedLogin(
  db: Queryable,
  userId: string,
  lockUntil: Date | null,
): Promise<void> {
  await db.query(
    `UPDATE users SET failed_logins = CASE WHEN $2::timestamptz IS NULL THEN failed_logins + 1 ELSE 0 END,
       locked_until = COALESCE($2, locked_until), updated_at = now() WHERE id = $1`,
    [userId, lockUntil],
  );
}

export async function clearFailedLogins(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
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
