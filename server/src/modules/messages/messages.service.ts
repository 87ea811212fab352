import { randomBytes } from 'node:crypto';
import type {
  CaughtMailList,
  Inbox,
  MessageDto,
  MessagePreferences,
  MessageStatus,
  OutboxList,
  OutboxQuery,
  PatientMessageList,
  UnsubscribeView,
} from '@needlepoint/core/contracts/messages';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, systemActor, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { clinicSettingsOf } from '../clinic/clinic.service';
import * as repo from './messages.repo';

export interface MessagesDeps {
  db: Database;
  clock: Clock;
  /** No SMTP_URL: sent emails are kept, and an owner of a demo clinic (or on a development address) reads them. */
  mailCatcher: boolean;
  /** The app's address: a development one (not https) opens the mail catcher to owners of any clinic. */
  publicUrl: string;
}

function toDto(row: repo.MessageRow): MessageDto {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    essential: row.essential,
    locale: row.locale,
    status: row.status,
    address: row.address,
    subject: row.subject,
    sendAt: row.send_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    attempts: row.attempts,
    lastError: row.last_error,
    withdrawnReason: row.withdrawn_reason,
  };
}

async function requirePatient(db: Database['pool'], clinicId: string, patientId: string) {
  const patient = await repo.patientRecipient(db, clinicId, patientId);
  if (!patient) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
  return patient;
}

/** Every message to a patient with its status, newest first (the patient record's Messages list). */
export async function listPatientMessages(
  deps: MessagesDeps,
  actor: Actor,
  patientId: string,
): Promise<PatientMessageList> {
  return deps.db.transaction(async (client) => {
    await requirePatient(deps.db.pool, actor.clinicId, patientId);
    const rows = await repo.patientMessages(client, actor.clinicId, patientId, 200);
    await recordAudit(client, actor, {
      action: 'messages.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { count: rows.length },
    });
    return { messages: rows.map(toDto) };
  });
}

/** The clinic's outbox for the owner: the latest messages (optionally of one status) and counts by status. */
export async function listOutbox(deps: MessagesDeps, actor: Actor, query: OutboxQuery): Promise<OutboxList> {
  return deps.db.transaction(async (client) => {
    const rows = await repo.clinicMessages(client, actor.clinicId, query.status ?? null, query.limit);
    const counts = await repo.statusCounts(client, actor.clinicId);
    await recordAudit(client, actor, {
      action: 'messages.outbox-viewed',
      entityType: 'message',
      details: {
        status: query.status ?? null,
        count: rows.length,
        patientIds: [...new Set(rows.map((r) => r.patient_id).filter(Boolean))],
      },
    });
    return {
      counts: Object.fromEntries(
        (['scheduled', 'sending', 'retrying', 'sent', 'failed', 'withdrawn'] as MessageStatus[]).map((s) => [
          s,
          counts[s] ?? 0,
        ]),
      ) as OutboxList['counts'],
      messages: rows.map((r) => ({ ...toDto(r), recipientName: r.recipient_name })),
    };
  });
}

/** The patient's portal inbox. */
export async function portalInbox(deps: MessagesDeps, actor: Actor, patientId: string): Promise<Inbox> {
  return deps.db.transaction(async (client) => {
    const rows = await repo.inbox(client, actor.clinicId, patientId, 100);
    await recordAudit(client, actor, {
      action: 'messages.inbox-viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { count: rows.length },
    });
    return {
      unread: rows.filter((r) => !r.read_at).length,
      messages: rows.map((r) => ({
        id: r.id,
        subject: r.subject ?? '',
        body: r.body ?? '',
        sentAt: r.sent_at!.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      })),
    };
  });
}

export async function markInboxMessageRead(
  deps: MessagesDeps,
  actor: Actor,
  patientId: string,
  id: string,
): Promise<void> {
  const found = await repo.markRead(deps.db.pool, actor.clinicId, patientId, id, deps.clock.now());
  if (!found) throw new DomainError('MESSAGE_NOT_FOUND', 'No such message in your inbox');
}

const newToken = () => randomBytes(24).toString('base64url');

export async function getPreferences(
  deps: MessagesDeps,
  actor: Actor,
  patientId: string,
): Promise<MessagePreferences> {
  return deps.db.transaction(async (client) => {
    await requirePatient(deps.db.pool, actor.clinicId, patientId);
    const p = await repo.ensurePreferences(client, actor.clinicId, patientId, newToken(), deps.clock.now());
    return { email: p.email, sms: p.sms, nonEssential: p.non_essential };
  });
}

/** The patient (in the portal) or staff (on the record) set the channels and non-essential messages. */
export async function setPreferences(
  deps: MessagesDeps,
  actor: Actor,
  patientId: string,
  input: MessagePreferences,
): Promise<MessagePreferences> {
  return deps.db.transaction(async (client) => {
    await requirePatient(deps.db.pool, actor.clinicId, patientId);
    const now = deps.clock.now();
    await repo.ensurePreferences(client, actor.clinicId, patientId, newToken(), now);
    await repo.updatePreferences(client, actor.clinicId, patientId, { ...input, now });
    await recordAudit(client, actor, {
      action: 'messages.preferences-changed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: input,
    });
    return input;
  });
}

export async function viewUnsubscribe(deps: MessagesDeps, token: string): Promise<UnsubscribeView> {
  const row = await repo.preferencesByToken(deps.db.pool, token);
  if (!row) throw new DomainError('MESSAGE_UNSUBSCRIBE_LINK_INVALID', 'This unsubscribe link is not valid');
  return { clinicName: row.clinic_name, nonEssential: row.non_essential };
}

/** RFC 8058 one-click unsubscribe: the link's token turns off non-essential messages; essential ones still go. */
export async function unsubscribe(deps: MessagesDeps, token: string): Promise<UnsubscribeView> {
  return deps.db.transaction(async (client) => {
    const row = await repo.unsubscribeByToken(client, token, deps.clock.now());
    if (!row) throw new DomainError('MESSAGE_UNSUBSCRIBE_LINK_INVALID', 'This unsubscribe link is not valid');
    await recordAudit(client, systemActor(row.clinic_id, 'unsubscribe-link', deps.clock), {
      action: 'messages.unsubscribed',
      entityType: 'patient',
      entityId: row.patient_id,
      patientId: row.patient_id,
    });
    const view = await repo.preferencesByToken(client, token);
    return { clinicName: view!.clinic_name, nonEssential: false };
  });
}

/**
 * The development mail catcher: the emails kept because SMTP_URL is not set, for an owner of a demo clinic or of
 * an app on a development address (not https). Elsewhere it does not exist.
 */
export async function listCaughtMail(deps: MessagesDeps, actor: Actor): Promise<CaughtMailList> {
  return deps.db.transaction(async (client) => {
    const clinic = await clinicSettingsOf(client, actor.clinicId);
    const development = !deps.publicUrl.startsWith('https:');
    if (!deps.mailCatcher || !(clinic.isDemo || development))
      throw new DomainError(
        'MESSAGE_CATCHER_OFF',
        'The mail catcher is only on for a trial without SMTP_URL (a demo clinic or a development address)',
      );
    const rows = await repo.caughtMail(client, actor.clinicId, 100);
    await recordAudit(client, actor, {
      action: 'messages.mail-catcher-viewed',
      entityType: 'message',
      details: { count: rows.length },
    });
    return {
      mail: rows.map((r) => ({
        id: r.id,
        messageId: r.message_id,
        to: r.address,
        subject: r.subject,
        text: r.text_body,
        html: r.html_body,
        calendar: r.calendar,
        caughtAt: r.created_at.toISOString(),
      })),
    };
  });
}
