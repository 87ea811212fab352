import type pg from 'pg';
import type { SearchFilter, ServedType } from '@needlepoint/core/fhir/fhir-search';
import type { FhirResource, PatientData } from '@needlepoint/core/fhir/record-to-fhir';
import type { Queryable } from '../../db/database';
import { patientDataOf, sources, SqlParams, uuids, whereOf } from './fhir-sources.repo';
import type { Row } from './fhir-sql.repo';

/** Totals are counted only while cheap: beyond this many matches a search answers without `total`. */
export const totalLimit = 1_000;

export interface SearchPage {
  resources: FhirResource[];
  /** The id after which the next page starts, or null on the last page. */
  nextCursor: string | null;
  total: number | undefined;
}

/** One page in id order (keyset paging: `cursor` is the last id of the previous page, never an OFFSET). */
export async function searchPage(
  db: Queryable,
  clinicId: string,
  type: ServedType,
  filters: readonly SearchFilter[],
  count: number,
  cursor: string | null,
  withTotal: boolean,
): Promise<SearchPage> {
  const source = sources[type];
  const q = new SqlParams();
  const where = whereOf(source, q, clinicId, filters);
  let total: number | undefined;
  if (withTotal) {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${source.select} WHERE ${where.join(' AND ')} LIMIT ${totalLimit + 1}) x`,
      q.values,
    );
    total = rows[0]!.n <= totalLimit ? rows[0]!.n : undefined;
  }
  if (count === 0) return { resources: [], nextCursor: null, total };
  const pageWhere = cursor ? [...where, `${source.id} > ${q.add(cursor)}::uuid`] : where;
  const { rows } = await db.query<Row>(
    `${source.select} WHERE ${pageWhere.join(' AND ')} ORDER BY ${source.id} LIMIT ${count + 1}`,
    q.values,
  );
  const more = rows.length > count;
  const page = more ? rows.slice(0, count) : rows;
  return {
    resources: page.map((r) => source.toResource(r)),
    nextCursor: more ? String(page[page.length - 1]!.id) : null,
    total,
  };
}

export async function findResource(
  db: Queryable,
  clinicId: string,
  type: ServedType,
  id: string,
): Promise<FhirResource | undefined> {
  if (uuids([id]).length === 0) return undefined;
  const page = await searchPage(
    db,
    clinicId,
    type,
    [{ param: '_id', type: 'token', values: [{ code: id }] }],
    1,
    null,
    false,
  );
  return page.resources[0];
}

/** Every resource of `type` in one patient's compartment (bounded by one person's record). */
export async function listForPatient(
  db: Queryable,
  clinicId: string,
  type: ServedType,
  patientId: string,
): Promise<FhirResource[]> {
  const source = sources[type];
  const q = new SqlParams();
  if (!source.patient || uuids([patientId]).length === 0) return [];
  const where = [...source.base(q, clinicId), `${source.patient} = ${q.add(patientId)}::uuid`];
  const { rows } = await db.query<Row>(
    `${source.select} WHERE ${where.join(' AND ')} ORDER BY ${source.id}`,
    q.values,
  );
  return rows.map((r) => source.toResource(r));
}

export async function findPatientData(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<PatientData | undefined> {
  if (uuids([id]).length === 0) return undefined;
  const { rows } = await db.query<Row>(`${sources.Patient.select} WHERE p.clinic_id = $1 AND p.id = $2`, [
    clinicId,
    id,
  ]);
  return rows[0] ? patientDataOf(rows[0]) : undefined;
}

export interface PatientVersionRow {
  version: number;
  changed_at: Date;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export async function listPatientVersions(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<PatientVersionRow[]> {
  const { rows } = await db.query<PatientVersionRow>(
    `SELECT version, changed_at, changes FROM patient_versions WHERE clinic_id = $1 AND patient_id = $2 ORDER BY version DESC`,
    [clinicId, patientId],
  );
  return rows;
}

/**
 * Streams every resource of `type` (changed since `since`, if given) through a server-side cursor inside the
 * caller's transaction: at most `batch` rows are in memory at once.
 */
export async function* streamResources(
  client: pg.PoolClient,
  clinicId: string,
  type: ServedType,
  since: Date | null,
  batch = 1000,
): AsyncGenerator<FhirResource[]> {
  const source = sources[type];
  const q = new SqlParams();
  const where = source.base(q, clinicId);
  if (since) where.push(`${source.lastUpdated} > ${q.add(since)}`);
  const name = `export_${type.toLowerCase()}`;
  await client.query(
    `DECLARE ${name} NO SCROLL CURSOR FOR ${source.select} WHERE ${where.join(' AND ')}`,
    q.values,
  );
  try {
    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${batch} FROM ${name}`);
      if (rows.length === 0) break;
      yield rows.map((r) => source.toResource(r));
    }
  } finally {
    await client.query(`CLOSE ${name}`);
  }
}
