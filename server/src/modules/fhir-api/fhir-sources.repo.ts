import type { EntryKind } from '@needlepoint/core/fhir/fhir-to-record';
import type { SearchFilter, ServedType } from '@needlepoint/core/fhir/fhir-search';
import {
  toFhirAppointment,
  toFhirConsent,
  toFhirEntry,
  toFhirPatient,
  toFhirQuestionnaireResponse,
  type FhirResource,
  type PatientData,
} from '@needlepoint/core/fhir/record-to-fhir';

/**
 * Where each served FHIR type lives in the database: its SELECT, its clinic filter, and the SQL of each search
 * parameter. Every query takes the clinic id as its first parameter. Used by search, read and export.
 */

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type Row = Record<string, unknown>;
type FilterSql = (q: SqlParams, filter: SearchFilter) => string;

export interface Source {
  /** `SELECT ... FROM ...` (no WHERE). */
  select: string;
  /** Conditions every query of the type has (the clinic first). */
  base(q: SqlParams, clinicId: string): string[];
  id: string;
  patient: string | null;
  params: Record<string, FilterSql>;
  toResource(row: Row): FhirResource;
  /** The column of the last change, for `_since` and `_lastUpdated`. */
  lastUpdated: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that are not uuids cannot name anything here; they match nothing (rather than failing the cast). */
export const uuids = (ids: readonly string[]) => ids.filter((id) => uuidPattern.test(id));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const likePrefix = (v: string) => `${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function dateSql(column: string, kind: 'date' | 'instant'): FilterSql {
  return (q, f) => {
    if (f.type !== 'date') return 'false';
    const r = f.range;
    // Only the bounds a prefix uses become parameters (PostgreSQL refuses a parameter it never sees).
    const start = () => q.add(kind === 'date' ? r.startDate : r.start);
    const end = () => q.add(kind === 'date' ? r.endDate : r.end);
    switch (r.prefix) {
      case 'eq':
        return `(${column} >= ${start()} AND ${column} < ${end()})`;
      case 'ge':
        return `${column} >= ${start()}`;
      case 'gt':
        return `${column} >= ${end()}`;
      case 'le':
        return `${column} < ${end()}`;
      case 'lt':
        return `${column} < ${start()}`;
    }
  };
}

const idSql =
  (column: string): FilterSql =>
  (q, f) =>
    f.type === 'token' ? `${column} = ANY(${q.add(uuids(f.values.map((v) => v.code)))}::uuid[])` : 'false';

const patientSql =
  (column: string): FilterSql =>
  (q, f) =>
    f.type === 'reference' ? `${column} = ANY(${q.add(uuids(f.ids))}::uuid[])` : 'false';

/** Token values mapped through `map` (FHIR code -> stored value); a code with no stored value matches nothing. */
const statusSql =
  (column: string, map: (code: string) => string | undefined = (c) => c): FilterSql =>
  (q, f) => {
    if (f.type !== 'token') return 'false';
    const stored = f.values.map((v) => map(v.code)).filter((v): v is string => v !== undefined);
    return `${column} = ANY(${q.add(stored)}::text[])`;
  };

const codesSql: FilterSql = (q, f) => {
  if (f.type !== 'token') return 'false';
  const parts = f.values.map(
    (v) =>
      `e.codes @> ${q.add(JSON.stringify([v.system ? { system: v.system, code: v.code } : { code: v.code }]))}::jsonb`,
  );
  return `(${parts.join(' OR ')})`;
};

const entryColumns = `e.id, e.patient_id, e.kind, e.source_ref, e.codes, e.display, e.status, e.start_date, e.end_date,
  e.value, e.body_sites, e.updated_at`;

export function patientDataOf(row: Row): PatientData {
  return {
    id: String(row.id),
    version: Number(row.version),
    updatedAt: iso(row.updated_at),
    givenName: String(row.given_name),
    familyName: String(row.family_name),
    birthDate: String(row.birth_date),
    sex: String(row.sex),
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    address: String(row.address ?? ''),
    archived: row.archived_at !== null,
    mergedInto: (row.merged_into as string | null) ?? null,
    identifiers: row.identifiers as { system: string; value: string }[],
  };
}

function entryResource(row: Row): FhirResource {
  return toFhirEntry({
    id: String(row.id),
    patientId: String(row.patient_id),
    kind: row.kind as EntryKind,
    sourceRef: (row.source_ref as string | null) ?? null,
    codes: (row.codes as { system: string; code: string; display?: string }[]) ?? [],
    display: String(row.display),
    status: String(row.status),
    startDate: (row.start_date as string | null) ?? null,
    endDate: (row.end_date as string | null) ?? null,
    value: (row.value as string | null) ?? null,
    bodySites: (row.body_sites as string[]) ?? [],
    updatedAt: iso(row.updated_at),
  });
}

function entrySource(
  kind: EntryKind,
  extra: string | null,
  dateParam: string | null,
  statusParam: string,
): Source {
  return {
    select: `SELECT ${entryColumns} FROM patient_entries e`,
    base: (q, clinicId) => [
      `e.clinic_id = ${q.add(clinicId)}`,
      `e.kind = ${q.add(kind)}`,
      ...(extra ? [extra] : []),
    ],
    id: 'e.id',
    patient: 'e.patient_id',
    lastUpdated: 'e.updated_at',
    params: {
      _id: idSql('e.id'),
      _lastUpdated: dateSql('e.updated_at', 'instant'),
      patient: patientSql('e.patient_id'),
      code: codesSql,
      [statusParam]: statusSql('e.status'),
      ...(dateParam ? { [dateParam]: dateSql('e.start_date', 'date') } : {}),
    },
    toResource: entryResource,
  };
}

const appointmentStatuses: Record<string, string> = {
  booked: 'booked',
  arrived: 'arrived',
  'checked-in': 'in-treatment',
  fulfilled: 'completed',
  cancelled: 'cancelled',
  noshow: 'no-show',
};

export const sources: Record<ServedType, Source> = {
  Patient: {
    select: `SELECT p.id, p.version, p.updated_at, p.given_name, p.family_name, p.birth_date, p.sex, p.email, p.phone,
        p.address, p.archived_at, p.merged_into,
        (SELECT coalesce(json_agg(json_build_object('system', i.system, 'value', i.value) ORDER BY i.system, i.value), '[]')
           FROM patient_identifiers i WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id) AS identifiers
       FROM patients p`,
    base: (q, clinicId) => [`p.clinic_id = ${q.add(clinicId)}`],
    id: 'p.id',
    patient: 'p.id',
    lastUpdated: 'p.updated_at',
    params: {
      _id: idSql('p.id'),
      _lastUpdated: dateSql('p.updated_at', 'instant'),
      birthdate: dateSql('p.birth_date', 'date'),
      gender: statusSql('p.sex'),
      name: (q, f) => {
        if (f.type !== 'string') return 'false';
        const parts = f.values.map((v) => {
          if (f.exact) {
            const p = q.add(v.toLowerCase());
            return `(lower(p.given_name) = ${p} OR lower(p.family_name) = ${p})`;
          }
          const p = q.add(likePrefix(v));
          return `(lower(p.given_name) LIKE ${p} OR lower(p.family_name) LIKE ${p})`;
        });
        return `(${parts.join(' OR ')})`;
      },
      identifier: (q, f) => {
        if (f.type !== 'token') return 'false';
        const parts = f.values.map(
          (v) => `(i.value = ${q.add(v.code)}${v.system ? ` AND i.system = ${q.add(v.system)}` : ''})`,
        );
        return `EXISTS (SELECT 1 FROM patient_identifiers i WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id
                  AND i.system <> 'urn:needlepoint:fhir-source' AND (${parts.join(' OR ')}))`;
      },
    },
    toResource: (row) => toFhirPatient(patientDataOf(row)),
  },
  Condition: entrySource('condition', null, 'onset-date', 'clinical-status'),
  AllergyIntolerance: entrySource('allergy', null, null, 'clinical-status'),
  MedicationStatement: entrySource(
    'medication',
    "(e.source_ref IS NULL OR e.source_ref NOT LIKE 'MedicationRequest/%')",
    'effective',
    'status',
  ),
  MedicationRequest: entrySource(
    'medication',
    "e.source_ref LIKE 'MedicationRequest/%'",
    'authoredon',
    'status',
  ),
  Procedure: entrySource('procedure', null, 'date', 'status'),
  Observation: entrySource('observation', null, 'date', 'status'),
  Appointment: {
    select: `SELECT a.id, a.patient_id, u.name AS provider_name, a.service, a.starts_at, a.ends_at, a.status,
        a.cancel_reason, a.updated_at
       FROM appointments a JOIN users u ON u.id = a.provider_id`,
    base: (q, clinicId) => [`a.clinic_id = ${q.add(clinicId)}`],
    id: 'a.id',
    patient: 'a.patient_id',
    lastUpdated: 'a.updated_at',
    params: {
      _id: idSql('a.id'),
      _lastUpdated: dateSql('a.updated_at', 'instant'),
      patient: patientSql('a.patient_id'),
      status: statusSql('a.status', (c) => appointmentStatuses[c]),
      date: dateSql('a.starts_at', 'instant'),
    },
    toResource: (row) =>
      toFhirAppointment({
        id: String(row.id),
        patientId: String(row.patient_id),
        providerName: String(row.provider_name),
        service: String(row.service),
        startsAt: iso(row.starts_at),
        endsAt: iso(row.ends_at),
        status: String(row.status),
        cancelReason: (row.cancel_reason as string | null) ?? null,
        updatedAt: iso(row.updated_at),
      }),
  },
  Consent: {
    select: `SELECT s.id, s.patient_id, s.kind, s.document_version, d.title, s.signed_at, r.revoked_at,
        coalesce(r.revoked_at, s.signed_at) AS updated_at
       FROM consent_signatures s JOIN consent_documents d ON d.id = s.document_id
       LEFT JOIN consent_revocations r ON r.signature_id = s.id`,
    base: (q, clinicId) => [`s.clinic_id = ${q.add(clinicId)}`],
    id: 's.id',
    patient: 's.patient_id',
    lastUpdated: 'coalesce(r.revoked_at, s.signed_at)',
    params: {
      _id: idSql('s.id'),
      _lastUpdated: dateSql('coalesce(r.revoked_at, s.signed_at)', 'instant'),
      patient: patientSql('s.patient_id'),
      status: (q, f) => {
        if (f.type !== 'token') return 'false';
        const codes = f.values.map((v) => v.code);
        const parts = [
          ...(codes.includes('active') ? ['r.id IS NULL'] : []),
          ...(codes.includes('inactive') ? ['r.id IS NOT NULL'] : []),
        ];
        return parts.length ? `(${parts.join(' OR ')})` : 'false';
      },
      date: dateSql('s.signed_at', 'instant'),
    },
    toResource: (row) =>
      toFhirConsent({
        id: String(row.id),
        patientId: String(row.patient_id),
        kind: String(row.kind),
        documentVersion: Number(row.document_version),
        documentTitle: String(row.title),
        signedAt: iso(row.signed_at),
        revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
        updatedAt: iso(row.updated_at),
      }),
  },
  QuestionnaireResponse: {
    select: `SELECT f.id, f.patient_id, f.submitted, f.submitted_at, f.updated_at FROM intake_forms f`,
    base: (q, clinicId) => [`f.clinic_id = ${q.add(clinicId)}`, `f.status = 'submitted'`],
    id: 'f.id',
    patient: 'f.patient_id',
    lastUpdated: 'f.updated_at',
    params: {
      _id: idSql('f.id'),
      _lastUpdated: dateSql('f.updated_at', 'instant'),
      patient: patientSql('f.patient_id'),
      status: (_q, f) =>
        f.type === 'token' && f.values.some((v) => v.code === 'completed') ? 'true' : 'false',
      authored: dateSql('f.submitted_at', 'instant'),
    },
    toResource: (row) =>
      toFhirQuestionnaireResponse({
        id: String(row.id),
        patientId: String(row.patient_id),
        submittedAt: iso(row.submitted_at),
        updatedAt: iso(row.updated_at),
        answers: row.submitted,
      }),
  },
};

/** The WHERE conditions of a search: the type's base plus one condition per filter (ANDed). */
export function whereOf(
  source: Source,
  q: SqlParams,
  clinicId: string,
  filters: readonly SearchFilter[],
): string[] {
  return [
    ...source.base(q, clinicId),
    ...filters.map((f) => {
      const sql = source.params[f.param];
      if (!sql) throw new Error(`no SQL for search parameter ${f.param}`);
      return sql(q, f);
    }),
  ];
}
