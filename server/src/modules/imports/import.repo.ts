import type { ImportedEntry, ImportedPatient } from '@needlepoint/core/fhir/fhir-to-record';
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
  version: number;
}

export async function findPatientByIdentifiers(
  db: Queryable,
  clinicId: string,
  ids: { system: string; value: string }[],
): Promise<ExistingPatient | undefined> {
  if (ids.length === 0) return undefined;
  const { rows } = await db.query<ExistingPatient>(
    `SELECT p.id, p.given_name, p.family_name, p.birth_date, p.sex, p.email, p.phone, p.address, p.version
       FROM patient_identifiers i JOIN patients p ON p.id = i.patient_id
      WHERE i.clinic_id = $1 AND (i.system, i.value) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY p.merged_into NULLS FIRST LIMIT 1`,
    [clinicId, ids.map((i) => i.system), ids.map((i) => i.value)],
  );
  return rows[0];
}

export async function findPatientByNameAndBirth(
  db: Queryable,
  clinicId: string,
  p: ImportedPatient,
): Promise<ExistingPatient | undefined> {
  const { rows } = await db.query<ExistingPatient>(
    `SELECT id, given_name, family_name, birth_date, sex, email, phone, address, version FROM patients
      WHERE clinic_id = $1 AND lower(given_name) = lower($2) AND lower(family_name) = lower($3) AND birth_date = $4
        AND merged_into IS NULL ORDER BY created_at LIMIT 1`,
    [clinicId, p.givenName, p.familyName, p.birthDate],
  );
  return rows[0];
}

export async function insertImportedPatient(
  db: Queryable,
  clinicId: string,
  p: ImportedPatient,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [clinicId, p.givenName, p.familyName, p.birthDate, p.sex, p.email, p.phone, p.address],
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
       version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2 RETURNING version`,
    [clinicId, id, p.givenName, p.familyName, p.birthDate, p.sex, p.email, p.phone, p.address],
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
    'kind' | 'codes' | 'display' | 'status' | 'startDate' | 'endDate' | 'value' | 'bodySites'
  >,
): string {
  const codes = e.codes.map((c) => [c.system, c.code, c.display ?? null]);
  return JSON.stringify([e.kind, codes, e.display, e.status, e.startDate, e.endDate, e.value, e.bodySites]);
}

export async function insertImportedEntry(
  db: Queryable,
  clinicId: string,
  patientId: string,
  e: ImportedEntry,
): Promise<void> {
  const primary = e.codes[0];
  await db.query(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, codes, display, status, start_date, end_date, value,
       body_sites, source, source_ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'import', $13)`,
    [
      clinicId,
      patientId,
      e.kind,
      primary?.system ?? null,
      primary?.code ?? null,
      JSON.stringify(e.codes),
      e.display,
      e.status,
      e.startDate,
      e.endDate,
      e.value,
      e.bodySites,
      e.sourceRef,
    ],
  );
}

export async function updateImportedEntry(
  db: Queryable,
  clinicId: string,
  entryId: string,
  e: ImportedEntry,
): Promise<void> {
  const primary = e.codes[0];
  await db.query(
    `UPDATE patient_entries SET kind = $3, system = $4, code = $5, codes = $6, display = $7, status = $8, start_date = $9,
       end_date = $10, value = $11, body_sites = $12, updated_at = now() WHERE clinic_id = $1 AND id = $2`,
    [
      clinicId,
      entryId,
      e.kind,
      primary?.system ?? null,
      primary?.code ?? null,
      JSON.stringify(e.codes),
      e.display,
      e.status,
      e.startDate,
      e.endDate,
      e.value,
      e.bodySites,
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
  }>(
    `SELECT id, patient_id, source_ref, kind, codes, display, status, start_date, end_date, value, body_sites FROM patient_entries
      WHERE clinic_id = $1 AND source_ref = ANY($2)`,
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
  await db.query(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, codes, display, status, start_date, end_date, value,
       body_sites, source, source_ref)
     SELECT $1, t.patient_id, t.kind, t.system, t.code, t.codes::jsonb, t.display, t.status, t.start_date, t.end_date, t.value,
            ARRAY(SELECT jsonb_array_elements_text(t.body_sites::jsonb)), 'import', t.source_ref
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[],
                   $11::text[], $12::text[], $13::text[])
         AS t(patient_id, kind, system, code, codes, display, status, start_date, end_date, value, body_sites, source_ref)`,
    [
      clinicId,
      rows.map((r) => r.patientId),
      rows.map((r) => r.entry.kind),
      rows.map((r) => r.entry.codes[0]?.system ?? null),
      rows.map((r) => r.entry.codes[0]?.code ?? null),
      rows.map((r) => JSON.stringify(r.entry.codes)),
      rows.map((r) => r.entry.display),
      rows.map((r) => r.entry.status),
      rows.map((r) => r.entry.startDate),
      rows.map((r) => r.entry.endDate),
      rows.map((r) => r.entry.value),
      rows.map((r) => JSON.stringify(r.entry.bodySites)),
      rows.map((r) => r.entry.sourceRef),
    ],
  );
}
