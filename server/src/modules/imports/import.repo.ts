import type { ImportedPatient } from '@needlepoint/core/fhir/fhir-patient';
import type { ImportedEntry } from '@needlepoint/core/fhir/fhir-to-record';
import type { Queryable } from '../../db/database';

export const sourceIdentifierSystem = 'urn:needlepoint:fhir-source';

export interface ExistingPatient {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: string;
  email: string | null;
  phone: string | null;
  address: string;
  deceased: boolean;
  deceased_date: string | null;
  birth_sex: string | null;
  version: number;
}

const patientColumns =
  'p.id, p.given_name, p.family_name, p.birth_date, p.sex, p.email, p.phone, p.address, p.deceased, p.deceased_date, p.birth_sex, p.version';

/** Every patient (not merged away) holding one of these identifiers, with the identifier that matched. */
export async function findPatientsByIdentifiers(
  db: Queryable,
  clinicId: string,
  ids: { system: string; value: string }[],
): Promise<(ExistingPatient & { system: string; value: string })[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ExistingPatient & { system: string; value: string }>(
    `SELECT ${patientColumns}, i.system, i.value
       FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id AND p.clinic_id = i.clinic_id
      WHERE i.clinic_id = $1 AND p.merged_into IS NULL
        AND (i.system, i.value) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY p.created_at`,
    [clinicId, ids.map((i) => i.system), ids.map((i) => i.value)],
  );
  return rows;
}

/** The identifiers a patient holds in these systems (to tell a different person by a different value). */
export async function findIdentifiersInSystems(
  db: Queryable,
  clinicId: string,
  patientId: string,
  systems: string[],
): Promise<{ system: string; value: string }[]> {
  if (systems.length === 0) return [];
  const { rows } = await db.query<{ system: string; value: string }>(
    'SELECT system, value FROM patient_identifiers WHERE clinic_id = $1 AND patient_id = $2 AND system = ANY($3)',
    [clinicId, patientId, systems],
  );
  return rows;
}

export async function insertPossibleDuplicate(
  db: Queryable,
  clinicId: string,
  d: { patientId: string; otherPatientId: string; reason: string; source: string },
): Promise<void> {
  await db.query(
    `INSERT INTO possible_duplicates (clinic_id, patient_id, other_patient_id, reason, source)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (clinic_id, patient_id, other_patient_id) DO NOTHING`,
    [clinicId, d.patientId, d.otherPatientId, d.reason, d.source],
  );
}

export interface PossibleDuplicateRow {
  id: string;
  patient_id: string;
  other_patient_id: string;
  reason: string;
  source: string;
  created_at: Date;
  patient_name: string;
  patient_birth_date: string;
  other_name: string;
  other_birth_date: string;
}

/** Open possible duplicates, newest first; for one patient when `patientId` is given (either side). */
export async function listPossibleDuplicates(
  db: Queryable,
  clinicId: string,
  patientId: string | undefined,
): Promise<PossibleDuplicateRow[]> {
  const { rows } = await db.query<PossibleDuplicateRow>(
    `SELECT d.id, d.patient_id, d.other_patient_id, d.reason, d.source, d.created_at,
            a.given_name || ' ' || a.family_name AS patient_name, a.birth_date AS patient_birth_date,
            b.given_name || ' ' || b.family_name AS other_name, b.birth_date AS other_birth_date
       FROM possible_duplicates d
       JOIN patients a ON a.id = d.patient_id AND a.clinic_id = d.clinic_id
       JOIN patients b ON b.id = d.other_patient_id AND b.clinic_id = d.clinic_id
      WHERE d.clinic_id = $1 AND d.resolved_at IS NULL AND a.merged_into IS NULL AND b.merged_into IS NULL
        AND ($2::uuid IS NULL OR d.patient_id = $2 OR d.other_patient_id = $2)
      ORDER BY d.created_at DESC LIMIT 500`,
    [clinicId, patientId ?? null],
  );
  return rows;
}

export async function resolvePossibleDuplicate(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE possible_duplicates SET resolved_at = now() WHERE clinic_id = $1 AND id = $2 AND resolved_at IS NULL',
    [clinicId, id],
  );
  return (rowCount ?? 0) > 0;
}

/** Keeps Medication resources by each reference that reaches them. */
export async function upsertMedications(
  db: Queryable,
  clinicId: string,
  rows: { ref: string; resource: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  // One row per reference (the last one wins): a statement may not update the same row twice.
  rows = [...new Map(rows.map((r) => [r.ref, r])).values()];
  await db.query(
    `INSERT INTO imported_medications (clinic_id, ref, resource)
     SELECT $1, r, m::jsonb FROM unnest($2::text[], $3::text[]) AS t(r, m)
     ON CONFLICT (clinic_id, ref) DO UPDATE SET resource = EXCLUDED.resource, updated_at = now()
       WHERE imported_medications.resource IS DISTINCT FROM EXCLUDED.resource`,
    [clinicId, rows.map((r) => r.ref), rows.map((r) => JSON.stringify(r.resource))],
  );
}

export async function findMedications(
  db: Queryable,
  clinicId: string,
  refs: string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (refs.length === 0) return new Map();
  const { rows } = await db.query<{ ref: string; resource: Record<string, unknown> }>(
    'SELECT ref, resource FROM imported_medications WHERE clinic_id = $1 AND ref = ANY($2)',
    [clinicId, refs],
  );
  return new Map(rows.map((r) => [r.ref, r.resource]));
}

export async function findPatientByNameAndBirth(
  db: Queryable,
  clinicId: string,
  p: ImportedPatient,
): Promise<ExistingPatient | undefined> {
  const { rows } = await db.query<ExistingPatient>(
    `SELECT ${patientColumns} FROM patients p
      WHERE p.clinic_id = $1 AND lower(p.given_name) = lower($2) AND lower(p.family_name) = lower($3)
        AND p.birth_date = $4 AND p.merged_into IS NULL ORDER BY p.created_at LIMIT 1`,
    [clinicId, p.givenName, p.familyName, p.birthDate],
  );
  return rows[0];
}

/** A patient's values, in the column order given_name .. birth_sex that insert and update both use. */
function patientValues(p: ImportedPatient): unknown[] {
  return [
    p.givenName,
    p.familyName,
    p.birthDate,
    p.sex,
    p.email,
    p.phone,
    p.address,
    p.deceased,
    p.deceasedDate,
    p.birthSex,
  ];
}

export async function insertImportedPatient(
  db: Queryable,
  clinicId: string,
  p: ImportedPatient,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone, address, deceased,
       deceased_date, birth_sex)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [clinicId, ...patientValues(p)],
  );
  return rows[0]!.id;
}

export async function updateImportedPatient(
  db: Queryable,
  clinicId: string,
  id: string,
  p: ImportedPatient,
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE patients SET given_name = $3, family_name = $4, birth_date = $5, sex = $6, email = $7, phone = $8, address = $9,
       deceased = $10, deceased_date = $11, birth_sex = $12, version = version + 1, updated_at = now()
     WHERE clinic_id = $1 AND id = $2 RETURNING version`,
    [clinicId, id, ...patientValues(p)],
  );
  return rows[0]!.version;
}

export async function addIdentifiers(
  db: Queryable,
  clinicId: string,
  patientId: string,
  ids: { system: string; value: string }[],
): Promise<void> {
  await db.query(
    `INSERT INTO patient_identifiers (clinic_id, system, value, patient_id)
     SELECT $1, s, v, $2 FROM unnest($3::text[], $4::text[]) AS t(s, v) ON CONFLICT DO NOTHING`,
    [clinicId, patientId, ids.map((i) => i.system), ids.map((i) => i.value)],
  );
}

export interface ExistingEntry {
  id: string;
  patient_id: string;
  fingerprint: string;
}

/** The fields an import may change, as one comparable string. */
export function entryFingerprint(
  e: Pick<
    ImportedEntry,
    'kind' | 'codes' | 'display' | 'status' | 'startDate' | 'endDate' | 'value' | 'bodySites' | 'review'
  >,
): string {
  const codes = e.codes.map((c) => [c.system, c.code, c.display ?? null]);
  return JSON.stringify([
    e.kind,
    codes,
    e.display,
    e.status,
    e.startDate,
    e.endDate,
    e.value,
    e.bodySites,
    e.review,
  ]);
}

/** A partial date (`2019`, `2019-04`) is stored as its first day plus the date as recorded. */
function dateColumns(d: string | null): [string | null, string | null] {
  if (d === null) return [null, null];
  if (d.length === 4) return [`${d}-01-01`, d];
  if (d.length === 7) return [`${d}-01`, d];
  return [d, null];
}

export async function insertImportedEntry(
  db: Queryable,
  clinicId: string,
  patientId: string,
  e: ImportedEntry,
): Promise<void> {
  await insertImportedEntries(db, clinicId, [{ patientId, entry: e }]);
}

export async function updateImportedEntry(
  db: Queryable,
  clinicId: string,
  entryId: string,
  e: ImportedEntry,
): Promise<void> {
  const primary = e.codes[0];
  const [start, startPartial] = dateColumns(e.startDate);
  const [end, endPartial] = dateColumns(e.endDate);
  await db.query(
    `UPDATE patient_entries SET kind = $3, system = $4, code = $5, codes = $6, display = $7, status = $8, start_date = $9,
       end_date = $10, value = $11, body_sites = $12, start_partial = $13, end_partial = $14, review = $15, updated_at = now()
     WHERE clinic_id = $1 AND id = $2`,
    [
      clinicId,
      entryId,
      e.kind,
      primary?.system ?? null,
      primary?.code ?? null,
      JSON.stringify(e.codes),
      e.display,
      e.status,
      start,
      end,
      e.value,
      e.bodySites,
      startPartial,
      endPartial,
      e.review,
    ],
  );
}

export async function bumpPatientVersion(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    'UPDATE patients SET version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2 RETURNING version',
    [clinicId, patientId],
  );
  return rows[0]!.version;
}

export async function findPatientIdsBySourceRefs(
  db: Queryable,
  clinicId: string,
  refs: string[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const { rows } = await db.query<{ value: string; patient_id: string }>(
    'SELECT value, patient_id FROM patient_identifiers WHERE clinic_id = $1 AND system = $2 AND value = ANY($3)',
    [clinicId, sourceIdentifierSystem, refs],
  );
  return new Map(rows.map((r) => [r.value, r.patient_id]));
}

export async function findEntriesBySourceRefs(
  db: Queryable,
  clinicId: string,
  refs: string[],
): Promise<Map<string, ExistingEntry>> {
  if (refs.length === 0) return new Map();
  const { rows } = await db.query<{
    id: string;
    patient_id: string;
    source_ref: string;
    kind: ImportedEntry['kind'];
    codes: ImportedEntry['codes'];
    display: string;
    status: string;
    start_date: string | null;
    end_date: string | null;
    value: string | null;
    body_sites: string[];
    review: string | null;
  }>(
    `SELECT id, patient_id, source_ref, kind, codes, display, status, coalesce(start_partial, start_date::text) AS start_date,
            coalesce(end_partial, end_date::text) AS end_date, value, body_sites, review
       FROM patient_entries WHERE clinic_id = $1 AND source_ref = ANY($2)`,
    [clinicId, refs],
  );
  return new Map(
    rows.map((r) => [
      r.source_ref,
      {
        id: r.id,
        patient_id: r.patient_id,
        fingerprint: entryFingerprint({
          kind: r.kind,
          codes: r.codes,
          display: r.display,
          status: r.status,
          startDate: r.start_date,
          endDate: r.end_date,
          value: r.value,
          bodySites: r.body_sites,
          review: r.review,
        }),
      },
    ]),
  );
}

/** Many new entries in one statement. */
export async function insertImportedEntries(
  db: Queryable,
  clinicId: string,
  rows: { patientId: string; entry: ImportedEntry }[],
): Promise<void> {
  const starts = rows.map((r) => dateColumns(r.entry.startDate));
  const ends = rows.map((r) => dateColumns(r.entry.endDate));
  await db.query(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, codes, display, status, start_date, end_date, value,
       body_sites, source, source_ref, start_partial, end_partial, review)
     SELECT $1, t.patient_id, t.kind, t.system, t.code, t.codes::jsonb, t.display, t.status, t.start_date, t.end_date, t.value,
            ARRAY(SELECT jsonb_array_elements_text(t.body_sites::jsonb)), 'import', t.source_ref, t.start_partial,
            t.end_partial, t.review
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[],
                   $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
         AS t(patient_id, kind, system, code, codes, display, status, start_date, end_date, value, body_sites, source_ref,
              start_partial, end_partial, review)`,
    [
      clinicId,
      rows.map((r) => r.patientId),
      rows.map((r) => r.entry.kind),
      rows.map((r) => r.entry.codes[0]?.system ?? null),
      rows.map((r) => r.entry.codes[0]?.code ?? null),
      rows.map((r) => JSON.stringify(r.entry.codes)),
      rows.map((r) => r.entry.display),
      rows.map((r) => r.entry.status),
      starts.map((d) => d[0]),
      ends.map((d) => d[0]),
      rows.map((r) => r.entry.value),
      rows.map((r) => JSON.stringify(r.entry.bodySites)),
      rows.map((r) => r.entry.sourceRef),
      starts.map((d) => d[1]),
      ends.map((d) => d[1]),
      rows.map((r) => r.entry.review),
    ],
  );
}

/** Marks lists (medications, allergies, conditions) as confirmed on a date, from a FHIR List. */
export async function markListsReviewed(
  db: Queryable,
  clinicId: string,
  patientId: string,
  lists: Record<string, string>,
): Promise<void> {
  await db.query(
    'UPDATE patients SET lists_reviewed = lists_reviewed || $3::jsonb WHERE clinic_id = $1 AND id = $2',
    [clinicId, patientId, JSON.stringify(lists)],
  );
}
