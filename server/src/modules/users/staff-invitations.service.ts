import { roleLabels } from '@needlepoint/core/auth/roles';
import { DomainError } from '@needlepoint/core/errors';
import type { AcceptStaffInvitationRequest, StaffInvitationView } from '@needlepoint/core/contracts/users';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import {
  checkAccountToken,
  issueAccountToken,
  tokenLifetimeMs,
  useAccountToken,
} from '../auth/account-tokens.service';
import type { RequestOrigin } from '../auth/auth.service';
import { openSession, setPasswordFromLink } from '../auth/password-links.service';
import { clinicName } from '../clinic/clinic.service';
import { queueStaffMessage } from '../messages/outbox.service';
import * as repo from './users.repo';

/**
 * Emails a staff member a single-use link (72 hours) to choose their password; an earlier link stops working. The
 * token goes only into the email: the owner sees that it was sent, never the link.
 */
export async function sendStaffInvitation(
  client: Queryable,
  actor: Actor,
  userId: string,
  now: Date,
): Promise<void> {
  const user = (await repo.findStaff(client, actor.clinicId, userId))!;
  const inviter = await repo.findStaff(client, actor.clinicId, actor.userId);
  const { token, row } = await issueAccountToken(client, {
    clinicId: actor.clinicId,
    userId,
    purpose: 'staff-invitation',
    createdBy: actor.userId,
    now,
  });
  await queueStaffMessage(
    client,
    actor.clinicId,
    userId,
    'staff-invitation',
    {
      givenName: user.name,
      inviterName: inviter?.name ?? 'The clinic owner',
      role: user.role,
      roleLabel: roleLabels[user.role].toLowerCase(),
      validHours: tokenLifetimeMs['staff-invitation'] / 3_600_000,
    },
    { now, secret: { token } },
  );
  await recordAudit(client, actor, {
    action: 'user.invitation-sent',
    entityType: 'user',
    entityId: userId,
    details: { email: user.email, expiresAt: row.expires_at.toISOString() },
  });
}

/** The invited person, unless their account was deactivated since (the link then stops working). */
async function invitee(db: Queryable, clinicId: string, userId: string) {
  const user = await repo.invitedUser(db, clinicId, userId);
  if (!user?.active) {
    throw new DomainError('AUTH_TOKEN_INVALID', 'This invitation was withdrawn; ask the clinic owner');
  }
  return user;
}

/** What the invitation page shows before the password is chosen. */
export async function viewStaffInvitation(
  deps: { db: Database; clock: Clock },
  token: string,
): Promise<StaffInvitationView> {
  const link = await checkAccountToken(deps.db.pool, token, 'staff-invitation', deps.clock.now());
  const user = await invitee(deps.db.pool, link.clinic_id, link.user_id);
  return {
    clinicName: await clinicName(deps.db.pool, link.clinic_id),
    name: user.name,
    email: user.email,
    role: user.role,
  };
}

/**
 * The staff member chooses their password (the clinic's password policy, argon2id) from a valid invitation and is
 * signed in; an owner is then asked to set up two-factor sign-in before anything else.
 */
export async function acceptStaffInvitation(
  deps: { db: Database; clock: Clock },
  token: string,
  input: AcceptStaffInvitationRequest,
  origin: RequestOrigin,
): Promise<{ sessionToken: string }> {
  const preview = await checkAccountToken(deps.db.pool, token, 'staff-invitation', deps.clock.now());
  const user = await invitee(deps.db.pool, preview.clinic_id, preview.user_id);
  await requireStrongPassword(input.password, { name: user.name, email: user.email }, 'body.password');
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const link = await checkAccountToken(client, token, 'staff-invitation', now, true);
    await useAccountToken(client, link, now);
    await setPasswordFromLink(client, { id: link.user_id }, passwordHash);
    const sessionToken = await openSession(client, link.user_id, origin, now);
    await recordAudit(
      client,
      {
        userId: user.id,
        clinicId: link.clinic_id,
        role: user.role,
        ip: origin.ip,
        requestId: origin.requestId,
        clock: deps.clock,
      },
      { action: 'user.invitation-accepted', entityType: 'user', entityId: user.id },
    );
    return { sessionToken };
  });
}
