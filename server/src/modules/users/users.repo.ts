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
  invitation_sent_at: Date | null;
  invitation_expires_at: Date | null;
  invitation_used_at: Date | null;
}

// The latest invitation link of each user, if any (revoked links were replaced by a newer one).
const columns = `u.id, u.email, u.name, u.role, u.active, u.totp_enabled, u.locked_until, u.created_at,
  i.created_at AS invitation_sent_at, i.expires_at AS invitation_expires_at, i.used_at AS invitation_used_at`;
const fromUsers = `users u LEFT JOIN LATERAL (
    SELECT t.created_at, t.expires_at, t.used_at FROM account_tokens t
     WHERE t.clinic_id = u.clinic_id AND t.user_id = u.id AND t.purpose = 'staff-invitation'
       AND t.revoked_at IS NULL
     ORDER BY t.created_at DESC LIMIT 1) i ON true`;

export async function listStaff(db: Queryable, clinicId: string): Promise<StaffUserRow[]> {
  const { rows } = await db.query<StaffUserRow>(
    `SELECT ${columns} FROM ${fromUsers} WHERE u.clinic_id = $1 AND u.role <> 'patient' ORDER BY u.name`,
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
    `SELECT ${columns} FROM ${fromUsers} WHERE u.clinic_id = $1 AND u.id = $2 AND u.role <> 'patient'`,
    [clinicId, id],
  );
  return rows[0];
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
  return (rowCount ?? 0) > 0;
}

/** A staff account without a password: the person chooses one from the invitation email. */
export async function insertInvitedStaff(
  db: Queryable,
  user: { clinicId: string; email: string; name: string; role: string },
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO users (clinic_id, email, name, role) VALUES ($1, $2, $3, $4) RETURNING id',
    [user.clinicId, user.email, user.name, user.role],
  );
  return rows[0]!;
}

/** Whether the staff member has chosen a password (an invitation is then no longer needed). */
export async function hasPassword(db: Queryable, clinicId: string, id: string): Promise<boolean> {
  const { rows } = await db.query<{ set: boolean }>(
    'SELECT password_hash IS NOT NULL AS set FROM users WHERE clinic_id = $1 AND id = $2',
    [clinicId, id],
  );
  return rows[0]?.set ?? false;
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
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE users SET name = COALESCE($3, name), role = COALESCE($4, role), active = COALESCE($5, active),
        locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
        failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END, updated_at = now()
      WHERE clinic_id = $1 AND id = $2 RETURNING id`,
    [clinicId, id, change.name ?? null, change.role ?? null, change.active ?? null, change.unlock ?? false],
  );
  return rows[0]!;
}

export async function endSessions(db: Queryable, clinicId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE clinic_id = $1 AND user_id = $2', [clinicId, userId]);
}

/** An invited staff member with their clinic's name, for the invitation page. */
export async function invitedUser(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<
  | {
      id: string;
      name: string;
      email: string;
      role: StaffUserRow['role'];
      active: boolean;
    }
  | undefined
> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    email: string;
    role: StaffUserRow['role'];
    active: boolean;
  }>(
    `SELECT u.id, u.name, u.email, u.role, u.active FROM users u
      WHERE u.clinic_id = $1 AND u.id = $2 AND u.role <> 'patient'`,
    [clinicId, id],
  );
  return rows[0];
}
