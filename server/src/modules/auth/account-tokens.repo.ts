import type { Queryable } from '../../db/database';

export type TokenPurpose = 'staff-invitation' | 'password-reset';

export interface AccountTokenRow {
  id: string;
  clinic_id: string;
  user_id: string;
  purpose: TokenPurpose;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

const columns = 'id, clinic_id, user_id, purpose, created_at, expires_at, used_at, revoked_at';

export async function insertToken(
  db: Queryable,
  token: {
    clinicId: string;
    userId: string;
    purpose: TokenPurpose;
    tokenHash: string;
    createdBy: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<AccountTokenRow> {
  const { rows } = await db.query<AccountTokenRow>(
    `INSERT INTO account_tokens (clinic_id, user_id, purpose, token_hash, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [
      token.clinicId,
      token.userId,
      token.purpose,
      token.tokenHash,
      token.createdBy,
      token.now,
      token.expiresAt,
    ],
  );
  return rows[0]!;
}

/** A newer link replaces the older unused ones of the same kind. */
export async function revokeUnusedTokens(
  db: Queryable,
  user: { clinicId: string; userId: string },
  purpose: TokenPurpose,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE account_tokens SET revoked_at = $4
      WHERE clinic_id = $1 AND user_id = $2 AND purpose = $3 AND used_at IS NULL AND revoked_at IS NULL`,
    [user.clinicId, user.userId, purpose, now],
  );
}

/**
 * The token a link carries, found by its hash (the link is the only thing that knows the clinic). `lock` holds
 * the row until the transaction ends, so two uses of one link at once cannot both pass.
 */
export async function findTokenByHash(
  db: Queryable,
  tokenHash: string,
  purpose: TokenPurpose,
  lock = false,
): Promise<AccountTokenRow | undefined> {
  const { rows } = await db.query<AccountTokenRow>(
    `SELECT ${columns} FROM account_tokens WHERE token_hash = $1 AND purpose = $2${lock ? ' FOR UPDATE' : ''}`,
    [tokenHash, purpose],
  );
  return rows[0];
}

export async function markTokenUsed(db: Queryable, clinicId: string, id: string, now: Date): Promise<void> {
  await db.query('UPDATE account_tokens SET used_at = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    id,
    now,
  ]);
}

/** Links of one kind sent to a user since `since` (a cap on reset emails). */
export async function countTokensSince(
  db: Queryable,
  user: { clinicId: string; userId: string },
  purpose: TokenPurpose,
  since: Date,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM account_tokens
      WHERE clinic_id = $1 AND user_id = $2 AND purpose = $3 AND created_at > $4`,
    [user.clinicId, user.userId, purpose, since],
  );
  return rows[0]!.n;
}
