import type { CreateClinicRequest, SetupStatus } from '@needlepoint/core/contracts/setup';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import * as repo from './clinic.repo';

export async function setupStatus(db: Database): Promise<SetupStatus> {
  const summary = await repo.clinicSummary(db.pool);
  return { needed: summary.count === 0, demo: summary.demo };
}

/**
 * Inside the caller's transaction: waits for any other first-run set-up (or demo seed) to finish, then says
 * whether the database has no clinic yet.
 */
export async function noClinicYet(client: Queryable): Promise<boolean> {
  await repo.lockClinicCreation(client);
  return (await repo.clinicSummary(client)).count === 0;
}

/**
 * First-run set-up: creates the clinic and its owner with their own password, on a database without any
 * clinic (once only, even when two set-ups race). The owner enrols a second factor on first sign-in.
 */
export async function createClinic(
  db: Database,
  input: CreateClinicRequest,
  origin: { ip: string | null; requestId: string; clock: Clock },
): Promise<{ clinicId: string; ownerId: string }> {
  await requireStrongPassword(input.password, { name: input.ownerName, email: input.email }, 'body.password');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (client) => {
    if (!(await noClinicYet(client))) {
      throw new DomainError(
        'CLINIC_ALREADY_SET_UP',
        'This installation already has a clinic; sign in, and the owner adds staff in Settings',
      );
    }
    if (await repo.emailTaken(client, input.email)) {
      throw new DomainError('USER_EMAIL_TAKEN', 'An account with this email already exists', {
        fields: [{ path: 'body.email', message: 'Already in use' }],
      });
    }
    const clinicId = await repo.insertClinic(client, {
      name: input.clinicName,
      timeZone: input.timeZone,
      isDemo: false,
    });
    const ownerId = await repo.insertOwner(client, {
      clinicId,
      name: input.ownerName,
      email: input.email,
      passwordHash,
    });
    await recordAudit(
      client,
      {
        userId: ownerId,
        clinicId,
        role: 'owner',
        ip: origin.ip,
        requestId: origin.requestId,
        clock: origin.clock,
      },
      {
        action: 'clinic.created',
        entityType: 'clinic',
        entityId: clinicId,
        details: { name: input.clinicName, timeZone: input.timeZone, ownerEmail: input.email },
      },
    );
    return { clinicId, ownerId };
  });
}
