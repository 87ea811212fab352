import { permissionsOf } from '@needlepoint/core/auth/permissions';
import type {
  ChangePasswordRequest,
  CurrentUser,
  LoginRequest,
  TotpEnableResponse,
  TotpSetupResponse,
} from '@needlepoint/core/contracts/auth';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import {
  newSessionToken,
  sessionExpiry,
  sessionUserOf,
  totpSetupRequired,
  type SessionUser,
} from '../../platform/session';
import { hashRecoveryCode, newRecoveryCodes } from '../../platform/recovery-codes';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/totp';
import * as repo from './auth.repo';

/** Failed sign-ins an account gets before each further attempt waits (1 s, 2 s, 4 s ... up to a minute). */
export const freeSignInAttempts = 5;
export const maxSignInDelaySeconds = 60;
/** Failed sign-ins one client address gets per window, whatever emails it tries (password spraying). */
export const addressFailureWindowSeconds = 15 * 60;
export const defaultAddressFailureLimit = 20;

export interface AuthDeps {
  db: Database;
  clock: Clock;
  /** Failed sign-ins allowed per client address per 15 minutes (default 20). */
  addressFailureLimit?: number;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

/** The audit actor for a user acting on their own account from a request. */
export function userActor(
  user: Pick<SessionUser, 'id' | 'clinicId' | 'role'>,
  origin: RequestOrigin,
  clock: Clock,
): Actor {
  return {
    userId: user.id,
    clinicId: user.clinicId,
    role: user.role,
    ip: origin.ip,
    requestId: origin.requestId,
    clock,
  };
}

/**
 * Gives the user a new set of recovery codes inside the caller's transaction (the old ones stop working) and audits
 * it under `action`; the codes, shown once.
 */
export async function replaceRecoveryCodes(
  client: Queryable,
  deps: AuthDeps,
  user: SessionUser,
  origin: RequestOrigin,
  action: 'auth.totp-enabled' | 'auth.recovery-codes-regenerated',
): Promise<string[]> {
  const recoveryCodes = newRecoveryCodes();
  await repo.replaceRecoveryCodes(
    client,
    { clinicId: user.clinicId, userId: user.id },
    recoveryCodes.map(hashRecoveryCode),
    deps.clock.now(),
  );
  await recordAudit(client, userActor(user, origin, deps.clock), {
    action,
    entityType: 'user',
    entityId: user.id,
    details: { recoveryCodes: recoveryCodes.length },
  });
  return recoveryCodes;
}

export function toCurrentUser(user: SessionUser): CurrentUser {
  return {
    id: user.id,
    clinicId: user.clinicId,
    clinicName: user.clinicName,
    clinicIsDemo: user.clinicIsDemo,
    clinicTimeZone: user.clinicTimeZone,
    email: user.email,
    name: user.name,
    role: user.role,
    patientId: user.patientId,
    preferredLanguage: user.preferredLanguage,
    totpEnabled: user.totpEnabled,
    totpSetupRequired: totpSetupRequired(user),
    permissions: [...permissionsOf(user.role)],
  };
}

async function auditRefusal(
  deps: AuthDeps,
  row: repo.UserAuthRow,
  origin: RequestOrigin,
  reason: 'password' | 'totp' | 'totp-reused' | 'recovery-code',
): Promise<void> {
  await deps.db.transaction(async (client) => {
    await recordAudit(client, userActor(sessionUserOf(row.id, row), origin, deps.clock), {
      action: 'auth.login-failed',
      entityType: 'user',
      entityId: row.id,
      details: { reason },
    });
  });
}

function tooManyAttempts(retryAt: Date | null, now: Date): DomainError {
  const seconds = retryAt ? Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) : 60;
  return new DomainError(
    'AUTH_TOO_MANY_ATTEMPTS',
    `Too many failed sign-in attempts; try again in ${seconds} second${seconds === 1 ? '' : 's'}`,
    { details: { retryAfterSeconds: seconds } },
  );
}

/**
 * Counts this attempt before any password is checked, atomically in PostgreSQL (shared by every app
 * instance): per client address across all emails, and per account with a progressive delay. A correct
 * sign-in gives the attempt back. No account is ever locked: its owner waits at most a minute.
 */
async function takeAttempt(deps: AuthDeps, email: string, origin: RequestOrigin, now: Date) {
  const addressKey = `address:${origin.ip ?? 'unknown'}`;
  const accountKey = `account:${email.toLowerCase()}`;
  const limit = deps.addressFailureLimit ?? defaultAddressFailureLimit;
  if (!(await repo.takeAddressAttempt(deps.db.pool, addressKey, now, addressFailureWindowSeconds, limit))) {
    const state = await repo.throttleState(deps.db.pool, addressKey);
    throw tooManyAttempts(
      state ? new Date(state.window_started_at.getTime() + addressFailureWindowSeconds * 1000) : null,
      now,
    );
  }
  if (
    !(await repo.takeAccountAttempt(deps.db.pool, accountKey, now, freeSignInAttempts, maxSignInDelaySeconds))
  ) {
    // The address gave up nothing for an attempt that was never tried.
    await repo.returnAttempt(deps.db.pool, addressKey);
    const state = await repo.throttleState(deps.db.pool, accountKey);
    throw tooManyAttempts(state?.next_attempt_at ?? null, now);
  }
  return { addressKey, accountKey };
}

/**
 * Signs a user in: password (argon2id), then the second factor when set up (a 6-digit code, or one of the
 * recovery codes), each code once only.
 */
export async function signIn(
  deps: AuthDeps,
  input: LoginRequest,
  origin: RequestOrigin,
): Promise<{ token: string; user: CurrentUser }> {
  const now = deps.clock.now();
  const keys = await takeAttempt(deps, input.email, origin, now);
  const row = await repo.findUserByEmail(deps.db.pool, input.email);
  if (!row || !row.active || !row.password_hash) {
    await verifyPassword(await decoyHash(), input.password);
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'Email or password is not correct');
  }
  if (!(await verifyPassword(row.password_hash, input.password))) {
    await auditRefusal(deps, row, origin, 'password');
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'Email or password is not correct');
  }
  let secondFactor: 'totp' | 'recovery-code' | null = null;
  if (row.totp_enabled && row.totp_secret && input.recoveryCode) {
    const owner = { clinicId: row.clinic_id, userId: row.id };
    if (!(await repo.useRecoveryCode(deps.db.pool, owner, hashRecoveryCode(input.recoveryCode), now))) {
      await auditRefusal(deps, row, origin, 'recovery-code');
      throw new DomainError(
        'AUTH_RECOVERY_CODE_INVALID',
        'This recovery code is not valid or was already used; each code works once',
      );
    }
    secondFactor = 'recovery-code';
  } else if (row.totp_enabled && row.totp_secret) {
    secondFactor = 'totp';
    if (!input.totp) {
      // The password was right: this attempt is not a guess.
      await repo.returnAttempt(deps.db.pool, keys.accountKey);
      await repo.returnAttempt(deps.db.pool, keys.addressKey);
      throw new DomainError('AUTH_TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app');
    }
    const step = await checkTotp(row.totp_secret, input.totp, now);
    if (step === null) {
      await auditRefusal(deps, row, origin, 'totp');
      throw new DomainError('AUTH_TOTP_INVALID', 'The two-factor code is not valid');
    }
    if (!(await repo.useTotpStep(deps.db.pool, row.id, step))) {
      await auditRefusal(deps, row, origin, 'totp-reused');
      throw new DomainError(
        'AUTH_TOTP_INVALID',
        'This two-factor code was already used; wait for the next code from your app',
      );
    }
  }
  const { token, tokenHash } = newSessionToken();
  await deps.db.transaction(async (client) => {
    await repo.clearThrottle(client, keys.accountKey);
    await repo.returnAttempt(client, keys.addressKey);
    await repo.insertSession(client, {
      tokenHash,
      userId: row.id,
      clinicId: row.clinic_id,
      ip: origin.ip,
      userAgent: origin.userAgent,
      expiresAt: sessionExpiry(now, now, row.session_timeout_minutes, row.session_lifetime_hours),
      now,
    });
    await recordAudit(client, userActor(sessionUserOf(row.id, row), origin, deps.clock), {
      action: 'auth.login',
      entityType: 'user',
      entityId: row.id,
      ...(secondFactor ? { details: { secondFactor } } : {}),
    });
  });
  return { token, user: toCurrentUser(sessionUserOf(row.id, row)) };
}

export async function signOut(
  deps: AuthDeps,
  user: SessionUser,
  tokenHash: string,
  origin: RequestOrigin,
): Promise<void> {
  await deps.db.transaction(async (client) => {
    await repo.deleteSession(client, tokenHash);
    await recordAudit(client, userActor(user, origin, deps.clock), {
      action: 'auth.logout',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

/** Changes the password after checking the current one; every other session of the user ends. */
export async function changePassword(
  deps: AuthDeps,
  user: SessionUser,
  tokenHash: string | null,
  input: ChangePasswordRequest,
  origin: RequestOrigin,
): Promise<void> {
  const row = await repo.findUserById(deps.db.pool, user.id);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new DomainError('AUTH_PASSWORD_INCORRECT', 'The current password is not correct', {
      fields: [{ path: 'body.currentPassword', message: 'Not correct' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('AUTH_PASSWORD_TOO_WEAK', 'Choose a new password different from the current one', {
      fields: [{ path: 'body.newPassword', message: 'Same as the current password' }],
      details: { reason: 'unchanged' },
    });
  }
  await requireStrongPassword(input.newPassword, { name: row.name, email: row.email }, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (client) => {
    await repo.updatePasswordHash(client, user.id, passwordHash);
    await repo.deleteOtherSessions(client, user.id, tokenHash);
    await recordAudit(client, userActor(user, origin, deps.clock), {
      action: 'auth.password-changed',
      entityType: 'user',
      entityId: user.id,
    });
  });
}

export async function beginTotpSetup(deps: AuthDeps, user: SessionUser): Promise<TotpSetupResponse> {
  if (user.totpEnabled)
    throw new DomainError('AUTH_TOTP_ALREADY_ENABLED', 'Two-factor sign-in is already on');
  // A key not yet confirmed is shown again, so a reload does not break a key already scanned into an app.
  const pending = (await repo.findUserById(deps.db.pool, user.id))?.totp_secret;
  const secret = pending ?? newTotpSecret();
  if (!pending) await repo.setTotpSecret(deps.db.pool, user.id, secret);
  return { secret, otpauthUri: totpUri(secret, user.email) };
}

export async function confirmTotpSetup(
  deps: AuthDeps,
  user: SessionUser,
  code: string,
  origin: RequestOrigin,
): Promise<TotpEnableResponse> {
  const row = await repo.findUserById(deps.db.pool, user.id);
  if (!row?.totp_secret) throw new DomainError('AUTH_TOTP_SETUP_NOT_STARTED', 'Start two-factor setup first');
  const step = await checkTotp(row.totp_secret, code, deps.clock.now());
  if (step === null) {
    throw new DomainError(
      'AUTH_TOTP_INVALID',
      'The code does not match; check the time on your phone and try again',
      {
        fields: [{ path: 'body.code', message: 'Does not match' }],
      },
    );
  }
  const recoveryCodes = await deps.db.transaction(async (client) => {
    await repo.useTotpStep(client, user.id, step);
    await repo.enableTotp(client, user.id);
    return replaceRecoveryCodes(client, deps, user, origin, 'auth.totp-enabled');
  });
  return { user: toCurrentUser({ ...user, totpEnabled: true }), recoveryCodes };
}
