import type {
  RecoveryCodeStatus,
  RegenerateRecoveryCodesRequest,
  RecoveryCodesResponse,
} from '@needlepoint/core/contracts/auth';
import { DomainError } from '@needlepoint/core/errors';
import { verifyPassword } from '../../platform/passwords';
import type { SessionUser } from '../../platform/session';
import { replaceRecoveryCodes, type AuthDeps, type RequestOrigin } from './auth.service';
import * as repo from './auth.repo';

/** How many of the user's recovery codes are still unused. */
export async function recoveryCodeStatus(deps: AuthDeps, user: SessionUser): Promise<RecoveryCodeStatus> {
  return repo.countRecoveryCodes(deps.db.pool, { clinicId: user.clinicId, userId: user.id });
}

/**
 * Makes a new set of recovery codes after checking the password again; the old codes stop working. The codes
 * are returned this once: only their hashes are kept.
 */
export async function regenerateRecoveryCodes(
  deps: AuthDeps,
  user: SessionUser,
  input: RegenerateRecoveryCodesRequest,
  origin: RequestOrigin,
): Promise<RecoveryCodesResponse> {
  if (!user.totpEnabled) {
    throw new DomainError(
      'AUTH_TOTP_NOT_ENABLED',
      'Turn on two-factor sign-in first; it comes with recovery codes',
    );
  }
  const row = await repo.findUserById(deps.db.pool, user.id);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, input.password))) {
    throw new DomainError('AUTH_PASSWORD_INCORRECT', 'The password is not correct', {
      fields: [{ path: 'body.password', message: 'Not correct' }],
    });
  }
  const recoveryCodes = await deps.db.transaction((client) =>
    replaceRecoveryCodes(client, deps, user, origin, 'auth.recovery-codes-regenerated'),
  );
  return { recoveryCodes };
}
