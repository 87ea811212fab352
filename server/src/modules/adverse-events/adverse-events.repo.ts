import type { Queryable } from '../../db/database';

export interface EventRow {
  id: string;
  patient_id: string;
  patient_name: string;
  birth_date: string | null;
  sex: string | null;
  fitzpatrick: number | null;
  treatment_record_id: string | null;
  check_in_id: string | null;
  type: string;
  description: string;
  onset_on: string;
  seriousness: string[];
  device_id: string | null;
  device_name: string | null;
  device_model: string | null;
  device_serial: string | null;
  lots: string[];
  actions: string;
  outcome: string;
  follow_ups: { at: string; note: string; byName: string }[];
  reported_by_name: string;
  reported_by_email: string | null;
  version: number;
  created_at: Date;
}

const eventSelect = `SELECT e.id, e.patient_id, p.given_name || ' ' || p.family_name AS patient_name, p.birth_date, p.sex,
    p.fitzpatrick, e.treatment_record_id, e.check_in_id, e.type, e.description, e.onset_on, e.seriousness, e.device_id, d.name AS device_name,
    d.model AS device_model, d.serial_number AS device_serial, e.lots, e.actions, e.outcome, e.follow_ups,
    u.name AS reported_by_name, u.email AS reported_by_email, e.version, e.created_at
  FROM adverse_events e JOIN patients p ON p.id = e.patient_id JOIN users u ON u.id = e.reported_by
  LEFT JOIN devices d ON d.id = e.device_id`;

export async function listEvents(
  db: Queryable,
  clinicId: string,
  patientId: string | null,
): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow>(
    `${eventSelect} WHERE e.clinic_id = $1 AND ($2::uuid IS NULL OR e.patient_id = $2) ORDER BY e.onset_on DESC, e.created_at DESC`,
    [clinicId, patientId],
  );
  return rows;
}

export async function findEvent(
  db: Queryable,
  clinicId: string,
  id: string,
  lock = false,
): Promise<EventRow | undefined> {
  const { rows } = await db.query<EventRow>(
    `${eventSelect} WHERE e.clinic_id = $1 AND e.id = $2${lock ? ' FOR UPDATE OF e' : ''}`,
    [clinicId, id],
  );
  return rows[0];
}

export interface RecordFacts {
  id: string;
  patient_id: string;
  device_id: string | null;
  lots: string[];
}

export async function recordFacts(
  db: Queryable,
  clinicId: string,
  recordId: string,
): Promise<RecordFacts | undefined> {
  const { rows } = await db.query<RecordFacts>(
    `SELECT r.id, r.patient_id, NULLIF(r.draft->>'deviceId', '')::uuid AS device_id,
        COALESCE((SELECT array_agg(tl.lot ORDER BY tl.lot) FROM treatment_record_lots tl WHERE tl.record_id = r.id), '{}') AS lots
       FROM treatment_records r WHERE r.clinic_id = $1 AND r.id = $2`,
    [clinicId, recordId],
  );
  return rows[0];
}

export interface CheckInFacts {
  id: string;
  patient_id: string;
  /** The treatment record of the session the check-in follows, if it was charted. */
  record_id: string | null;
}

export async function checkInFacts(
  db: Queryable,
  clinicId: string,
  checkInId: string,
): Promise<CheckInFacts | undefined> {
  const { rows } = await db.query<CheckInFacts>(
    `SELECT c.id, c.patient_id,
        (SELECT r.id FROM treatment_records r WHERE r.clinic_id = c.clinic_id AND r.appointment_id = c.appointment_id) AS record_id
       FROM aftercare_check_ins c WHERE c.clinic_id = $1 AND c.id = $2`,
    [clinicId, checkInId],
  );
  return rows[0];
}

export async function patientTreated(db: Queryable, clinicId: string, patientId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM treatment_records WHERE clinic_id = $1 AND patient_id = $2 LIMIT 1',
    [clinicId, patientId],
  );
  return (rowCount ?? 0) > 0;
}

export interface NewEvent {
  patientId: string;
  treatmentRecordId: string | null;
  checkInId: string | null;
  type: string;
  description: string;
  onsetOn: string;
  seriousness: string[];
  deviceId: string | null;
  lots: string[];
  actions: string;
  outcome: string;
  reportedBy: string;
}

export async function insertEvent(db: Queryable, clinicId: string, e: NewEvent): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO adverse_events (clinic_id, patient_id, treatment_record_id, type, description, onset_on, seriousness, device_id,
       lots, actions, outcome, reported_by, check_in_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      clinicId,
      e.patientId,
      e.treatmentRecordId,
      e.type,
      e.description,
      e.onsetOn,
      e.seriousness,
      e.deviceId,
      e.lots,
      e.actions,
      e.outcome,
      e.reportedBy,
      e.checkInId,
    ],
  );
  return rows[0]!.id;
}

export async function updateEvent(
  db: Queryable,
  clinicId: string,
  id: string,
  expectedVersion: number,
  change: { actions: string; outcome: string; seriousness: string[]; followUps: EventRow['follow_ups'] },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE adverse_events SET actions = $4, outcome = $5, seriousness = $6, follow_ups = $7, version = version + 1, updated_at = now()
      WHERE clinic_id = $1 AND id = $2 AND version = $3`,
    [
      clinicId,
      id,
      expectedVersion,
      change.actions,
      change.outcome,
      change.seriousness,
      JSON.stringify(change.followUps),
    ],
  );
  return (rowCount ?? 0) > 0;
}

export interface GroupCount {
  key: string;
  label: string;
  n: number;
}

/** Signed sessions and adverse events, each counted per group, for the rates report. */
export async function reportCounts(db: Queryable, clinicId: string) {
  const q = async (sql: string) => (await db.query<GroupCount>(sql, [clinicId])).rows;
  const signed = `treatment_records r WHERE r.clinic_id = $1 AND r.status = 'signed'`;
  const [sessions] = await q(`SELECT 'all' AS key, 'all' AS label, count(*)::int AS n FROM ${signed}`);
  const [events] = await q(
    `SELECT 'all' AS key, 'all' AS label, count(*)::int AS n FROM adverse_events e WHERE e.clinic_id = $1`,
  );
  return {
    sessions: sessions?.n ?? 0,
    events: events?.n ?? 0,
    byType: {
      events: await q(
        `SELECT e.type AS key, e.type AS label, count(*)::int AS n FROM adverse_events e WHERE e.clinic_id = $1 GROUP BY e.type`,
      ),
    },
    byDevice: {
      sessions: await q(
        `SELECT COALESCE(r.draft->>'deviceId', 'none') AS key, COALESCE(d.name, 'No device') AS label, count(*)::int AS n
           FROM treatment_records r LEFT JOIN devices d ON d.id = NULLIF(r.draft->>'deviceId', '')::uuid
          WHERE r.clinic_id = $1 AND r.status = 'signed' GROUP BY 1, 2`,
      ),
      events: await q(
        `SELECT COALESCE(e.device_id::text, 'none') AS key, COALESCE(d.name, 'No device') AS label, count(*)::int AS n
           FROM adverse_events e LEFT JOIN devices d ON d.id = e.device_id WHERE e.clinic_id = $1 GROUP BY 1, 2`,
      ),
    },
    byLot: {
      sessions: await q(
        `SELECT upper(tl.lot) AS key, tl.lot AS label, count(DISTINCT tl.record_id)::int AS n FROM treatment_record_lots tl
           JOIN treatment_records r ON r.id = tl.record_id WHERE tl.clinic_id = $1 AND r.status = 'signed' GROUP BY 1, 2`,
      ),
      events: await q(
        `SELECT upper(l) AS key, l AS label, count(*)::int AS n FROM adverse_events e, unnest(e.lots) AS l WHERE e.clinic_id = $1 GROUP BY 1, 2`,
      ),
    },
    byProvider: {
      sessions: await q(
        `SELECT r.provider_id::text AS key, u.name AS label, count(*)::int AS n FROM treatment_records r JOIN users u ON u.id = r.provider_id
          WHERE r.clinic_id = $1 AND r.status = 'signed' GROUP BY 1, 2`,
      ),
      events: await q(
        `SELECT COALESCE(r.provider_id::text, 'unlinked') AS key, COALESCE(u.name, 'Not linked to a session') AS label, count(*)::int AS n
           FROM adverse_events e LEFT JOIN treatment_records r ON r.id = e.treatment_record_id LEFT JOIN users u ON u.id = r.provider_id
          WHERE e.clinic_id = $1 GROUP BY 1, 2`,
      ),
    },
    byFitzpatrick: {
      sessions: await q(
        `SELECT COALESCE(p.fitzpatrick::text, 'unknown') AS key, COALESCE(p.fitzpatrick::text, 'unknown') AS label, count(*)::int AS n
           FROM treatment_records r JOIN patients p ON p.id = r.patient_id WHERE r.clinic_id = $1 AND r.status = 'signed' GROUP BY 1, 2`,
      ),
      events: await q(
        `SELECT COALESCE(p.fitzpatrick::text, 'unknown') AS key, COALESCE(p.fitzpatrick::text, 'unknown') AS label, count(*)::int AS n
           FROM adverse_events e JOIN patients p ON p.id = e.patient_id WHERE e.clinic_id = $1 GROUP BY 1, 2`,
      ),
    },
  };
}

export async function userName(db: Queryable, clinicId: string, userId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    'SELECT name FROM users WHERE clinic_id = $1 AND id = $2',
    [clinicId, userId],
  );
  return rows[0]?.name ?? '';
}

export async function patientExists(db: Queryable, clinicId: string, patientId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM patients WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    patientId,
  ]);
  return (rowCount ?? 0) > 0;
}
