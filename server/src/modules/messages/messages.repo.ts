import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

export type Channel = 'email' | 'sms' | 'portal';
export type MessageStatus = 'scheduled' | 'sending' | 'retrying' | 'sent' | 'failed' | 'withdrawn';

export interface MessageRow {
  id: string;
  clinic_id: string;
  patient_id: string | null;
  user_id: string | null;
  channel: Channel;
  address: string | null;
  template: string;
  params: Record<string, unknown>;
  secret_params: Record<string, unknown> | null;
  locale: 'en' | 'es';
  essential: boolean;
  topic: string | null;
  message_id: string;
  send_at: Date;
  status: MessageStatus;
  attempts: number;
  last_error: string | null;
  subject: string | null;
  body: string | null;
  sent_at: Date | null;
  read_at: Date | null;
  withdrawn_reason: string | null;
  created_at: Date;
}

export interface NewMessage {
  clinicId: string;
  patientId: string | null;
  userId: string | null;
  channel: Channel;
  address: string | null;
  template: string;
  params: Record<string, unknown>;
  secretParams: Record<string, unknown> | null;
  locale: 'en' | 'es';
  essential: boolean;
  topic: string | null;
  messageId: string;
  sendAt: Date;
  now: Date;
}

export async function insertMessage(db: Queryable, m: NewMessage): Promise<MessageRow> {
  const { rows } = await db.query<MessageRow>(
    `INSERT INTO messages (clinic_id, patient_id, user_id, channel, address, template, params, secret_params, locale,
                           essential, topic, message_id, send_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING *`,
    [
      m.clinicId,
      m.patientId,
      m.userId,
      m.channel,
      m.address,
      m.template,
      JSON.stringify(m.params),
      m.secretParams ? JSON.stringify(m.secretParams) : null,
      m.locale,
      m.essential,
      m.topic,
      m.messageId,
      m.sendAt,
      m.now,
    ],
  );
  return rows[0]!;
}

/** Several messages in one statement (a session's confirmation, reminder and timeline); returns their rows' ids. */
export async function insertMessages(
  db: Queryable,
  messages: readonly NewMessage[],
): Promise<{ id: string; send_at: Date }[]> {
  if (messages.length === 0) return [];
  const { rows } = await db.query<{ id: string; send_at: Date }>(
    `INSERT INTO messages (clinic_id, patient_id, user_id, channel, address, template, params, secret_params, locale,
                           essential, topic, message_id, send_at, created_at, updated_at)
     SELECT m."clinicId", m."patientId", m."userId", m.channel, m.address, m.template, m.params, m."secretParams",
            m.locale, m.essential, m.topic, m."messageId", m."sendAt", m.now, m.now
       FROM jsonb_to_recordset($1::jsonb) AS m("clinicId" uuid, "patientId" uuid, "userId" uuid, channel text,
            address text, template text, params jsonb, "secretParams" jsonb, locale text, essential boolean,
            topic text, "messageId" text, "sendAt" timestamptz, now timestamptz)
     RETURNING id, send_at`,
    [JSON.stringify(messages)],
  );
  return rows;
}

export async function topicUsed(db: Queryable, clinicId: string, topic: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM messages WHERE clinic_id = $1 AND topic = $2 LIMIT 1', [
    clinicId,
    topic,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Withdraws the messages of a topic not yet being sent; returns their ids (their jobs are removed too). */
export async function withdrawTopic(
  db: Queryable,
  clinicId: string,
  topic: string,
  reason: string,
  now: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE messages SET status = 'withdrawn', withdrawn_reason = $3, secret_params = NULL, updated_at = $4
      WHERE clinic_id = $1 AND topic = $2 AND status IN ('scheduled', 'retrying') RETURNING id`,
    [clinicId, topic, reason, now],
  );
  return rows.map((r) => r.id);
}

/**
 * Claims a message for an attempt: counts it and marks it `sending` (committed before anything leaves, so a crash
 * mid-send is visible). A message already sent, failed or withdrawn is not claimed.
 */
export async function claimMessage(
  db: Queryable,
  clinicId: string,
  id: string,
  now: Date,
): Promise<MessageRow | undefined> {
  const { rows } = await db.query<MessageRow>(
    `UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = $3
      WHERE clinic_id = $1 AND id = $2 AND status IN ('scheduled', 'sending', 'retrying') RETURNING *`,
    [clinicId, id, now],
  );
  return rows[0];
}

export async function markSent(
  db: Queryable,
  clinicId: string,
  id: string,
  sent: { subject: string; body: string | null; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE messages SET status = 'sent', sent_at = $3, subject = $4, body = $5, secret_params = NULL, last_error = NULL,
            updated_at = $3
      WHERE clinic_id = $1 AND id = $2`,
    [clinicId, id, sent.at, sent.subject, sent.body],
  );
}

export async function markAttemptFailed(
  db: Queryable,
  clinicId: string,
  id: string,
  failure: { error: string; final: boolean; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE messages SET status = $3, last_error = $4, updated_at = $5,
            secret_params = CASE WHEN $3 = 'failed' THEN NULL ELSE secret_params END
      WHERE clinic_id = $1 AND id = $2`,
    [clinicId, id, failure.final ? 'failed' : 'retrying', failure.error.slice(0, 500), failure.at],
  );
}

export interface PatientRecipient {
  id: string;
  given_name: string;
  email: string | null;
  phone: string | null;
  preferred_language: 'en' | 'es';
  deceased: boolean;
  pref_email: boolean | null;
  pref_sms: boolean | null;
  pref_non_essential: boolean | null;
}

const recipientOf = `SELECT p.id, p.given_name, NULLIF(p.email, '') AS email, NULLIF(p.phone, '') AS phone,
    p.preferred_language, p.deceased, m.email AS pref_email, m.sms AS pref_sms, m.non_essential AS pref_non_essential
  FROM patients p LEFT JOIN message_preferences m ON m.patient_id = p.id AND m.clinic_id = p.clinic_id
  WHERE p.clinic_id = $1 AND p.id = $2`;

export async function patientRecipient(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<PatientRecipient | undefined> {
  const { rows } = await db.query<PatientRecipient>(recipientOf, [clinicId, patientId]);
  return rows[0];
}

/** `patientRecipient` as a part of another use case's one-statement read (`readTogether`). */
export function patientRecipientPart(
  clinicId: string,
  patientId: string,
): ReadPart<PatientRecipient | undefined> {
  return {
    sql: `SELECT to_json(r) FROM (${recipientOf}) r`,
    params: [clinicId, patientId],
    decode: (value) => (value as PatientRecipient | null) ?? undefined,
  };
}

export async function staffRecipient(
  db: Queryable,
  clinicId: string,
  userId: string,
): Promise<{ id: string; email: string; name: string } | undefined> {
  const { rows } = await db.query<{ id: string; email: string; name: string }>(
    'SELECT id, email, name FROM users WHERE clinic_id = $1 AND id = $2 AND active',
    [clinicId, userId],
  );
  return rows[0];
}

export interface PreferencesRow {
  patient_id: string;
  email: boolean;
  sms: boolean;
  non_essential: boolean;
  unsubscribe_token: string;
}

/** The patient's preferences, created with the defaults (and a fresh unsubscribe token) on first use. */
export async function ensurePreferences(
  db: Queryable,
  clinicId: string,
  patientId: string,
  token: string,
  now: Date,
): Promise<PreferencesRow> {
  await db.query(
    `INSERT INTO message_preferences (clinic_id, patient_id, unsubscribe_token, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (patient_id) DO NOTHING`,
    [clinicId, patientId, token, now],
  );
  const { rows } = await db.query<PreferencesRow>(
    `SELECT patient_id, email, sms, non_essential, unsubscribe_token FROM message_preferences
      WHERE clinic_id = $1 AND patient_id = $2`,
    [clinicId, patientId],
  );
  return rows[0]!;
}

export async function updatePreferences(
  db: Queryable,
  clinicId: string,
  patientId: string,
  p: { email: boolean; sms: boolean; nonEssential: boolean; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE message_preferences SET email = $3, sms = $4, non_essential = $5, updated_at = $6
      WHERE clinic_id = $1 AND patient_id = $2`,
    [clinicId, patientId, p.email, p.sms, p.nonEssential, p.now],
  );
}

/** One-click unsubscribe: the token names the patient (and so the clinic). */
export async function unsubscribeByToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ clinic_id: string; patient_id: string } | undefined> {
  const { rows } = await db.query<{ clinic_id: string; patient_id: string }>(
    `UPDATE message_preferences SET non_essential = false, updated_at = $2 WHERE unsubscribe_token = $1
     RETURNING clinic_id, patient_id`,
    [token, now],
  );
  return rows[0];
}

export async function preferencesByToken(
  db: Queryable,
  token: string,
): Promise<{ clinic_id: string; clinic_name: string; non_essential: boolean } | undefined> {
  const { rows } = await db.query<{ clinic_id: string; clinic_name: string; non_essential: boolean }>(
    `SELECT m.clinic_id, c.name AS clinic_name, m.non_essential FROM message_preferences m
       JOIN clinics c ON c.id = m.clinic_id WHERE m.unsubscribe_token = $1`,
    [token],
  );
  return rows[0];
}

export async function patientMessages(
  db: Queryable,
  clinicId: string,
  patientId: string,
  limit: number,
): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT * FROM messages WHERE clinic_id = $1 AND patient_id = $2 ORDER BY send_at DESC, created_at DESC LIMIT $3`,
    [clinicId, patientId, limit],
  );
  return rows;
}

export async function clinicMessages(
  db: Queryable,
  clinicId: string,
  status: MessageStatus | null,
  limit: number,
): Promise<(MessageRow & { recipient_name: string })[]> {
  const { rows } = await db.query<MessageRow & { recipient_name: string }>(
    `SELECT m.*, COALESCE(p.given_name || ' ' || p.family_name, u.name) AS recipient_name
       FROM messages m LEFT JOIN patients p ON p.id = m.patient_id LEFT JOIN users u ON u.id = m.user_id
      WHERE m.clinic_id = $1 AND ($2::text IS NULL OR m.status = $2)
      ORDER BY m.send_at DESC, m.created_at DESC LIMIT $3`,
    [clinicId, status, limit],
  );
  return rows;
}

export async function statusCounts(
  db: Queryable,
  clinicId: string,
): Promise<Partial<Record<MessageStatus, number>>> {
  const { rows } = await db.query<{ status: MessageStatus; count: number }>(
    'SELECT status, count(*)::int AS count FROM messages WHERE clinic_id = $1 GROUP BY status',
    [clinicId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

/** The portal inbox: what was delivered to the patient's portal channel. */
export async function inbox(
  db: Queryable,
  clinicId: string,
  patientId: string,
  limit: number,
): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT * FROM messages WHERE clinic_id = $1 AND patient_id = $2 AND channel = 'portal' AND status = 'sent'
      ORDER BY sent_at DESC LIMIT $3`,
    [clinicId, patientId, limit],
  );
  return rows;
}

export async function markRead(
  db: Queryable,
  clinicId: string,
  patientId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE messages SET read_at = COALESCE(read_at, $4), updated_at = $4
      WHERE clinic_id = $1 AND patient_id = $2 AND id = $3 AND channel = 'portal' AND status = 'sent'`,
    [clinicId, patientId, id, now],
  );
  return (rowCount ?? 0) > 0;
}

export async function catchMail(
  db: Queryable,
  m: {
    clinicId: string;
    messageId: string;
    address: string;
    subject: string;
    text: string;
    html: string;
    calendar: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO caught_mail (clinic_id, message_id, address, subject, text_body, html_body, calendar, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.clinicId, m.messageId, m.address, m.subject, m.text, m.html, m.calendar, m.at],
  );
}

export interface CaughtMailRow {
  id: string;
  message_id: string;
  address: string;
  subject: string;
  text_body: string;
  html_body: string;
  calendar: string | null;
  created_at: Date;
}

export async function caughtMail(db: Queryable, clinicId: string, limit: number): Promise<CaughtMailRow[]> {
  const { rows } = await db.query<CaughtMailRow>(
    `SELECT id, message_id, address, subject, text_body, html_body, calendar, created_at FROM caught_mail
      WHERE clinic_id = $1 ORDER BY created_at DESC LIMIT $2`,
    [clinicId, limit],
  );
  return rows;
}
