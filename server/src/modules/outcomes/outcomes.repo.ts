import type { OutcomeScoreDto } from '@needlepoint/core/contracts/outcomes';
import type { Timepoint } from '@needlepoint/core/outcomes/report';
import type { OutcomeSettings, ScaleId } from '@needlepoint/core/outcomes/scale.schema';
import type { Queryable } from '../../db/database';

export interface NewScore {
  patientId: string;
  planId: string;
  appointmentId: string | null;
  scaleId: ScaleId;
  scaleVersion: string;
  scoredBy: 'provider' | 'patient';
  direction: 'lower-is-better' | 'higher-is-better';
  timepoint: Timepoint;
  sessionNumber: number | null;
  values: Record<string, number>;
  total: number;
  band: { id: string; label: string } | null;
  parts: Record<string, number>;
  notes: string[];
  settingsVersion: number;
  recordedBy: string;
  scoredAt: string;
}

const scoreColumns = `s.id, s.plan_id, s.patient_id, s.scale_id, s.scale_version, s.scored_by, s.direction, s.timepoint,
  s.session_number, s.appointment_id, s.item_values, s.total, s.band, s.parts, s.notes, u.name AS recorded_by_name,
  s.scored_at`;

interface ScoreRow {
  id: string;
  plan_id: string;
  patient_id: string;
  scale_id: ScaleId;
  scale_version: string;
  scored_by: 'provider' | 'patient';
  direction: 'lower-is-better' | 'higher-is-better';
  timepoint: Timepoint;
  session_number: number | null;
  appointment_id: string | null;
  item_values: Record<string, number>;
  total: number;
  band: { id: string; label: string } | null;
  parts: Record<string, number>;
  notes: string[];
  recorded_by_name: string;
  scored_at: Date;
}

function toDto(r: ScoreRow): OutcomeScoreDto {
  return {
    id: r.id,
    planId: r.plan_id,
    patientId: r.patient_id,
    scaleId: r.scale_id,
    scaleVersion: r.scale_version,
    scoredBy: r.scored_by,
    direction: r.direction,
    timepoint: r.timepoint,
    sessionNumber: r.session_number,
    appointmentId: r.appointment_id,
    values: r.item_values,
    total: r.total,
    band: r.band,
    parts: r.parts,
    notes: r.notes,
    recordedByName: r.recorded_by_name,
    scoredAt: r.scored_at.toISOString(),
  };
}

export async function insertScore(db: Queryable, clinicId: string, s: NewScore): Promise<OutcomeScoreDto> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO outcome_scores (clinic_id, patient_id, plan_id, appointment_id, scale_id, scale_version, scored_by,
       direction, timepoint, session_number, item_values, total, band, parts, notes, settings_version, recorded_by, scored_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      clinicId,
      s.patientId,
      s.planId,
      s.appointmentId,
      s.scaleId,
      s.scaleVersion,
      s.scoredBy,
      s.direction,
      s.timepoint,
      s.sessionNumber,
      JSON.stringify(s.values),
      s.total,
      s.band ? JSON.stringify(s.band) : null,
      JSON.stringify(s.parts),
      JSON.stringify(s.notes),
      s.settingsVersion,
      s.recordedBy,
      s.scoredAt,
    ],
  );
  return (await scoresOfPlans(db, clinicId, [s.planId])).find((x) => x.id === rows[0]!.id)!;
}

export async function scoresOfPlans(
  db: Queryable,
  clinicId: string,
  planIds: string[],
): Promise<OutcomeScoreDto[]> {
  const { rows } = await db.query<ScoreRow>(
    `SELECT ${scoreColumns} FROM outcome_scores s JOIN users u ON u.id = s.recorded_by
      WHERE s.clinic_id = $1 AND s.plan_id = ANY($2) ORDER BY s.scored_at, s.created_at`,
    [clinicId, planIds],
  );
  return rows.map(toDto);
}

export interface AppointmentRow {
  id: string;
  patient_id: string;
  plan_id: string | null;
  session_number: number | null;
  status: string;
}

/** The appointment a score is tied to (scheduling's table, read-only here). */
export async function findAppointment(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<AppointmentRow | undefined> {
  const { rows } = await db.query<AppointmentRow>(
    'SELECT id, patient_id, plan_id, session_number, status FROM appointments WHERE clinic_id = $1 AND id = $2',
    [clinicId, id],
  );
  return rows[0];
}

/** How many of the plan's sessions are done: decides the time point of a score the patient sends. */
export async function completedSessions(db: Queryable, clinicId: string, planId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointments WHERE clinic_id = $1 AND plan_id = $2 AND status = 'completed'`,
    [clinicId, planId],
  );
  return rows[0]!.n;
}

export async function clinicSettings(
  db: Queryable,
  clinicId: string,
): Promise<{ settings: OutcomeSettings; version: number } | undefined> {
  const { rows } = await db.query<{ settings: OutcomeSettings; version: number }>(
    'SELECT settings, version FROM clinic_outcome_settings WHERE clinic_id = $1',
    [clinicId],
  );
  return rows[0];
}

export async function saveSettings(
  db: Queryable,
  clinicId: string,
  settings: OutcomeSettings,
  userId: string,
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO clinic_outcome_settings (clinic_id, settings, version, updated_by) VALUES ($1, $2, 1, $3)
     ON CONFLICT (clinic_id) DO UPDATE SET settings = EXCLUDED.settings, version = clinic_outcome_settings.version + 1,
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING version`,
    [clinicId, JSON.stringify(settings), userId],
  );
  return rows[0]!.version;
}

export interface ReportScoreRow {
  plan_id: string;
  scale_id: ScaleId;
  timepoint: Timepoint;
  scored_at: Date;
  total: number;
  indication: string;
  adjuncts: string[];
  fitzpatrick: number | null;
  provider: string | null;
}

/**
 * Every score of the clinic with what the report groups by: the plan's indication and adjuncts, the patient's
 * Fitzpatrick type, and the treating provider (of the plan's latest completed session; else whoever recorded the
 * plan's latest provider score).
 */
export async function reportScores(db: Queryable, clinicId: string): Promise<ReportScoreRow[]> {
  const { rows } = await db.query<ReportScoreRow>(
    `SELECT s.plan_id, s.scale_id, s.timepoint, s.scored_at, s.total,
            tp.plan->>'indication' AS indication,
            COALESCE(ARRAY(SELECT jsonb_array_elements_text(tp.plan->'adjuncts')), '{}') AS adjuncts,
            p.fitzpatrick,
            COALESCE(
              (SELECT u.name FROM appointments a JOIN users u ON u.id = a.provider_id
                WHERE a.clinic_id = s.clinic_id AND a.plan_id = s.plan_id AND a.status = 'completed'
                ORDER BY a.starts_at DESC LIMIT 1),
              (SELECT u.name FROM outcome_scores o JOIN users u ON u.id = o.recorded_by
                WHERE o.clinic_id = s.clinic_id AND o.plan_id = s.plan_id AND o.scored_by = 'provider'
                ORDER BY o.scored_at DESC LIMIT 1)
            ) AS provider
       FROM outcome_scores s
       JOIN treatment_plans tp ON tp.id = s.plan_id AND tp.clinic_id = s.clinic_id
       JOIN patients p ON p.id = s.patient_id AND p.clinic_id = s.clinic_id
      WHERE s.clinic_id = $1
      ORDER BY s.plan_id, s.scale_id, s.scored_at`,
    [clinicId],
  );
  return rows;
}
