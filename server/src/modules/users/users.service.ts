import type {
  CreateStaffUserRequest,
  StaffUser,
  UpdateStaffUserRequest,
} from '@needlepoint/core/contracts/users';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { sendStaffInvitation } from './staff-invitations.service';
import * as repo from './users.repo';

export interface UsersDeps {
  db: Database;
  clock: Clock;
}

export function toStaffUser(row: repo.StaffUserRow, now: Date): StaffUser {
  const sentAt = row.invitation_sent_at;
  const expiresAt = row.invitation_expires_at;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    totpEnabled: row.totp_enabled,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    invitation:
      sentAt && expiresAt
        ? {
            status: row.invitation_used_at ? 'accepted' : expiresAt <= now ? 'expired' : 'pending',
            sentAt: sentAt.toISOString(),
            expiresAt: expiresAt.toISOString(),
            acceptedAt: row.invitation_used_at?.toISOString() ?? null,
          }
        : null,
  };
}

export async function listStaffUsers(deps: UsersDeps, actor: Actor): Promise<StaffUser[]> {
  const now = deps.clock.now();
  return (await repo.listStaff(deps.db.pool, actor.clinicId)).map((row) => toStaffUser(row, now));
}

/**
 * Adds a staff member without a password and emails them an invitation link (72 hours, single use) to choose
 * their own. The owner never sees or sets the password.
 */
export async function inviteStaffUser(
  deps: UsersDeps,
  actor: Actor,
  input: CreateStaffUserRequest,
): Promise<StaffUser> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    if (await repo.emailTaken(client, input.email)) {
      throw new DomainError('USER_EMAIL_TAKEN', 'An account with this email already exists', {
        fields: [{ path: 'body.email', message: 'Already in use' }],
      });
    }
    const { id } = await repo.insertInvitedStaff(client, { ...input, clinicId: actor.clinicId });
    await recordAudit(client, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      details: { role: input.role, email: input.email, invited: true },
    });
    await sendStaffInvitation(client, actor, id, now);
    return toStaffUser((await repo.findStaff(client, actor.clinicId, id))!, now);
  });
}

/** Sends a new invitation link to a staff member who has not chosen a password yet; the old link stops working. */
export async function resendStaffInvitation(deps: UsersDeps, actor: Actor, id: string): Promise<StaffUser> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const existing = await repo.findStaff(client, actor.clinicId, id);
    if (!existing) throw new DomainError('NOT_FOUND', 'No such staff member in this clinic');
    if (await repo.hasPassword(client, actor.clinicId, id)) {
      throw new DomainError(
        'USER_INVITATION_NOT_PENDING',
        `${existing.name} has already set a password; they can use "Forgot password?" to choose a new one`,
      );
    }
    if (!existing.active) {
      throw new DomainError('USER_INVITATION_NOT_PENDING', 'Reactivate this account before inviting again');
    }
    await sendStaffInvitation(client, actor, id, now);
    return toStaffUser((await repo.findStaff(client, actor.clinicId, id))!, now);
  });
}

/** Renames, changes role, deactivates or unlocks a staff account of the owner's own clinic. */
export async function updateStaffUser(
  deps: UsersDeps,
  actor: Actor,
  id: string,
  input: UpdateStaffUserRequest,
): Promise<StaffUser> {
  return deps.db.transaction(async (client) => {
    const existing = await repo.findStaff(client, actor.clinicId, id);
    if (!existing) throw new DomainError('NOT_FOUND', 'No such staff member in this clinic');
    if (id === actor.userId && ((input.role && input.role !== 'owner') || input.active === false)) {
      throw new DomainError(
        'USER_CANNOT_DEMOTE_SELF',
        'You cannot remove your own owner access; ask another owner',
      );
    }
    await repo.updateStaff(client, actor.clinicId, id, input);
    if (input.active === false || (input.role && input.role !== existing.role))
      await repo.endSessions(client, actor.clinicId, id);
    await recordAudit(client, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      details: { ...input, previousRole: existing.role },
    });
    return toStaffUser((await repo.findStaff(client, actor.clinicId, id))!, deps.clock.now());
  });
}
