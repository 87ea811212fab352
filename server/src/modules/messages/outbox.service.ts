import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';
import { cancelJob, enqueueJob, enqueueJobs, type NewJob } from '../../platform/jobs';
import { maxDeliveryAttempts, messageJobKey, messageJobs } from './messages-jobs';
import * as repo from './messages.repo';
import { templateRules, type TemplateId } from './templates';

/**
 * The outbox (ADR 028): other modules call these inside their own transaction, so a message exists exactly when
 * the work that caused it does. Each row gets its Message-ID now and one durable delivery job at `sendAt`.
 */

export interface QueueOptions {
  now: Date;
  /** When to send (default: now). */
  sendAt?: Date;
  /** What the message belongs to, so it can be withdrawn (e.g. `booking:<id>:reminder`). */
  topic?: string;
  /** Values kept only until the message is sent (e.g. an invitation token). */
  secret?: Record<string, unknown>;
  /**
   * Write it only if the topic has no message yet: a job that writes a message and runs again after a crash (before
   * the queue recorded it done) does not write a second one.
   */
  once?: boolean;
}

async function insertAndSchedule(client: Queryable, row: repo.NewMessage): Promise<string> {
  const message = await repo.insertMessage(client, row);
  await enqueueJob(
    client,
    messageJobs.deliver,
    { clinicId: row.clinicId, messageId: message.id },
    { runAt: row.sendAt, jobKey: messageJobKey(message.id), maxAttempts: maxDeliveryAttempts },
  );
  return message.id;
}

/**
 * A message to a patient, in their language, on the channels they chose: the portal inbox always, email and SMS when
 * chosen and an address is known. A non-essential message to a patient who unsubscribed goes to the portal only.
 * Returns the channels used (none for an unknown or deceased patient).
 */
export async function queuePatientMessage(
  client: Queryable,
  clinicId: string,
  patientId: string,
  template: TemplateId,
  params: Record<string, unknown>,
  options: QueueOptions,
): Promise<repo.Channel[]> {
  return (await queuePatientMessages(client, clinicId, patientId, [{ template, params, options }]))[0] ?? [];
}

/** A patient as messages reach them: address, language, channel choices. */
export type Recipient = repo.PatientRecipient;

/** The recipient of a patient's messages, as a part of another use case's one-statement read (`readTogether`). */
export function recipientPart(clinicId: string, patientId: string): ReadPart<Recipient | undefined> {
  return repo.patientRecipientPart(clinicId, patientId);
}

/**
 * Several messages to one patient (a session's confirmation, reminder and timeline steps), each as
 * `queuePatientMessage` would queue it, with the recipient read once and the rows and their delivery jobs written in
 * one statement each. Returns the channels used by each message.
 */
export async function queuePatientMessages(
  client: Queryable,
  clinicId: string,
  patientId: string,
  messages: readonly { template: TemplateId; params: Record<string, unknown>; options: QueueOptions }[],
  /**
   * The recipient when the caller read it already (`recipientPart`), and the caller's own jobs, queued in the same
   * statement as the messages' delivery jobs.
   */
  together?: { recipient: Recipient | undefined; jobs?: readonly NewJob[] },
): Promise<repo.Channel[][]> {
  const patient = together ? together.recipient : await repo.patientRecipient(client, clinicId, patientId);
  const callerJobs = together?.jobs ?? [];
  if (!patient || patient.deceased) {
    await enqueueJobs(client, callerJobs);
    return messages.map(() => []);
  }
  const rows: repo.NewMessage[] = [];
  const used: repo.Channel[][] = [];
  for (const { template, params, options } of messages) {
    if (options.once && options.topic && (await repo.topicUsed(client, clinicId, options.topic))) {
      used.push([]);
      continue;
    }
    const channels = patientChannels(template, patient);
    used.push(channels.map((c) => c.channel));
    for (const c of channels) {
      rows.push({
        clinicId,
        patientId,
        userId: null,
        channel: c.channel,
        address: c.address,
        template,
        params: { givenName: patient.given_name, ...params },
        secretParams: options.secret ?? null,
        locale: patient.preferred_language,
        essential: templateRules(template).essential,
        topic: options.topic ?? null,
        messageId: randomUUID(),
        sendAt: options.sendAt ?? options.now,
        now: options.now,
      });
    }
  }
  const inserted = await repo.insertMessages(client, rows);
  await enqueueJobs(client, [
    ...callerJobs,
    ...inserted.map((m) => ({
      task: messageJobs.deliver,
      payload: { clinicId, messageId: m.id },
      runAt: m.send_at,
      jobKey: messageJobKey(m.id),
      maxAttempts: maxDeliveryAttempts,
    })),
  ]);
  return used;
}

/**
 * The channels of a message to a patient: the portal inbox always, email and SMS when chosen and an address is
 * known; a non-essential message to a patient who unsubscribed goes to the portal only.
 */
function patientChannels(
  template: TemplateId,
  patient: NonNullable<Awaited<ReturnType<typeof repo.patientRecipient>>>,
): { channel: repo.Channel; address: string | null }[] {
  const rules = templateRules(template);
  const wanted = patient.pref_non_essential ?? true;
  const pushAllowed = rules.essential || wanted;
  const candidates: { channel: repo.Channel; address: string | null }[] = [];
  const allowed = (channel: repo.Channel) => !rules.channels || rules.channels.includes(channel);
  // A template limited to a channel (an invitation by email) uses it whatever the preferences: there is no other.
  const chose = (channel: 'email' | 'sms', preference: boolean) =>
    allowed(channel) && pushAllowed && (rules.channels !== null || preference);
  if (allowed('portal')) candidates.push({ channel: 'portal', address: null });
  if (chose('email', patient.pref_email ?? true) && patient.email)
    candidates.push({ channel: 'email', address: patient.email });
  if (chose('sms', patient.pref_sms ?? false) && patient.phone)
    candidates.push({ channel: 'sms', address: patient.phone });
  return candidates;
}

/** A message to a staff member (an urgent check-in, a screening to review), by email. */
export async function queueStaffMessage(
  client: Queryable,
  clinicId: string,
  userId: string,
  template: TemplateId,
  params: Record<string, unknown>,
  options: QueueOptions,
): Promise<boolean> {
  const user = await repo.staffRecipient(client, clinicId, userId);
  if (!user) return false;
  if (options.once && options.topic && (await repo.topicUsed(client, clinicId, options.topic))) return false;
  await insertAndSchedule(client, {
    clinicId,
    patientId: null,
    userId,
    channel: 'email',
    address: user.email,
    template,
    params,
    secretParams: options.secret ?? null,
    locale: 'en',
    essential: templateRules(template).essential,
    topic: options.topic ?? null,
    messageId: randomUUID(),
    sendAt: options.sendAt ?? options.now,
    now: options.now,
  });
  return true;
}

/**
 * An email about a person's own account (a password reset link) to the address they sign in with, whatever their
 * message preferences: it is sent only because they asked for it. A patient's copy is filed under their record.
 */
export async function queueAccountEmail(
  client: Queryable,
  clinicId: string,
  recipient: { userId: string; patientId: string | null; address: string; locale: 'en' | 'es' },
  template: TemplateId,
  params: Record<string, unknown>,
  options: QueueOptions,
): Promise<void> {
  await insertAndSchedule(client, {
    clinicId,
    patientId: recipient.patientId,
    userId: recipient.patientId ? null : recipient.userId,
    channel: 'email',
    address: recipient.address,
    template,
    params,
    secretParams: options.secret ?? null,
    locale: recipient.locale,
    essential: templateRules(template).essential,
    topic: options.topic ?? null,
    messageId: randomUUID(),
    sendAt: options.sendAt ?? options.now,
    now: options.now,
  });
}

/** Withdraws a topic's messages not yet being sent (a moved or cancelled session) and their delivery jobs. */
export async function withdrawMessages(
  client: Queryable,
  clinicId: string,
  topic: string,
  reason: string,
  now: Date,
): Promise<number> {
  const ids = await repo.withdrawTopic(client, clinicId, topic, reason, now);
  for (const id of ids) await cancelJob(client, messageJobKey(id));
  return ids.length;
}
