import { permissionsOf } from '@needlepoint/core/auth/permissions';
import type {
  ChangePasswordRequest,
  CurrentUser,
  LoginRequest,
  TotpSetupResponse,
} from '@needlepoint/core/contracts/auth';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/passwords';
import { newSessionToken, totpSetupRequired, type SessionUser } from '../../platform/session';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/totp';
import * as repo from './auth.repo';

export const maxFailedLogins = 5;
export const lockoutMinutes = 15;

export interface AuthDeps {
  db: Database;
  clock: Clock;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export function toCurrentUser(user: SessionUser): CurrentUser {
  return {
    id: user.id,
    clinicId: user.clinicId,
    clinicName: user.clinicName,
    clinicTimeZone: user.clinicTimeZone,
    email: user.email,
    name: user.name,
    role: user.role,
    patientId: user.patientId,
    totpEnabled: user.totpEnabled,
    totpSetupRequired: totpSetupRequired(user),
    permissions: [...permissionsOf(user.role)],
  };
}

function sessionUserOf(row: repo.UserAuthRow): SessionUser {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    clinicName: row.clinic_name,
    clinicTimeZone: row.clinic_time_zone,
    email: row.email,
    name: row.name,
    role: row.role,
    patientId: row.patient_id,
    totpEnabled: row.totp_enabled,
  };
}

async function refuseLogin(
  deps: AuthDeps,
  row: repo.UserAuthRow,
  origin: RequestOrigin,
  reason: string,
): Promise<never> {
  const now = deps.clock.now();
  const locks = row.failed_logins + 1 >= maxFailedLogins;
  const lockUntil = locks ? new Date(now.getTime() + lockoutMinutes * 60_000) : null;
  await deps.db.transaction(async (client) => {
    await repo.recordFailedLogin(client, row.id, lockUntil);
    await recordAudit(
      client,
      { userId: row.id, clinicId: row.clinic_id, role: row.role, ip: origin.ip, requestId: origin.requestId },
      {
        action: locks ? 'auth.account-locked' : 'auth.login-failed',
        entityType: 'user',
        entityId: row.id,
        details: { reason },
      },
    );
  });
  if (locks) {
    throw new DomainError(
      'AUTH_ACCOUNT_LOCKED',
      `Too many failed attempts; try again in ${lockoutMinutes} minutes`,
    );
  }
  throw new DomainError(
    reason === 'totp' ? 'AUTH_TOTP_INVALID' : 'AUTH_INVALID_CREDENTIALS',
    reason === 'totp' ? 'The two-factor code is not valid' : 'Email or password is not correct',
  );
}

/** Signs a user in: password (argon2id), then the second factor when set up; locks after repeated failures. */
export async function signIn(
  deps: AuthDeps,
  input: LoginRequest,
  origin: RequestOrigin,
): Promise<{ token: string; user: CurrentUser }> {
  const row = await repo.findUserByEmail(deps.db.pool, input.email);
  if (!row || !row.active) {
    await verifyPassword(await decoyHash(), input.password);
    throw new DomainError('AUTH_INVALID_CREDENTIALS', 'Email or password is not correct');
  }
  const now = deps.clock.now();
  if (row.locked_until && row.locked_until > now) {
    throw new DomainError(
      'AUTH_ACCOUNT_LOCKED',
      'This account is locked after repeated failed attempts; try again later',
      {
        details: { lockedUntil: row.locked_until.toISOString() },
      },
    );
  }
  if (!(await verifyPassword(row.password_hash, input.password)))
    return refuseLogin(deps, row, origin, 'password');
  if (row.totp_enabled && row.totp_secret) {
    if (!input.totp)
      throw new DomainError('AUTH_TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app');
    if (!(await checkTotp(row.totp_secret, input.totp, now))) return refuseLogin(deps, row, origin, 'totp');
  }
  const { token, tokenHash } = newSessionToken();
  await deps.db.transaction(async (client) => {
    await repo.clearFailedLogins(client, row.id);
    await repo.insertSession(client, {
      tokenHash,
      userId: row.id,
      clinicId: row.clinic_id,
      ip: origin.ip,
      userAgent: origin.userAgent,
      expiresAt: new Date(now.getTime() + row.session_timeout_minutes * 60_000),
      now,
    });
    await recordAudit(
      client,
      { userId: row.id, clinicId: row.clinic_id, role: row.role, ip: origin.ip, requestId: origin.requestId },
      { action: 'auth.login', entityType: 'user', entityId: row.id },
    );
  });
  return { token, user: toCurrentUser(sessionUserOf({ ...row, failed_logins: 0 })) };
}

export async function signOut(
  deps: AuthDeps,
  user: SessionUser,
  tokenHash: string,
  origin: RequestOrigin,
): Promise<void> {
  await deps.db.transaction(async (client) => {
    await repo.deleteSession(client, tokenHash);
    await recordAudit(
      client,
      {
        userId: user.id,
        clinicId: user.clinicId,
        role: user.role,
        ip: origin.ip,
        requestId: origin.requestId,
      },
      { action: 'auth.logout', entityType: 'user', entityId: user.id },
    );
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
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new DomainError('VALIDATION_FAILED', 'The current password is not correct', {
      fields: [{ path: 'body.currentPassword', message: 'Not correct' }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('AUTH_PASSWORD_TOO_WEAK', 'Choose a new password different from the current one', {
      fields: [{ path: 'body.newPassword', message: 'Same as the current password' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (client) => {
    await repo.updatePasswordHash(client, user.id, passwordHash);
    await repo.deleteOtherSessions(client, user.id, tokenHash);
    await recordAudit(
      client,
      {
        userId: user.id,
        clinicId: user.clinicId,
        role: user.role,
        ip: origin.ip,
        requestId: origin.requestId,
      },
      { action: 'auth.password-changed', entityType: 'user', entityId: user.id },
    );
  });
}

export async function beginTotpSetup(deps: AuthDeps, user: SessionUser): Promise<TotpSetupResponse> {
  if (user.totpEnabled) throw new DomainError('VALIDATION_FAILED', 'Two-factor sign-in is already on');
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
): Promise<CurrentUser> {
  const row = await repo.findUserById(deps.db.pool, user.id);
  if (!row?.totp_secret) throw new DomainError('VALIDATION_FAILED', 'Start two-factor setup first');
  if (!(await checkTotp(row.totp_secret, code, deps.clock.now()))) {
    throw new DomainError(
      'AUTH_TOTP_INVALID',
      'The code does not match; check the time on your phone and try again',
      {
        fields: [{ path: 'body.code', message: 'Does not match' }],
      },
    );
  }
  await deps.db.transaction(async (client) => {
    await repo.enableTotp(client, user.id);
    await recordAudit(
      client,
      {
        userId: user.id,
        clinicId: user.clinicId,
        role: user.role,
        ip: origin.ip,
        requestId: origin.requestId,
      },
      { action: 'auth.totp-enabled', entityType: 'user', entityId: user.id },
    );
  });
  return toCurrentUser({ ...user, totpEnabled: true });
}
