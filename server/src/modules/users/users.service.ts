import type {
  CreateStaffUserRequest,
  StaffUser,
  UpdateStaffUserRequest,
} from '@needlepoint/core/contracts/users';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import { hashPassword } from '../../platform/passwords';
import * as repo from './users.repo';

function toStaffUser(row: repo.StaffUserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    totpEnabled: row.totp_enabled,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listStaffUsers(db: Database, actor: Actor): Promise<StaffUser[]> {
  return (await repo.listStaff(db.pool, actor.clinicId)).map(toStaffUser);
}

export async function createStaffUser(
  db: Database,
  actor: Actor,
  input: CreateStaffUserRequest,
): Promise<StaffUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (client) => {
    if (await repo.emailTaken(client, input.email)) {
      throw new DomainError('USER_EMAIL_TAKEN', 'An account with this email already exists', {
        fields: [{ path: 'body.email', message: 'Already in use' }],
      });
    }
    const row = await repo.insertStaff(client, { ...input, clinicId: actor.clinicId, passwordHash });
    await recordAudit(client, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      details: { role: row.role, email: row.email },
    });
    return toStaffUser(row);
  });
}

/** Renames, changes role, deactivates or unlocks a staff account of the owner's own clinic. */
export async function updateStaffUser(
  db: Database,
  actor: Actor,
  id: string,
  input: UpdateStaffUserRequest,
): Promise<StaffUser> {
  return db.transaction(async (client) => {
    const existing = await repo.findStaff(client, actor.clinicId, id);
    if (!existing) throw new DomainError('NOT_FOUND', 'No such staff member in this clinic');
    if (id === actor.userId && ((input.role && input.role !== 'owner') || input.active === false)) {
      throw new DomainError(
        'USER_CANNOT_DEMOTE_SELF',
        'You cannot remove your own owner access; ask another owner',
      );
    }
    const row = await repo.updateStaff(client, actor.clinicId, id, input);
    if (input.active === false || (input.role && input.role !== existing.role))
      await repo.endSessions(client, id);
    await recordAudit(client, actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      details: { ...input, previousRole: existing.role },
    });
    return toStaffUser(row);
  });
}
