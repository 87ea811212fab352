import type { PasswordResetRequest, ResetPasswordRequest } from '@needlepoint/core/contracts/auth';
import type { Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import { newSessionToken, sessionExpiry, sessionUserOf } from '../../platform/session';
import { queueAccountEmail } from '../messages/outbox.service';
import {
  checkAccountToken,
  countRecentTokens,
  issueAccountToken,
  tokenLifetimeMs,
  useAccountToken,
} from './account-tokens.service';
import { userActor, type AuthDeps, type RequestOrigin } from './auth.service';
import * as repo from './auth.repo';

/** Reset emails one account gets per hour at most; further requests send nothing (and answer the same). */
export const resetEmailsPerHour = 3;

function selfActor(row: repo.UserAuthRow, origin: RequestOrigin, clock: Clock): Actor {
  return userActor(sessionUserOf(row.id, row), origin, clock);
}

/** Sets a password chosen from an emailed link; every session of the user ends. */
export async function setPasswordFromLink(
  client: Queryable,
  user: { id: string },
  passwordHash: string,
): Promise<void> {
  await repo.updatePasswordHash(client, user.id, passwordHash);
  await repo.deleteOtherSessions(client, user.id, null);
}

/** A new session for a user who has just proved who they are (an accepted invitation). Returns its token. */
export async function openSession(
  client: Queryable,
  userId: string,
  origin: RequestOrigin,
  now: Date,
): Promise<string> {
  const row = (await repo.findUserById(client, userId))!;
  const { token, tokenHash } = newSessionToken();
  await repo.insertSession(client, {
    tokenHash,
    userId,
    clinicId: row.clinic_id,
    ip: origin.ip,
    userAgent: origin.userAgent,
    expiresAt: sessionExpiry(now, now, row.session_timeout_minutes, row.session_lifetime_hours),
    now,
  });
  return token;
}

/**
 * "Forgot password?": emails a single-use link (60 minutes) to the account's own address. Answers nothing either
 * way, so the caller cannot tell whether the account exists; an unknown, deactivated or not yet activated account
 * gets no email.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: PasswordResetRequest,
  origin: RequestOrigin,
): Promise<void> {
  const row = await repo.findUserByEmail(deps.db.pool, input.email);
  if (!row || !row.active || !row.password_hash) return;
  await deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const owner = { clinicId: row.clinic_id, userId: row.id };
    const since = new Date(now.getTime() - 3_600_000);
    if ((await countRecentTokens(client, owner, 'password-reset', since)) >= resetEmailsPerHour) {
      await recordAudit(client, selfActor(row, origin, deps.clock), {
        action: 'auth.password-reset-refused',
        entityType: 'user',
        entityId: row.id,
        details: { reason: 'too-many-requests' },
      });
      return;
    }
    const { token } = await issueAccountToken(client, {
      ...owner,
      purpose: 'password-reset',
      createdBy: null,
      now,
    });
    await queueAccountEmail(
      client,
      row.clinic_id,
      {
        userId: row.id,
        patientId: row.patient_id,
        address: row.email,
        locale: row.preferred_language ?? 'en',
      },
      'password-reset',
      {
        givenName: row.name,
        email: row.email,
        validMinutes: tokenLifetimeMs['password-reset'] / 60_000,
      },
      { now, secret: { token } },
    );
    await recordAudit(client, selfActor(row, origin, deps.clock), {
      action: 'auth.password-reset-requested',
      entityType: 'user',
      entityId: row.id,
      patientId: row.patient_id,
    });
  });
}

/** Whether a reset link can still be used (the page asks before showing the form). */
export async function checkPasswordResetLink(deps: AuthDeps, token: string): Promise<void> {
  await checkAccountToken(deps.db.pool, token, 'password-reset', deps.clock.now());
}

/**
 * Sets the new password from a reset link: the link is used up, every session of the user ends (a thief signed in
 * elsewhere is signed out), and the user then signs in with the new password (and their second factor).
 */
export async function resetPassword(
  deps: AuthDeps,
  token: string,
  input: ResetPasswordRequest,
  origin: RequestOrigin,
): Promise<void> {
  const preview = await checkAccountToken(deps.db.pool, token, 'password-reset', deps.clock.now());
  const user = (await repo.findUserById(deps.db.pool, preview.user_id))!;
  await requireStrongPassword(input.password, { name: user.name, email: user.email }, 'body.password');
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const link = await checkAccountToken(client, token, 'password-reset', now, true);
    await useAccountToken(client, link, now);
    await setPasswordFromLink(client, { id: link.user_id }, passwordHash);
    await recordAudit(client, selfActor(user, origin, deps.clock), {
      action: 'auth.password-reset',
      entityType: 'user',
      entityId: user.id,
      patientId: user.patient_id,
      details: { sessionsEnded: true },
    });
  });
}
