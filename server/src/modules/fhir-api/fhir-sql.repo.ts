import type { EntryKind } from '@needlepoint/core/fhir/fhir-to-record';
import type { SearchFilter } from '@needlepoint/core/fhir/fhir-search';
import { toFhirEntry, type FhirResource } from '@needlepoint/core/fhir/record-to-fhir';

/**
 * The SQL the FHIR sources share: query parameters, the SQL of each kind of search parameter, and the coded entries
 * (conditions, allergies, medications, procedures, observations) kept on the patient record.
 */

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type Row = Record<string, unknown>;
export type FilterSql = (q: SqlParams, filter: SearchFilter) => string;

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
export const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
export const likePrefix = (v: string) => `${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function dateSql(column: string, kind: 'date' | 'instant'): FilterSql {
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

export const idSql =
  (column: string): FilterSql =>
  (q, f) =>
    f.type === 'token' ? `${column} = ANY(${q.add(uuids(f.values.map((v) => v.code)))}::uuid[])` : 'false';

export const patientSql =
  (column: string): FilterSql =>
  (q, f) =>
    f.type === 'reference' ? `${column} = ANY(${q.add(uuids(f.ids))}::uuid[])` : 'false';

/** Token values mapped through `map` (FHIR code -> stored value); a code with no stored value matches nothing. */
export const statusSql =
  (column: string, map: (code: string) => string | undefined = (c) => c): FilterSql =>
  (q, f) => {
    if (f.type !== 'token') return 'false';
    const stored = f.values.map((v) => map(v.code)).filter((v): v is string => v !== undefined);
    return `${column} = ANY(${q.add(stored)}::text[])`;
  };

export const codesSql: FilterSql = (q, f) => {
  if (f.type !== 'token') return 'false';
  const parts = f.values.map(
    (v) =>
      `e.codes @> ${q.add(JSON.stringify([v.system ? { system: v.system, code: v.code } : { code: v.code }]))}::jsonb`,
  );
  return `(${parts.join(' OR ')})`;
};

export const entryColumns = `e.id, e.patient_id, e.kind, e.source_ref, e.codes, e.display, e.status, e.start_date, e.end_date,
  e.value, e.body_sites, e.updated_at`;

export function entryResource(row: Row): FhirResource {
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

export function entrySource(
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
