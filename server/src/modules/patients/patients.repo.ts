import type { Queryable, Statement } from '../../db/database';
import type { ReadPart } from '../../db/read-together';
import type { Answers, EntryInput, ListsReviewed } from '@needlepoint/core/contracts/patients';

export interface PatientRow {
  id: string;
  clinic_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  email: string | null;
  phone: string | null;
  address: string;
  fitzpatrick: number | null;
  concerns: string[];
  notes: string;
  answers: Answers;
  lists_reviewed: ListsReviewed;
  version: number;
  merged_into: string | null;
  deceased: boolean;
  deceased_date: string | null;
  birth_sex: 'female' | 'male' | 'other' | 'unknown' | null;
  preferred_language: 'en' | 'es';
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EntryRow {
  id: string;
  kind: 'condition' | 'medication' | 'allergy' | 'procedure' | 'observation';
  system: string | null;
  code: string | null;
  codes: { system: string; code: string; display?: string }[];
  display: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  value: string | null;
  body_sites: string[];
  source: 'clinic' | 'intake' | 'import';
  start_partial: string | null;
  end_partial: string | null;
  review: string | null;
}

/**
 * Prefix search on name words, email, phone digits or an ISO birth date; always within one clinic.
 *
 * A name search reads at most `limit` rows from each index it can use (ADR 070): the first word's prefix is looked
 * up in the given-name, the family-name and the email index of the clinic, each walked in its own order
 * (`USING ~<~`, the order of its `text_pattern_ops`) and cut at `limit`, the other words filtering on the way;
 * the union is then sorted by name. Its cost follows `limit`, not how many patients of the clinic share the prefix.
 */
export async function searchPatients(
  db: Queryable,
  clinicId: string,
  q: string | undefined,
  includeArchived: boolean,
  limit: number,
): Promise<PatientRow[]> {
  const params: unknown[] = [clinicId, includeArchived, limit];
  const scope = 'clinic_id = $1 AND ($2 OR archived_at IS NULL)';
  const order = 'ORDER BY family_name, given_name, id LIMIT $3';
  const term = q?.trim().toLowerCase();
  if (!term) {
    const { rows } = await db.query<PatientRow>(`SELECT * FROM patients WHERE ${scope} ${order}`, params);
    return rows;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(term)) {
    params.push(term);
    const { rows } = await db.query<PatientRow>(
      `SELECT * FROM patients WHERE ${scope} AND birth_date = $4::date ${order}`,
      params,
    );
    return rows;
  }
  const words = term.split(/\s+/).filter(Boolean).slice(0, 3);
  const digits = term.replace(/\D/g, '');
  const wordParams = words.map((word) => {
    params.push(`${word.replace(/[%_\\]/g, '')}%`);
    return `$${params.length}`;
  });
  const matches = (p: string) =>
    `(lower(given_name) LIKE ${p} OR lower(family_name) LIKE ${p} OR lower(email) LIKE ${p})`;
  const rest = wordParams
    .slice(1)
    .map((p) => ` AND ${matches(p)}`)
    .join('');
  const branches = ['given_name', 'family_name', 'email'].map(
    (column) =>
      `(SELECT id FROM patients WHERE ${scope} AND lower(${column}) LIKE ${wordParams[0]}${rest}
         ORDER BY lower(${column}) USING ~<~ LIMIT $3)`,
  );
  if (digits.length >= 3) {
    params.push(`%${digits}%`);
    branches.push(
      `(SELECT id FROM patients WHERE ${scope}
           AND regexp_replace(coalesce(phone, ''), '\\D', '', 'g') LIKE $${params.length} LIMIT $3)`,
    );
  }
  const { rows } = await db.query<PatientRow>(
    `SELECT * FROM patients WHERE clinic_id = $1 AND id IN (${branches.join(' UNION ')}) ${order}`,
    params,
  );
  return rows;
}

export async function findPatient(
  db: Queryable,
  clinicId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PatientRow | undefined> {
  const { rows } = await db.query<PatientRow>(
    `SELECT * FROM patients WHERE clinic_id = $1 AND id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [clinicId, id],
  );
  return rows[0];
}

const entryColumns =
  'id, kind, system, code, codes, display, status, start_date, end_date, value, body_sites, source, start_partial, end_partial, review';

export async function listEntries(db: Queryable, clinicId: string, patientId: string): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `SELECT ${entryColumns} FROM patient_entries
      WHERE clinic_id = $1 AND patient_id = $2 ORDER BY kind, start_date DESC NULLS LAST, display`,
    [clinicId, patientId],
  );
  return rows;
}

/**
 * One patient's row and every entry of their record in one statement (one round trip, one snapshot); the entries
 * come in the record's order. Undefined when the clinic has no such patient.
 */
const entriesOfP = `COALESCE(
    (SELECT json_agg(e) FROM (SELECT ${entryColumns} FROM patient_entries
       WHERE clinic_id = $1 AND patient_id = $2 ORDER BY kind, start_date DESC NULLS LAST, display) e),
    '[]')`;

export async function findPatientWithEntries(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<{ patient: PatientRow; entries: EntryRow[] } | undefined> {
  const { rows } = await db.query<PatientRow & { entries: EntryRow[] }>(
    `SELECT p.*, ${entriesOfP} AS entries FROM patients p WHERE p.clinic_id = $1 AND p.id = $2`,
    [clinicId, id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { entries, ...patient } = row;
  return { patient, entries };
}

/** The columns of `PatientRow`, named (a prepared statement's answer keeps its shape when a column is added). */
const patientRowColumns = `p.id, p.clinic_id, p.given_name, p.family_name, p.birth_date, p.sex, p.email, p.phone, p.address,
  p.fitzpatrick, p.concerns, p.notes, p.answers, p.lists_reviewed, p.version, p.merged_into, p.deceased, p.deceased_date,
  p.birth_sex, p.preferred_language, p.archived_at, p.created_at, p.updated_at`;

/**
 * Several patients' rows, each with every entry of their record, in one prepared statement: `wanted[i]` is found
 * under `i + 1` when that clinic has that patient. `audit` may turn the statement into one that also appends the
 * reads' audit events (`auditedReads`).
 */
export async function findPatientsWithEntries(
  db: Queryable,
  wanted: readonly { clinicId: string; id: string }[],
  audit: (statement: Statement) => Statement = (statement) => statement,
): Promise<Map<number, { patient: PatientRow; entries: EntryRow[] }>> {
  const { rows } = await db.query<PatientRow & { n: number; entries: EntryRow[] }>(
    audit({
      name: 'patients-with-entries',
      text: `SELECT w.n, ${patientRowColumns}, COALESCE(
              (SELECT json_agg(e) FROM (SELECT ${entryColumns} FROM patient_entries pe
                 WHERE pe.clinic_id = p.clinic_id AND pe.patient_id = p.id
                 ORDER BY kind, start_date DESC NULLS LAST, display) e),
              '[]') AS entries
       FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS w (clinic_id, id, n)
       JOIN patients p ON p.clinic_id = w.clinic_id AND p.id = w.id`,
      values: [wanted.map((w) => w.clinicId), wanted.map((w) => w.id)],
    }),
  );
  return new Map(rows.map(({ n, entries, ...patient }) => [n, { patient, entries }]));
}

/** `findPatientWithEntries` as a part of another use case's one-statement read (`readTogether`). */
export function patientWithEntriesPart(
  clinicId: string,
  id: string,
): ReadPart<{ patient: PatientRow; entries: EntryRow[] } | undefined> {
  return {
    sql: `SELECT json_build_object('patient', to_json(p), 'entries', ${entriesOfP})
            FROM patients p WHERE p.clinic_id = $1 AND p.id = $2`,
    params: [clinicId, id],
    decode: (value) => {
      if (!value) return undefined;
      const { patient, entries } = value as { patient: PatientRow; entries: EntryRow[] };
      const at = (v: Date | string | null) => (v === null ? null : new Date(v));
      return {
        patient: {
          ...patient,
          archived_at: at(patient.archived_at),
          created_at: at(patient.created_at)!,
          updated_at: at(patient.updated_at)!,
        },
        entries,
      };
    },
  };
}

export async function findEntry(
  db: Queryable,
  clinicId: string,
  patientId: string,
  entryId: string,
): Promise<EntryRow | undefined> {
  const { rows } = await db.query<EntryRow>(
    `SELECT ${entryColumns} FROM patient_entries WHERE clinic_id = $1 AND patient_id = $2 AND id = $3`,
    [clinicId, patientId, entryId],
  );
  return rows[0];
}

/** Patients on file (not merged away) with this name, ignoring case, and birth date. */
export async function findSameNameAndBirthDate(
  db: Queryable,
  clinicId: string,
  p: { givenName: string; familyName: string; birthDate: string },
): Promise<PatientRow[]> {
  const { rows } = await db.query<PatientRow>(
    `SELECT * FROM patients
      WHERE clinic_id = $1 AND birth_date = $2 AND lower(given_name) = lower($3) AND lower(family_name) = lower($4)
        AND merged_into IS NULL
      ORDER BY created_at LIMIT 5`,
    [clinicId, p.birthDate, p.givenName.trim(), p.familyName.trim()],
  );
  return rows;
}

export async function insertPatient(
  db: Queryable,
  clinicId: string,
  p: {
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: string;
    email?: string | null;
    phone?: string | null;
  },
): Promise<PatientRow> {
  const { rows } = await db.query<PatientRow>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [clinicId, p.givenName, p.familyName, p.birthDate, p.sex, p.email ?? null, p.phone ?? null],
  );
  return rows[0]!;
}

/** The patient's language for the portal and their messages (their own choice in the portal). */
export async function updatePreferredLanguage(
  db: Queryable,
  clinicId: string,
  patientId: string,
  language: string,
): Promise<string | null> {
  const { rows } = await db.query<{ previous: string }>(
    `UPDATE patients p SET preferred_language = $3
       FROM (SELECT id, preferred_language AS previous FROM patients WHERE clinic_id = $1 AND id = $2 FOR UPDATE) old
      WHERE p.clinic_id = $1 AND p.id = old.id
      RETURNING old.previous`,
    [clinicId, patientId, language],
  );
  return rows[0]?.previous ?? null;
}

/** Column for each editable field of the record. */
export const patientColumns = {
  givenName: 'given_name',
  familyName: 'family_name',
  birthDate: 'birth_date',
  sex: 'sex',
  email: 'email',
  phone: 'phone',
  address: 'address',
  fitzpatrick: 'fitzpatrick',
  concerns: 'concerns',
  notes: 'notes',
  answers: 'answers',
  listsReviewed: 'lists_reviewed',
} as const;
export type PatientField = keyof typeof patientColumns;

/** Writes the given fields and bumps the version; returns the new row. */
export async function updatePatientFields(
  db: Queryable,
  clinicId: string,
  id: string,
  fields: Partial<Record<PatientField, unknown>>,
  extra: { archivedAt?: Date | null; mergedInto?: string } = {},
): Promise<PatientRow> {
  const sets: string[] = [];
  const params: unknown[] = [clinicId, id];
  for (const [field, value] of Object.entries(fields)) {
    const column = patientColumns[field as PatientField];
    params.push(column === 'answers' || column === 'lists_reviewed' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}`);
  }
  if (extra.archivedAt !== undefined) {
    params.push(extra.archivedAt);
    sets.push(`archived_at = $${params.length}`);
  }
  if (extra.mergedInto !== undefined) {
    params.push(extra.mergedInto);
    sets.push(`merged_into = $${params.length}`);
  }
  const { rows } = await db.query<PatientRow>(
    `UPDATE patients SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE clinic_id = $1 AND id = $2 RETURNING *`,
    params,
  );
  return rows[0]!;
}

export async function insertVersion(
  db: Queryable,
  v: {
    clinicId: string;
    patientId: string;
    version: number;
    changedBy: string | null;
    summary: string;
    changes: Record<string, unknown>;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO patient_versions (clinic_id, patient_id, version, changed_by, summary, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
    [v.clinicId, v.patientId, v.version, v.changedBy, v.summary, JSON.stringify(v.changes)],
  );
}

export async function listVersions(db: Queryable, clinicId: string, patientId: string) {
  const { rows } = await db.query<{
    version: number;
    changed_at: Date;
    changed_by: string | null;
    changed_by_name: string | null;
    summary: string;
    changes: Record<string, { from: unknown; to: unknown }>;
  }>(
    `SELECT v.version, v.changed_at, v.changed_by, u.name AS changed_by_name, v.summary, v.changes
       FROM patient_versions v LEFT JOIN users u ON u.id = v.changed_by
      WHERE v.clinic_id = $1 AND v.patient_id = $2 ORDER BY v.version DESC`,
    [clinicId, patientId],
  );
  return rows;
}

/** An entry's values for kind, system, code, codes, display, status, start_date, end_date, value, body_sites. */
function entryValues(e: EntryInput): unknown[] {
  const primary = e.codes[0];
  return [
    e.kind,
    primary?.system ?? null,
    primary?.code ?? null,
    JSON.stringify(e.codes),
    e.display,
    e.status,
    e.startDate ?? null,
    e.endDate ?? null,
    e.value ?? null,
    e.bodySites,
  ];
}

export async function insertEntry(
  db: Queryable,
  e: EntryInput & {
    clinicId: string;
    patientId: string;
    source: 'clinic' | 'intake' | 'import';
    sourceRef?: string | null;
  },
): Promise<EntryRow> {
  const { rows } = await db.query<EntryRow>(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, codes, display, status, start_date, end_date, value,
       body_sites, source, source_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${entryColumns}`,
    [e.clinicId, e.patientId, ...entryValues(e), e.source, e.sourceRef ?? null],
  );
  return rows[0]!;
}

export async function updateEntry(
  db: Queryable,
  clinicId: string,
  entryId: string,
  e: EntryInput,
): Promise<EntryRow> {
  const { rows } = await db.query<EntryRow>(
    `UPDATE patient_entries SET kind = $3, system = $4, code = $5, codes = $6, display = $7, status = $8, start_date = $9,
       end_date = $10, value = $11, body_sites = $12, start_partial = NULL, end_partial = NULL, review = NULL,
       updated_at = now()
     WHERE clinic_id = $1 AND id = $2 RETURNING ${entryColumns}`,
    [clinicId, entryId, ...entryValues(e)],
  );
  return rows[0]!;
}

/** Moves everything that belongs to `fromId` onto `toId` (a merge of duplicates). */
export async function movePatientData(
  db: Queryable,
  clinicId: string,
  fromId: string,
  toId: string,
): Promise<void> {
  for (const table of ['patient_entries', 'patient_identifiers', 'appointments']) {
    await db.query(`UPDATE ${table} SET patient_id = $3 WHERE clinic_id = $1 AND patient_id = $2`, [
      clinicId,
      fromId,
      toId,
    ]);
  }
  await db.query('UPDATE users SET patient_id = $3 WHERE clinic_id = $1 AND patient_id = $2', [
    clinicId,
    fromId,
    toId,
  ]);
}

/** Removes the entries an earlier intake wrote; returns how many. */
export async function deleteIntakeEntries(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<number> {
  const { rowCount } = await db.query(
    "DELETE FROM patient_entries WHERE clinic_id = $1 AND patient_id = $2 AND source = 'intake'",
    [clinicId, patientId],
  );
  return rowCount ?? 0;
}
