import { randomBytes } from 'node:crypto';
import type { ClinicSettings } from '@needlepoint/core/contracts/clinic';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import {
  isPermanentMailFailure,
  mailDomain,
  PermanentDeliveryError,
  type Mailer,
  type MailMessage,
} from '../../platform/mail';
import type { SmsProvider } from '../../platform/sms';
import { clinicSettingsOf } from '../clinic/clinic.service';
import { toCalendarInvitation } from '../scheduling/icalendar';
import { renderMessage, type RenderedMessage } from './email-layout';
import * as repo from './messages.repo';
import { isTemplateId, renderContent, type ClinicForMessage, type MessageContent } from './templates';
import { translator } from '../../i18n/translate';
import { scalarText } from '@needlepoint/core/text/scalar-text';

export interface DeliveryDeps {
  db: Database;
  clock: Clock;
  /** SMTP; null: no SMTP_URL, so emails are kept in the development mail catcher. */
  mailer: Mailer | null;
  sms: SmsProvider;
  publicUrl: string;
  /** The From address: its domain is the right-hand side of every Message-ID. */
  mailFrom: string;
  log?: (line: string) => void;
  /** Also print the caught email's text (MAIL_LOG_BODIES, development only). */
  logBodies?: boolean;
}

interface Claimed {
  row: repo.MessageRow;
  clinic: ClinicSettings;
  unsubscribeToken: string | null;
}

/** `<id@domain>`: the stored id (made when the row was written) and the domain of the From address. */
export function messageIdHeader(row: { message_id: string }, mailFrom: string): string {
  return `<${row.message_id}@${mailDomain(mailFrom)}>`;
}

async function claim(deps: DeliveryDeps, clinicId: string, id: string): Promise<Claimed | null> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    const row = await repo.claimMessage(client, clinicId, id, now);
    if (!row) return null;
    const clinic = await clinicSettingsOf(client, clinicId);
    // Only non-essential email to a patient carries List-Unsubscribe: essential ones always go.
    const unsubscribable = row.patient_id !== null && row.channel === 'email' && !row.essential;
    const preferences = unsubscribable
      ? await repo.ensurePreferences(
          client,
          clinicId,
          row.patient_id!,
          randomBytes(24).toString('base64url'),
          now,
        )
      : null;
    return { row, clinic, unsubscribeToken: preferences?.unsubscribe_token ?? null };
  });
}

function emailOf(
  deps: DeliveryDeps,
  { row, clinic, unsubscribeToken }: Claimed,
  content: MessageContent,
  rendered: RenderedMessage,
): MailMessage {
  const base = deps.publicUrl.replace(/\/$/, '');
  const organizerEmail = /<([^>]+)>/.exec(deps.mailFrom)?.[1] ?? deps.mailFrom;
  const invite = content.calendar;
  return {
    to: row.address!,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdHeader(row, deps.mailFrom),
    headers: unsubscribeToken
      ? {
          'List-Unsubscribe': `<${base}/api/messages/unsubscribe/${unsubscribeToken}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        }
      : {},
    ...(invite
      ? {
          calendar: {
            method: invite.method,
            content: toCalendarInvitation(
              {
                method: invite.method,
                uid: invite.bookingId,
                sequence: invite.sequence,
                start: new Date(invite.startsAt),
                end: new Date(invite.endsAt),
                summary: invite.summary,
                location: [clinic.name, clinic.address].filter(Boolean).join(', '),
                organizer: { name: clinic.name, email: organizerEmail },
                attendee: { name: scalarText(row.params.givenName), email: row.address! },
              },
              row.created_at,
            ),
          },
        }
      : {}),
  };
}

/**
 * Delivers one outbox row (the `message-deliver` job). The attempt is counted and committed first; then the
 * message leaves with its stored Message-ID; then it is marked sent. A crash between leaving and marking sent makes
 * the job run again and send the same Message-ID (receivers can drop the repeat); a passing failure is retried with
 * the queue's exponential backoff, a permanent one (SMTP 5xx) or the last attempt marks the message failed.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  payload: { clinicId: string; messageId: string },
  job: { attempts: number; maxAttempts: number },
): Promise<void> {
  const claimed = await claim(deps, payload.clinicId, payload.messageId);
  if (!claimed) return;
  const { row, clinic } = claimed;
  try {
    if (!isTemplateId(row.template)) throw new PermanentDeliveryError(`Unknown template ${row.template}`);
    const forMessage = clinicForMessage(clinic);
    const content = renderContent(row.template, {
      locale: row.locale,
      clinic: forMessage,
      baseUrl: deps.publicUrl.replace(/\/$/, ''),
      params: row.params,
      secret: row.secret_params ?? {},
    });
    const footerLink = claimed.unsubscribeToken
      ? `${deps.publicUrl.replace(/\/$/, '')}/unsubscribe/${claimed.unsubscribeToken}`
      : null;
    const rendered = await renderMessage(
      content,
      forMessage,
      translator(row.locale, clinic.timeZone).t,
      footerLink,
      row.locale,
    );
    const email = row.channel === 'email' ? emailOf(deps, claimed, content, rendered) : null;
    if (email && deps.mailer) await deps.mailer.send(email);
    if (row.channel === 'sms')
      await deps.sms.send({ to: row.address!, text: rendered.sms, reference: row.message_id });
    await deps.db.transaction(async (client) => {
      const at = deps.clock.now();
      if (email && !deps.mailer) {
        await repo.catchMail(client, {
          clinicId: row.clinic_id,
          messageId: email.messageId!,
          address: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html ?? '',
          calendar: email.calendar?.content ?? null,
          at,
        });
        deps.log?.(
          `[mail kept in the development mail catcher: SMTP_URL is not set] to ${email.to}: ${email.subject}`,
        );
      }
      const body = row.secret_params
        ? null
        : row.channel === 'portal'
          ? rendered.inbox
          : row.channel === 'sms'
            ? rendered.sms
            : rendered.text;
      await repo.markSent(client, row.clinic_id, row.id, { subject: rendered.subject, body, at });
    });
  } catch (error) {
    const permanent = error instanceof PermanentDeliveryError || isPermanentMailFailure(error);
    const final = permanent || job.attempts >= job.maxAttempts;
    await repo.markAttemptFailed(deps.db.pool, row.clinic_id, row.id, {
      error: error instanceof Error ? error.message : String(error),
      final,
      at: deps.clock.now(),
    });
    if (!final) throw error;
  }
}

function clinicForMessage(clinic: ClinicSettings): ClinicForMessage {
  return { name: clinic.name, address: clinic.address, phone: clinic.phone, timeZone: clinic.timeZone };
}
