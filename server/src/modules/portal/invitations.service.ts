import { randomBytes } from 'node:crypto';
import type { AcceptInvitationRequest, Invitation, InvitationView } from '@needlepoint/core/contracts/portal';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { hashPassword } from '../../platform/passwords';
import { requireStrongPassword } from '../../platform/password-policy';
import { hashToken, newSessionToken, sessionExpiry } from '../../platform/session';
import { insertSession } from '../auth/auth.repo';
import { queuePatientMessage } from '../messages/outbox.service';
import { findPatient } from '../patients/patients.repo';

export interface InvitationDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
}

const validDays = 7;

interface InvitationRow {
  id: string;
  clinic_id: string;
  clinic_name: string;
  session_timeout_minutes: number;
  session_lifetime_hours: number;
  patient_id: string;
  given_name: string;
  email: string;
  expires_at: Date;
  accepted_at: Date | null;
}

interface SentInvitationRow {
  id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
}

function toInvitation(row: SentInvitationRow, now: Date): Invitation {
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
    const patient = await findPatient(client, actor.clinicId, patientId);
    if (!patient) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
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
    const existing = await client.query('SELECT 1 FROM users WHERE patient_id = $1', [patientId]);
    if (existing.rowCount)
      throw new DomainError('PORTAL_ALREADY_ACTIVE', 'This patient already has a portal account');
    const { rows } = await client.query<SentInvitationRow>(
      `INSERT INTO portal_invitations (clinic_id, patient_id, email, token_hash, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, email, created_at, expires_at, accepted_at`,
      [actor.clinicId, patientId, email, hashToken(token), actor.userId, now, expiresAt],
    );
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
    return toInvitation(rows[0]!, now);
  });
}

/** The invitations sent to a patient, newest first (never their links). */
export async function listInvitations(
  deps: InvitationDeps,
  actor: Actor,
  patientId: string,
): Promise<Invitation[]> {
  return deps.db.transaction(async (client) => {
    const patient = await findPatient(client, actor.clinicId, patientId);
    if (!patient) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
    const { rows } = await client.query<SentInvitationRow>(
      `SELECT id, email, created_at, expires_at, accepted_at FROM portal_invitations
        WHERE clinic_id = $1 AND patient_id = $2 ORDER BY created_at DESC`,
      [actor.clinicId, patientId],
    );
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
): Promise<InvitationRow> {
  const { rows } = await client.query<InvitationRow>(
    `SELECT i.id, i.clinic_id, c.name AS clinic_name, c.session_timeout_minutes, c.session_lifetime_hours, i.patient_id, p.given_name, i.email,
            i.expires_at, i.accepted_at
       FROM portal_invitations i JOIN clinics c ON c.id = i.clinic_id JOIN patients p ON p.id = i.patient_id
      WHERE i.token_hash = $1${lock ? ' FOR UPDATE OF i' : ''}`,
    [hashToken(token)],
  );
  const row = rows[0];
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
    const taken = await client.query(
      'SELECT 1 FROM users WHERE lower(email) = lower($1) OR patient_id = $2',
      [invitation.email, invitation.patient_id],
    );
    if (taken.rowCount)
      throw new DomainError(
        'PORTAL_ALREADY_ACTIVE',
        'A portal account already exists for this email; sign in instead',
      );
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (clinic_id, email, name, role, patient_id, password_hash) VALUES ($1, $2, $3, 'patient', $4, $5) RETURNING id`,
      [invitation.clinic_id, invitation.email, invitation.given_name, invitation.patient_id, passwordHash],
    );
    const userId = rows[0]!.id;
    await client.query('UPDATE portal_invitations SET accepted_at = $2 WHERE id = $1', [invitation.id, now]);
    const session = newSessionToken();
    await insertSession(client, {
      tokenHash: session.tokenHash,
      userId,
      clinicId: invitation.clinic_id,
      ip: origin.ip,
      userAgent: origin.userAgent,
      expiresAt: sessionExpiry(
        now,
        now,
        invitation.session_timeout_minutes,
        invitation.session_lifetime_hours,
      ),
      now,
    });
    await recordAudit(
      client,
      { userId, clinicId: invitation.clinic_id, role: 'patient', ip: origin.ip, requestId: origin.requestId },
      {
        action: 'portal.account-created',
        entityType: 'user',
        entityId: userId,
        patientId: invitation.patient_id,
      },
    );
    return { sessionToken: session.token };
  });
}
