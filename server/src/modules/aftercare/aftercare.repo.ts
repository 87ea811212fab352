import type { CheckInAnswers } from '@needlepoint/core/aftercare/check-in';
import type { TriageResult } from '@needlepoint/core/aftercare/triage.schema';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

/** SQL of the aftercare module. Every query takes the clinic. */

export interface SettingsRow {
  prompt_days: number[];
  on_call_provider_id: string | null;
  missed_after_hours: number;
  timeline: Record<string, number>;
}

export const defaultSettings: SettingsRow = {
  prompt_days: [1, 3, 7],
  on_call_provider_id: null,
  missed_after_hours: 24,
  timeline: {},
};

const settingsOf =
  'SELECT prompt_days, on_call_provider_id, missed_after_hours, timeline FROM aftercare_settings WHERE clinic_id = $1';

export async function findSettings(db: Queryable, clinicId: string): Promise<SettingsRow> {
  const { rows } = await db.query<SettingsRow>(settingsOf, [clinicId]);
  return rows[0] ?? defaultSettings;
}

/** `findSettings` as a part of another use case's one-statement read (`readTogether`). */
export function settingsPart(clinicId: string): ReadPart<SettingsRow> {
  return {
    sql: `SELECT to_json(s) FROM (${settingsOf}) s`,
    params: [clinicId],
    decode: (value) => (value as SettingsRow | null) ?? defaultSettings,
  };
}

export async function saveSettings(db: Queryable, clinicId: string, s: SettingsRow): Promise<void> {
  await db.query(
    `INSERT INTO aftercare_settings (clinic_id, prompt_days, on_call_provider_id, missed_after_hours, timeline)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (clinic_id) DO UPDATE SET prompt_days = $2, on_call_provider_id = $3, missed_after_hours = $4,
       timeline = $5, updated_at = now()`,
    [clinicId, s.prompt_days, s.on_call_provider_id, s.missed_after_hours, JSON.stringify(s.timeline)],
  );
}

export async function isActiveProvider(db: Queryable, clinicId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM users WHERE clinic_id = $1 AND id = $2 AND role = 'provider' AND active`,
    [clinicId, userId],
  );
  return rows.length > 0;
}

export interface TreatmentRow {
  id: string;
  patient_id: string;
  provider_id: string;
  service: string;
  starts_at: Date;
}

/** A completed session of the patient: the given one, or the latest. */
export async function findTreatment(
  db: Queryable,
  clinicId: string,
  patientId: string,
  appointmentId?: string,
): Promise<TreatmentRow | undefined> {
  const { rows } = await db.query<TreatmentRow>(
    `SELECT id, patient_id, provider_id, service, starts_at FROM appointments
      WHERE clinic_id = $1 AND patient_id = $2 AND status = 'completed' AND ($3::uuid IS NULL OR id = $3)
      ORDER BY starts_at DESC LIMIT 1`,
    [clinicId, patientId, appointmentId ?? null],
  );
  return rows[0];
}

export async function insertPrompts(
  db: Queryable,
  clinicId: string,
  t: { patientId: string; appointmentId: string },
  prompts: { day: number; dueAt: Date }[],
): Promise<{ id: string; day: number; due_at: Date }[]> {
  if (prompts.length === 0) return [];
  const { rows } = await db.query<{ id: string; day: number; due_at: Date }>(
    `INSERT INTO aftercare_prompts (clinic_id, patient_id, appointment_id, day, due_at)
     SELECT $1, $2, $3, d, at FROM unnest($4::int[], $5::timestamptz[]) AS p(d, at)
     ON CONFLICT (appointment_id, day) DO NOTHING RETURNING id, day, due_at`,
    [clinicId, t.patientId, t.appointmentId, prompts.map((p) => p.day), prompts.map((p) => p.dueAt)],
  );
  return rows;
}

export interface PromptRow {
  id: string;
  patient_id: string;
  appointment_id: string;
  day: number;
  due_at: Date;
  status: 'scheduled' | 'sent' | 'answered';
  email: string | null;
  given_name: string;
}

export async function findPrompt(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<PromptRow | undefined> {
  const { rows } = await db.query<PromptRow>(
    `SELECT q.id, q.patient_id, q.appointment_id, q.day, q.due_at, q.status, p.email, p.given_name
       FROM aftercare_prompts q JOIN patients p ON p.id = q.patient_id
      WHERE q.clinic_id = $1 AND q.id = $2`,
    [clinicId, id],
  );
  return rows[0];
}

export async function markPromptSent(db: Queryable, clinicId: string, id: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE aftercare_prompts SET status = 'sent', sent_at = $3 WHERE clinic_id = $1 AND id = $2 AND status = 'scheduled'`,
    [clinicId, id, at],
  );
}

/** The prompt the patient is asked to answer now: due, not answered, latest first. */
export async function duePrompt(
  db: Queryable,
  clinicId: string,
  patientId: string,
  now: Date,
): Promise<PromptRow | undefined> {
  const { rows } = await db.query<PromptRow>(
    `SELECT q.id, q.patient_id, q.appointment_id, q.day, q.due_at, q.status, NULL AS email, '' AS given_name
       FROM aftercare_prompts q
      WHERE q.clinic_id = $1 AND q.patient_id = $2 AND q.status <> 'answered' AND q.due_at <= $3
      ORDER BY q.due_at DESC LIMIT 1`,
    [clinicId, patientId, now],
  );
  return rows[0];
}

/** A check-in answers every open prompt of the session due by `upTo` (a late answer clears a missed one). */
export async function answerPrompts(
  db: Queryable,
  clinicId: string,
  appointmentId: string,
  checkInId: string,
  upTo: Date,
): Promise<void> {
  await db.query(
    `UPDATE aftercare_prompts SET status = 'answered', check_in_id = $3
      WHERE clinic_id = $1 AND appointment_id = $2 AND status <> 'answered' AND due_at <= $4`,
    [clinicId, appointmentId, checkInId, upTo],
  );
}

export interface CheckInRow {
  id: string;
  patient_id: string;
  appointment_id: string;
  treatment_starts_at: Date;
  service: string;
  days_since_treatment: number;
  answers: CheckInAnswers;
  triage: TriageResult;
  submitted_at: Date;
  review_status: 'open' | 'reviewed' | 'contacted';
  patient_name: string;
  actions: { action: 'reviewed' | 'contacted'; note: string; byName: string; at: string }[];
}

const checkInSelect = `
  SELECT c.id, c.patient_id, c.appointment_id, a.starts_at AS treatment_starts_at, a.service,
         c.days_since_treatment, c.answers, c.triage, c.submitted_at, c.review_status,
         p.given_name || ' ' || p.family_name AS patient_name,
         COALESCE((SELECT json_agg(json_build_object('action', x.action, 'note', x.note, 'byName', u.name,
                     'at', to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY x.created_at)
                     FROM aftercare_check_in_actions x JOIN users u ON u.id = x.user_id
                    WHERE x.clinic_id = c.clinic_id AND x.check_in_id = c.id), '[]') AS actions
    FROM aftercare_check_ins c
    JOIN appointments a ON a.id = c.appointment_id
    JOIN patients p ON p.id = c.patient_id`;

export async function insertCheckIn(
  db: Queryable,
  clinicId: string,
  c: {
    patientId: string;
    appointmentId: string;
    day: number;
    answers: CheckInAnswers;
    triage: TriageResult;
    urgencyRank: number;
    submittedBy: string;
    at: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO aftercare_check_ins (clinic_id, patient_id, appointment_id, days_since_treatment, answers, urgency,
       urgency_rank, triage, rules_version, submitted_by, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      clinicId,
      c.patientId,
      c.appointmentId,
      c.day,
      JSON.stringify(c.answers),
      c.triage.urgency,
      c.urgencyRank,
      JSON.stringify(c.triage),
      c.triage.rulesVersion,
      c.submittedBy,
      c.at,
    ],
  );
  return rows[0]!.id;
}

export async function findCheckIn(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<CheckInRow | undefined> {
  const { rows } = await db.query<CheckInRow>(`${checkInSelect} WHERE c.clinic_id = $1 AND c.id = $2`, [
    clinicId,
    id,
  ]);
  return rows[0];
}

export async function patientCheckIns(
  db: Queryable,
  clinicId: string,
  patientId: string,
  limit: number,
): Promise<CheckInRow[]> {
  const { rows } = await db.query<CheckInRow>(
    `${checkInSelect} WHERE c.clinic_id = $1 AND c.patient_id = $2 ORDER BY c.submitted_at DESC LIMIT $3`,
    [clinicId, patientId, limit],
  );
  return rows;
}

/** The triage queue: most urgent first, then oldest first within an urgency. */
export async function queueCheckIns(
  db: Queryable,
  clinicId: string,
  onlyOpen: boolean,
  limit: number,
): Promise<CheckInRow[]> {
  const { rows } = await db.query<CheckInRow>(
    `${checkInSelect} WHERE c.clinic_id = $1 AND ($2::boolean = false OR c.review_status = 'open')
      ORDER BY c.urgency_rank DESC, c.submitted_at ASC LIMIT $3`,
    [clinicId, onlyOpen, limit],
  );
  return rows;
}

export async function lockCheckIn(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<{ patient_id: string; urgency: string } | undefined> {
  const { rows } = await db.query<{ patient_id: string; urgency: string }>(
    'SELECT patient_id, urgency FROM aftercare_check_ins WHERE clinic_id = $1 AND id = $2 FOR UPDATE',
    [clinicId, id],
  );
  return rows[0];
}

export async function addAction(
  db: Queryable,
  clinicId: string,
  a: { checkInId: string; action: 'reviewed' | 'contacted'; note: string; userId: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO aftercare_check_in_actions (clinic_id, check_in_id, action, note, user_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [clinicId, a.checkInId, a.action, a.note, a.userId, a.at],
  );
  await db.query('UPDATE aftercare_check_ins SET review_status = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    a.checkInId,
    a.action,
  ]);
}

export interface MissedRow {
  id: string;
  patient_id: string;
  patient_name: string;
  appointment_id: string;
  treatment_starts_at: Date;
  day: number;
  due_at: Date;
}

/** Prompts asked for and not answered within the clinic's window. */
export async function missedPrompts(
  db: Queryable,
  clinicId: string,
  now: Date,
  hours: number,
): Promise<MissedRow[]> {
  const { rows } = await db.query<MissedRow>(
    `SELECT q.id, q.patient_id, p.given_name || ' ' || p.family_name AS patient_name, q.appointment_id,
            a.starts_at AS treatment_starts_at, q.day, q.due_at
       FROM aftercare_prompts q JOIN patients p ON p.id = q.patient_id JOIN appointments a ON a.id = q.appointment_id
      WHERE q.clinic_id = $1 AND q.status <> 'answered' AND q.due_at + make_interval(hours => $3) < $2
      ORDER BY q.due_at ASC`,
    [clinicId, now, hours],
  );
  return rows;
}

export async function insertAlerts(
  db: Queryable,
  clinicId: string,
  checkInId: string,
  userIds: string[],
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO aftercare_alerts (clinic_id, user_id, check_in_id, created_at) SELECT $1, u, $2, $4 FROM unnest($3::uuid[]) u`,
    [clinicId, checkInId, userIds, at],
  );
}

export interface AlertRow {
  id: string;
  check_in_id: string;
  patient_id: string;
  patient_name: string;
  urgency: 'emergency' | 'same-day';
  triage: TriageResult;
  created_at: Date;
  acknowledged_at: Date | null;
}

export async function userAlerts(db: Queryable, clinicId: string, userId: string): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `SELECT l.id, l.check_in_id, c.patient_id, p.given_name || ' ' || p.family_name AS patient_name, c.urgency,
            c.triage, l.created_at, l.acknowledged_at
       FROM aftercare_alerts l JOIN aftercare_check_ins c ON c.id = l.check_in_id JOIN patients p ON p.id = c.patient_id
      WHERE l.clinic_id = $1 AND l.user_id = $2 ORDER BY l.acknowledged_at IS NULL DESC, l.created_at DESC LIMIT 50`,
    [clinicId, userId],
  );
  return rows;
}

export async function acknowledgeAlert(
  db: Queryable,
  clinicId: string,
  userId: string,
  id: string,
  at: Date,
): Promise<{ check_in_id: string; patient_id: string } | undefined> {
  const { rows } = await db.query<{ check_in_id: string; patient_id: string }>(
    `UPDATE aftercare_alerts l SET acknowledged_at = COALESCE(l.acknowledged_at, $4)
       FROM aftercare_check_ins c
      WHERE l.clinic_id = $1 AND l.user_id = $2 AND l.id = $3 AND c.id = l.check_in_id
      RETURNING l.check_in_id, c.patient_id`,
    [clinicId, userId, id, at],
  );
  return rows[0];
}

export async function alertedUserIds(db: Queryable, clinicId: string, checkInId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT l.user_id FROM aftercare_alerts l JOIN users u ON u.id = l.user_id
      WHERE l.clinic_id = $1 AND l.check_in_id = $2 AND u.active`,
    [clinicId, checkInId],
  );
  return rows.map((r) => r.user_id);
}

/** The session a timeline hangs from: the next booked one, else the latest completed one. */
export async function timelineSession(
  db: Queryable,
  clinicId: string,
  patientId: string,
  now: Date,
): Promise<{ id: string; starts_at: Date; status: 'booked' | 'completed' } | undefined> {
  const { rows } = await db.query<{ id: string; starts_at: Date; status: 'booked' | 'completed' }>(
    `(SELECT id, starts_at, status FROM appointments
       WHERE clinic_id = $1 AND patient_id = $2 AND status = 'booked' AND starts_at > $3 ORDER BY starts_at LIMIT 1)
     UNION ALL
     (SELECT id, starts_at, status FROM appointments
       WHERE clinic_id = $1 AND patient_id = $2 AND status = 'completed' ORDER BY starts_at DESC LIMIT 1)`,
    [clinicId, patientId, now],
  );
  return rows[0];
}
