import { randomBytes } from 'node:crypto';
import type { AcceptInvitationRequest, Invitation, InvitationView } from '@needlepoint/core/contracts/portal';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import { hashToken } from '../../platform/session';
import { openSession } from '../auth/password-links.service';
import { queuePatientMessage } from '../messages/outbox.service';
import { patientOf } from '../patients/patients.service';
import * as repo from './portal.repo';

export interface InvitationDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
}

const validDays = 7;

function toInvitation(row: repo.SentInvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    sentAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    status: row.accepted_at ? 'accepted' : row.expires_at <= now ? 'expired' : 'pending',
  };
}

/**
 * Emails the patient, at the address on their record, a link to set a password and reach the portal. The
 * link's token goes only into that email: staff learn that it was sent, never the link.
 */
export async function invitePatient(
  deps: InvitationDeps,
  actor: Actor,
  patientId: string,
): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  return deps.db.transaction(async (client) => {
    const patient = await patientOf(client, actor.clinicId, patientId);
    if (patient.deceased)
      throw new DomainError(
        'PATIENT_DECEASED',
        'This patient is recorded as deceased; no invitation is sent',
      );
    const email = patient.email;
    if (!email) {
      throw new DomainError(
        'PATIENT_HAS_NO_EMAIL',
        "This patient has no email address; add it to the patient's details, then send the invitation",
      );
    }
    if (await repo.patientHasAccount(client, actor.clinicId, patientId))
      throw new DomainError('PORTAL_ALREADY_ACTIVE', 'This patient already has a portal account');
    const sent = await repo.insertInvitation(client, {
      clinicId: actor.clinicId,
      patientId,
      email,
      tokenHash: hashToken(token),
      createdBy: actor.userId,
      now,
      expiresAt,
    });
    // The outbox sends it (ADR 028); the link's token is kept only until the email has left.
    await queuePatientMessage(
      client,
      actor.clinicId,
      patientId,
      'portal-invitation',
      { validDays },
      { now, secret: { token } },
    );
    await recordAudit(client, actor, {
      action: 'portal.invited',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { email },
    });
    return toInvitation(sent, now);
  });
}

/** The invitations sent to a patient, newest first (never their links). */
export async function listInvitations(
  deps: InvitationDeps,
  actor: Actor,
  patientId: string,
): Promise<Invitation[]> {
  return deps.db.transaction(async (client) => {
    await patientOf(client, actor.clinicId, patientId);
    const rows = await repo.invitationsOf(client, actor.clinicId, patientId);
    await recordAudit(client, actor, {
      action: 'portal.invitations-listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
    return rows.map((row) => toInvitation(row, deps.clock.now()));
  });
}

async function loadInvitation(
  client: Queryable,
  token: string,
  now: Date,
  lock = false,
): Promise<repo.InvitationRow> {
  const row = await repo.invitationByToken(client, hashToken(token), lock);
  if (!row || row.accepted_at)
    throw new DomainError(
      'PORTAL_INVITATION_INVALID',
      'This invitation link is not valid (it may have been used already)',
    );
  if (row.expires_at <= now)
    throw new DomainError(
      'PORTAL_INVITATION_EXPIRED',
      'This invitation link has expired; ask the clinic for a new one',
    );
  return row;
}

export async function viewInvitation(deps: InvitationDeps, token: string): Promise<InvitationView> {
  const row = await loadInvitation(deps.db.pool, token, deps.clock.now());
  return { clinicName: row.clinic_name, givenName: row.given_name, email: row.email };
}

/** Creates the patient's portal account from a valid invitation and signs them in. */
export async function acceptInvitation(
  deps: InvitationDeps,
  token: string,
  input: AcceptInvitationRequest,
  origin: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<{ sessionToken: string }> {
  const preview = await loadInvitation(deps.db.pool, token, deps.clock.now());
  await requireStrongPassword(
    input.password,
    { name: preview.given_name, email: preview.email },
    'body.password',
  );
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const invitation = await loadInvitation(client, token, now, true);
    if (await repo.accountTaken(client, invitation.clinic_id, invitation.email, invitation.patient_id))
      throw new DomainError(
        'PORTAL_ALREADY_ACTIVE',
        'A portal account already exists for this email; sign in instead',
      );
    const userId = await repo.insertPatientAccount(client, {
      clinicId: invitation.clinic_id,
      email: invitation.email,
      name: invitation.given_name,
      patientId: invitation.patient_id,
      passwordHash,
    });
    await repo.markInvitationAccepted(client, invitation.clinic_id, invitation.id, now);
    const sessionToken = await openSession(client, userId, origin, now);
    await recordAudit(
      client,
      {
        userId,
        clinicId: invitation.clinic_id,
        role: 'patient',
        ip: origin.ip,
        requestId: origin.requestId,
        clock: deps.clock,
      },
      {
        action: 'portal.account-created',
        entityType: 'user',
        entityId: userId,
        patientId: invitation.patient_id,
      },
    );
    return { sessionToken };
  });
}
