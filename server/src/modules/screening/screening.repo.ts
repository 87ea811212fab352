import type { ScreeningSettingOverrides } from '@needlepoint/core/knowledge/settings';
import type { DecisionKind } from '@needlepoint/core/screening/clearance';
import type { Finding } from '@needlepoint/core/screening/evaluate';
import type { Verdict } from '@needlepoint/core/screening/verdict';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

export interface ScreeningRow {
  id: string;
  patient_id: string;
  appointment_id: string | null;
  trigger: 'manual' | 'intake' | 'booking' | 'pre-session';
  as_of: string;
  areas: string[];
  modality: string;
  verdict: Verdict;
  findings: Finding[];
  knowledge_version: string;
  settings_version: number;
  record_version: number;
  changes: {
    previousId: string;
    previousVerdict: Verdict;
    previousAt: string;
    added: string[];
    resolved: string[];
  } | null;
  run_by: string | null;
  run_by_name: string | null;
  created_at: Date;
}

export interface DecisionRow {
  id: string;
  screening_id: string;
  rule_id: string;
  finding_code: string;
  decision: DecisionKind;
  reason: string;
  until: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date;
}

const screeningColumns = `s.id, s.patient_id, s.appointment_id, s.trigger, s.as_of, s.areas, s.modality, s.verdict, s.findings,
  s.knowledge_version, s.settings_version, s.record_version, s.changes, s.run_by, u.name AS run_by_name, s.created_at`;

export async function insertScreening(
  db: Queryable,
  s: {
    clinicId: string;
    patientId: string;
    appointmentId: string | null;
    trigger: ScreeningRow['trigger'];
    asOf: string;
    areas: string[];
    modality: string;
    verdict: Verdict;
    findings: Finding[];
    knowledgeVersion: string;
    settingsVersion: number;
    settings: unknown;
    recordVersion: number;
    changes: ScreeningRow['changes'];
    runBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO screenings (clinic_id, patient_id, appointment_id, trigger, as_of, areas, modality, verdict, findings,
       knowledge_version, settings_version, settings, record_version, changes, run_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      s.clinicId,
      s.patientId,
      s.appointmentId,
      s.trigger,
      s.asOf,
      s.areas,
      s.modality,
      s.verdict,
      JSON.stringify(s.findings),
      s.knowledgeVersion,
      s.settingsVersion,
      JSON.stringify(s.settings),
      s.recordVersion,
      s.changes ? JSON.stringify(s.changes) : null,
      s.runBy,
    ],
  );
  return rows[0]!.id;
}

export async function findScreening(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<ScreeningRow | undefined> {
  const { rows } = await db.query<ScreeningRow>(
    `SELECT ${screeningColumns} FROM screenings s LEFT JOIN users u ON u.id = s.run_by WHERE s.clinic_id = $1 AND s.id = $2`,
    [clinicId, id],
  );
  return rows[0];
}

/** A patient's screenings, newest first ($1 clinic, $2 patient). */
const screeningsOfPatient = `SELECT ${screeningColumns} FROM screenings s LEFT JOIN users u ON u.id = s.run_by
  WHERE s.clinic_id = $1 AND s.patient_id = $2 ORDER BY s.created_at DESC, s.id`;

export async function listScreenings(
  db: Queryable,
  clinicId: string,
  patientId: string,
  limit = 50,
): Promise<ScreeningRow[]> {
  const { rows } = await db.query<ScreeningRow>(`${screeningsOfPatient} LIMIT $3`, [
    clinicId,
    patientId,
    limit,
  ]);
  return rows;
}

/** The latest decision per rule for a patient ($1 clinic, $2 patient). */
const decisionsOfPatient = `SELECT DISTINCT ON (d.rule_id) d.id, d.screening_id, d.rule_id, d.finding_code, d.decision, d.reason,
    d.until, d.decided_by, u.name AS decided_by_name, d.decided_at
  FROM screening_decisions d LEFT JOIN users u ON u.id = d.decided_by
  WHERE d.clinic_id = $1 AND d.patient_id = $2 ORDER BY d.rule_id, d.decided_at DESC, d.id DESC`;

/** The latest decision per rule for a patient, as of now. */
export async function latestDecisions(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<Map<string, DecisionRow>> {
  const { rows } = await db.query<DecisionRow>(decisionsOfPatient, [clinicId, patientId]);
  return new Map(rows.map((r) => [r.rule_id, r]));
}

/** The latest decision per rule for each of several patients (one query for a whole work-list page). */
export async function latestDecisionsOf(
  db: Queryable,
  clinicId: string,
  patientIds: string[],
): Promise<Map<string, Map<string, DecisionRow>>> {
  const { rows } = await db.query<DecisionRow & { patient_id: string }>(
    `SELECT DISTINCT ON (d.patient_id, d.rule_id) d.patient_id, d.id, d.screening_id, d.rule_id, d.finding_code, d.decision,
            d.reason, d.until, d.decided_by, u.name AS decided_by_name, d.decided_at
       FROM screening_decisions d LEFT JOIN users u ON u.id = d.decided_by
      WHERE d.clinic_id = $1 AND d.patient_id = ANY($2::uuid[])
      ORDER BY d.patient_id, d.rule_id, d.decided_at DESC, d.id DESC`,
    [clinicId, patientIds],
  );
  const byPatient = new Map<string, Map<string, DecisionRow>>();
  for (const r of rows)
    byPatient.set(
      r.patient_id,
      (byPatient.get(r.patient_id) ?? new Map<string, DecisionRow>()).set(r.rule_id, r),
    );
  return byPatient;
}

export async function insertDecision(
  db: Queryable,
  d: {
    clinicId: string;
    patientId: string;
    screeningId: string;
    ruleId: string;
    findingCode: string;
    decision: DecisionKind;
    reason: string;
    until: string | null;
    decidedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO screening_decisions (clinic_id, patient_id, screening_id, rule_id, finding_code, decision, reason, until, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      d.clinicId,
      d.patientId,
      d.screeningId,
      d.ruleId,
      d.findingCode,
      d.decision,
      d.reason,
      d.until,
      d.decidedBy,
    ],
  );
  return rows[0]!.id;
}

export interface SettingsRow {
  version: number;
  overrides: ScreeningSettingOverrides;
  reason: string;
  changed_by_name: string | null;
  created_at: Date;
}

/** The clinic's latest settings version ($1 clinic). */
const latestSettingsOf = `SELECT s.version, s.overrides, s.reason, u.name AS changed_by_name, s.created_at
  FROM clinic_screening_settings s LEFT JOIN users u ON u.id = s.changed_by
  WHERE s.clinic_id = $1 ORDER BY s.version DESC LIMIT 1`;

export async function latestSettings(db: Queryable, clinicId: string): Promise<SettingsRow | undefined> {
  const { rows } = await db.query<SettingsRow>(latestSettingsOf, [clinicId]);
  return rows[0];
}

/** `latestSettings` as a part of a one-statement read (`readTogether`). */
export function latestSettingsPart(clinicId: string): ReadPart<SettingsRow | undefined> {
  return {
    sql: `SELECT to_json(x) FROM (${latestSettingsOf}) x`,
    params: [clinicId],
    decode: (value) => settingsFromJson(value as SettingsRow | null),
  };
}

function settingsFromJson(v: SettingsRow | null): SettingsRow | undefined {
  return v ? { ...v, created_at: new Date(v.created_at) } : undefined;
}

export async function insertSettings(
  db: Queryable,
  s: {
    clinicId: string;
    version: number;
    overrides: ScreeningSettingOverrides;
    reason: string;
    changedBy: string;
  },
): Promise<void> {
  await db.query(
    'INSERT INTO clinic_screening_settings (clinic_id, version, overrides, reason, changed_by) VALUES ($1, $2, $3, $4, $5)',
    [s.clinicId, s.version, JSON.stringify(s.overrides), s.reason, s.changedBy],
  );
}

type FlaggedRow = ScreeningRow & {
  patient_name: string;
  birth_date: string;
  latest: boolean;
  archived: boolean;
};

/**
 * A page of the work list's candidates: the clinic's screenings that found something, newest first, after the
 * screening `after` (the last one of the previous page), each marked `latest` when no newer screening of the
 * patient exists and `archived` when the patient is. The page is cut from the flagged screenings' index first
 * (`limit` rows), then each row probes the patient's newer screenings (one index probe): its cost follows the
 * page, not the clinic's history.
 */
export async function flaggedScreeningsPage(
  db: Queryable,
  clinicId: string,
  page: { after: string | null; limit: number },
): Promise<FlaggedRow[]> {
  const { rows } = await db.query<FlaggedRow>(
    `WITH after AS (SELECT created_at FROM screenings WHERE clinic_id = $1 AND id = $3),
     page AS MATERIALIZED (
       SELECT s.id FROM screenings s
        WHERE s.clinic_id = $1 AND s.findings <> '[]'::jsonb
          AND ($3::uuid IS NULL OR s.created_at <= (SELECT created_at FROM after))
          AND ($3::uuid IS NULL OR s.created_at < (SELECT created_at FROM after) OR s.id > $3)
        ORDER BY s.created_at DESC, s.id LIMIT $2)
     SELECT ${screeningColumns}, p.given_name || ' ' || p.family_name AS patient_name, p.birth_date,
            p.archived_at IS NOT NULL AS archived,
            NOT EXISTS (SELECT 1 FROM screenings n WHERE n.clinic_id = s.clinic_id AND n.patient_id = s.patient_id
                         AND (n.created_at > s.created_at OR (n.created_at = s.created_at AND n.id < s.id))) AS latest
       FROM page JOIN screenings s ON s.clinic_id = $1 AND s.id = page.id
       JOIN patients p ON p.id = s.patient_id AND p.clinic_id = s.clinic_id
       LEFT JOIN users u ON u.id = s.run_by
      ORDER BY s.created_at DESC, s.id`,
    [clinicId, page.limit, page.after],
  );
  return rows;
}

/** One settings change at a time per clinic, until the transaction ends. */
export async function lockSettings(db: Queryable, clinicId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('screening-settings:' || $1))", [clinicId]);
}

/** What screening a patient again starts from: the clinic's settings, the patient's latest screening and decisions. */
export interface ScreeningStart {
  settings: SettingsRow | undefined;
  previous: ScreeningRow | undefined;
  decisions: Map<string, DecisionRow>;
}

/** `latestSettings`, the latest of `listScreenings` and `latestDecisions` as a part of a one-statement read. */
export function screeningStartPart(clinicId: string, patientId: string): ReadPart<ScreeningStart> {
  return {
    sql: `SELECT json_build_object(
            'settings', (SELECT to_json(x) FROM (${latestSettingsOf}) x),
            'previous', (SELECT to_json(x) FROM (${screeningsOfPatient} LIMIT 1) x),
            'decisions', COALESCE((SELECT json_agg(x) FROM (${decisionsOfPatient}) x), '[]'))`,
    params: [clinicId, patientId],
    decode: (value) => {
      const v = value as {
        settings: SettingsRow | null;
        previous: ScreeningRow | null;
        decisions: DecisionRow[];
      };
      return {
        settings: settingsFromJson(v.settings),
        previous: v.previous ? { ...v.previous, created_at: new Date(v.previous.created_at) } : undefined,
        decisions: new Map(v.decisions.map((d) => [d.rule_id, { ...d, decided_at: new Date(d.decided_at) }])),
      };
    },
  };
}
