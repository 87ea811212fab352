import type { Queryable } from '../../db/database';

export interface StaffUserRow {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'provider' | 'front-desk';
  active: boolean;
  totp_enabled: boolean;
  locked_until: Date | null;
  created_at: Date;
}

const columns = 'id, email, name, role, active, totp_enabled, locked_until, created_at';

export async function listStaff(db: Queryable, clinicId: string): Promise<StaffUserRow[]> {
  const { rows } = await db.query<StaffUserRow>(
    `SELECT ${columns} FROM users WHERE clinic_id = $1 AND role <> 'patient' ORDER BY name`,
    [clinicId],
  );
  return rows;
}

export async function findStaff(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<StaffUserRow | undefined> {
  const { rows } = await db.query<StaffUserRow>(
    `SELECT ${columns} FROM users WHERE clinic_id = $1 AND id = $2 AND role <> 'patient'`,
    [clinicId, id],
  );
  return rows[0];
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
  return (rowCount ?? 0) > 0;
}

export async function insertStaff(
  db: Queryable,
  user: { clinicId: string; email: string; name: string; role: string; passwordHash: string },
): Promise<StaffUserRow> {
  const { rows } = await db.query<StaffUserRow>(
    `INSERT INTO users (clinic_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
    [user.clinicId, user.email, user.name, user.role, user.passwordHash],
  );
  return rows[0]!;
}

export async function updateStaff(
  db: Queryable,
  clinicId: string,
  id: string,
  change: {
    name?: string | undefined;
    role?: string | undefined;
    active?: boolean | undefined;
    unlock?: boolean | undefined;
  },
): Promise<StaffUserRow> {
  const { rows } = await db.query<StaffUserRow>(
    `UPDATE users SET name = COALESCE($3, name), role = COALESCE($4, role), active = COALESCE($5, active),
        locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
        failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END, updated_at = now()
      WHERE clinic_id = $1 AND id = $2 RETURNING ${columns}`,
    [clinicId, id, change.name ?? null, change.role ?? null, change.active ?? null, change.unlock ?? false],
  );
  return rows[0]!;
}

export async function endSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
