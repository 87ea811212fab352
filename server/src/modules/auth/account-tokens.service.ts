import { randomBytes } from 'node:crypto';
import { DomainError } from '@needlepoint/core/errors';
import type { Queryable } from '../../db/database';
import { hashToken } from '../../platform/session';
import * as repo from './account-tokens.repo';

export type { TokenPurpose } from './account-tokens.repo';

/** How long each kind of link works. */
export const tokenLifetimeMs: Record<repo.TokenPurpose, number> = {
  'staff-invitation': 72 * 3_600_000,
  'password-reset': 60 * 60_000,
};

/**
 * Makes a single-use link token for a user (older unused links of the same kind stop working). The token itself
 * is returned for the email only; the database keeps its SHA-256.
 */
export async function issueAccountToken(
  client: Queryable,
  input: {
    clinicId: string;
    userId: string;
    purpose: repo.TokenPurpose;
    createdBy: string | null;
    now: Date;
  },
): Promise<{ token: string; row: repo.AccountTokenRow }> {
  const token = randomBytes(32).toString('base64url');
  const user = { clinicId: input.clinicId, userId: input.userId };
  await repo.revokeUnusedTokens(client, user, input.purpose, input.now);
  const row = await repo.insertToken(client, {
    ...user,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    createdBy: input.createdBy,
    now: input.now,
    expiresAt: new Date(input.now.getTime() + tokenLifetimeMs[input.purpose]),
  });
  return { token, row };
}

const what: Record<repo.TokenPurpose, string> = {
  'staff-invitation': 'invitation link',
  'password-reset': 'password reset link',
};

/**
 * The token's row when the link can still be used; otherwise a specific error: unknown or replaced by a newer link
 * (AUTH_TOKEN_INVALID), already used (AUTH_TOKEN_USED), or too old (AUTH_TOKEN_EXPIRED).
 */
export async function checkAccountToken(
  client: Queryable,
  token: string,
  purpose: repo.TokenPurpose,
  now: Date,
  lock = false,
): Promise<repo.AccountTokenRow> {
  const row = await repo.findTokenByHash(client, hashToken(token), purpose, lock);
  const name = what[purpose];
  if (!row || row.revoked_at) {
    throw new DomainError(
      'AUTH_TOKEN_INVALID',
      `This ${name} does not work: it was copied only in part, or a newer link was sent`,
    );
  }
  if (row.used_at) throw new DomainError('AUTH_TOKEN_USED', `This ${name} was already used`);
  if (row.expires_at <= now) throw new DomainError('AUTH_TOKEN_EXPIRED', `This ${name} has expired`);
  return row;
}

export async function useAccountToken(
  client: Queryable,
  row: repo.AccountTokenRow,
  now: Date,
): Promise<void> {
  await repo.markTokenUsed(client, row.clinic_id, row.id, now);
}

export async function countRecentTokens(
  client: Queryable,
  user: { clinicId: string; userId: string },
  purpose: repo.TokenPurpose,
  since: Date,
): Promise<number> {
  return repo.countTokensSince(client, user, purpose, since);
}
