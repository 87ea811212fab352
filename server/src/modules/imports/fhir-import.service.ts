import type { ImportCounts, ImportReport } from '@needlepoint/core/contracts/imports';
import {
  importedResourceTypes,
  mapEntry,
  mapPatient,
  type ImportedEntry,
  type ImportedPatient,
  type Json,
} from '@needlepoint/core/fhir/fhir-to-record';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type AnyActor } from '../../platform/audit';
import { insertVersion } from '../patients/patients.repo';
import { fhirProblem, isFhirResourceType } from './fhir-validation';
import type { SourceItem } from './import-sources';
import { upsertPatient, type Outcome } from './import-patient';
import * as repo from './import.repo';

/** Who runs an import: a signed-in user, or the system (the command line). */
export type ImportActor = AnyActor;

const batchSize = 200;
/** Rejections kept in a report (with their reasons); `rejectedCount` counts them all. */
export const maxRejectedInReport = 500;
const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** What happened to one item: stored (created, updated, unchanged), skipped (a type the record does not keep) or rejected. */
export type ItemResult = { status: Outcome | 'skipped' } | { status: 'rejected'; reason: string };
export type OnItem = (item: SourceItem, result: ItemResult) => void;

type ResourceItem = Extract<SourceItem, { resource: unknown }>;

/** A batch after validation and mapping, before any database work. */
interface Prepared {
  settled: { item: SourceItem; result: ItemResult }[];
  patients: { item: ResourceItem; patient: ImportedPatient }[];
  entries: { item: ResourceItem; entry: ImportedEntry }[];
}

/** What a batch wrote, applied to the run only after its transaction committed. */
interface Written {
  results: { item: SourceItem; result: ItemResult }[];
  refs: [string, string][];
}

const label = (item: ResourceItem) =>
  `${String(item.resource.resourceType)}/${String(item.resource.id ?? '?')}`;

function prepare(batch: SourceItem[], medications: Map<string, Json>): Prepared {
  const prepared: Prepared = { settled: [], patients: [], entries: [] };
  const reject = (item: SourceItem, reason: string) =>
    prepared.settled.push({ item, result: { status: 'rejected', reason } });
  for (const item of batch) {
    if ('error' in item) {
      reject(item, item.error);
      continue;
    }
    const type = String(item.resource.resourceType);
    const kept = importedResourceTypes.includes(type) || type === 'Medication';
    // Types the record does not keep are counted, not validated: only their type must be a FHIR type.
    const problem = kept
      ? fhirProblem(item.resource)
      : isFhirResourceType(type)
        ? null
        : `unknown resource type "${type}"`;
    if (problem) {
      reject(
        item,
        `${type}${typeof item.resource.id === 'string' ? `/${item.resource.id}` : ''}: ${problem}`,
      );
      continue;
    }
    if (type === 'Medication') {
      if (typeof item.resource.id === 'string')
        medications.set(`Medication/${item.resource.id}`, item.resource);
      if (item.fullUrl) medications.set(item.fullUrl, item.resource);
    }
    if (!importedResourceTypes.includes(type)) {
      prepared.settled.push({ item, result: { status: 'skipped' } });
    } else if (type === 'Patient') {
      const mapped = mapPatient(item.resource);
      if (mapped.ok) prepared.patients.push({ item, patient: mapped.value });
      else reject(item, `${label(item)}: ${mapped.reason}`);
    } else {
      const mapped = mapEntry(item.resource, medications);
      if (mapped.ok) prepared.entries.push({ item, entry: mapped.value });
      else reject(item, `${label(item)}: ${mapped.reason}`);
    }
  }
  return prepared;
}

async function inSavepoint<T>(client: Queryable, work: () => Promise<T>): Promise<T> {
  await client.query('SAVEPOINT import_item');
  try {
    const result = await work();
    await client.query('RELEASE SAVEPOINT import_item');
    return result;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT import_item');
    throw error;
  }
}

const dbReason = (item: ResourceItem, error: unknown) =>
  `${label(item)}: could not be stored (${error instanceof Error ? error.message : 'database error'})`;

/**
 * Writes one prepared batch. Patients go one by one (each in a savepoint). Entries go in bulk (`bulk`: one look-up,
 * one multi-row insert) or, when a bulk attempt failed, one by one in savepoints so the bad one is named.
 */
async function writeBatch(
  client: Queryable,
  actor: ImportActor,
  known: ReadonlyMap<string, string>,
  prepared: Prepared,
  bulk: boolean,
): Promise<Written> {
  const written: Written = { results: [...prepared.settled], refs: [] };
  const refs = new Map(known);
  for (const { item, patient } of prepared.patients) {
    try {
      const { id, outcome } = await inSavepoint(client, () =>
        upsertPatient(client, actor, patient, item.source),
      );
      for (const ref of [patient.sourceRef, item.fullUrl]) {
        if (ref) {
          refs.set(ref, id);
          written.refs.push([ref, id]);
        }
      }
      written.results.push({ item, result: { status: outcome } });
    } catch (error) {
      written.results.push({ item, result: { status: 'rejected', reason: dbReason(item, error) } });
    }
  }
  const unresolved = [
    ...new Set(prepared.entries.map((e) => e.entry.patientRef).filter((r) => !refs.has(r))),
  ];
  for (const [ref, id] of await repo.findPatientIdsBySourceRefs(client, actor.clinicId, unresolved))
    refs.set(ref, id);
  const existing = await repo.findEntriesBySourceRefs(
    client,
    actor.clinicId,
    prepared.entries.map((e) => e.entry.sourceRef),
  );
  const touched = new Map<string, { created: number; updated: number }>();
  const toInsert: { patientId: string; entry: ImportedEntry }[] = [];
  for (const { item, entry } of prepared.entries) {
    const patientId = refs.get(entry.patientRef);
    if (!patientId) {
      written.results.push({
        item,
        result: {
          status: 'rejected',
          reason: `${label(item)}: references ${entry.patientRef}, which is neither in this import nor already in the clinic`,
        },
      });
      continue;
    }
    const before = existing.get(entry.sourceRef);
    const counts = touched.get(patientId) ?? { created: 0, updated: 0 };
    touched.set(patientId, counts);
    try {
      if (!before) {
        if (bulk) toInsert.push({ patientId, entry });
        else
          await inSavepoint(client, () => repo.insertImportedEntry(client, actor.clinicId, patientId, entry));
        counts.created += 1;
        written.results.push({ item, result: { status: 'created' } });
      } else if (before.fingerprint === repo.entryFingerprint(entry)) {
        written.results.push({ item, result: { status: 'unchanged' } });
      } else {
        await inSavepoint(client, () => repo.updateImportedEntry(client, actor.clinicId, before.id, entry));
        counts.updated += 1;
        written.results.push({ item, result: { status: 'updated' } });
      }
    } catch (error) {
      written.results.push({ item, result: { status: 'rejected', reason: dbReason(item, error) } });
    }
  }
  if (toInsert.length > 0) await repo.insertImportedEntries(client, actor.clinicId, toInsert);
  for (const [patientId, changed] of touched) {
    if (changed.created + changed.updated === 0) continue;
    const version = await repo.bumpPatientVersion(client, actor.clinicId, patientId);
    const summary = `FHIR import: ${changed.created} entries added, ${changed.updated} updated`;
    await insertVersion(client, {
      clinicId: actor.clinicId,
      patientId,
      version,
      changedBy: actor.userId,
      summary,
      changes: {},
    });
    await recordAudit(client, actor, {
      action: 'patient.entries-imported',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: changed,
    });
  }
  return written;
}

/**
 * Imports FHIR R4 resources into the clinic's records: idempotent (match by identifier, else name + birth
 * date; entries by their source reference), streaming (holds one batch at a time), reporting each rejection.
 * One transaction per batch; if the bulk write of a batch fails, the batch is written again entry by entry.
 */
export async function importFhir(
  db: Database,
  actor: ImportActor,
  items: AsyncIterable<SourceItem>,
  options: { onProgress?: (done: number) => void; onItem?: OnItem } = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    patients: emptyCounts(),
    resources: {},
    skipped: {},
    rejected: [],
    rejectedCount: 0,
  };
  const patients = new Map<string, string>();
  const medications = new Map<string, Json>();
  const flush = async (batch: SourceItem[]) => {
    const prepared = prepare(batch, medications);
    const nothingToWrite = prepared.patients.length === 0 && prepared.entries.length === 0;
    const written: Written = nothingToWrite
      ? { results: prepared.settled, refs: [] }
      : await db
          .transaction((client) => writeBatch(client, actor, patients, prepared, true))
          .catch(() => db.transaction((client) => writeBatch(client, actor, patients, prepared, false)));
    for (const [ref, id] of written.refs) patients.set(ref, id);
    for (const { item, result } of written.results) {
      if (result.status === 'rejected') {
        report.rejectedCount += 1;
        if (report.rejected.length < maxRejectedInReport)
          report.rejected.push({
            source: item.source,
            ...(item.line ? { line: item.line } : {}),
            reason: result.reason,
          });
      } else if (result.status === 'skipped') {
        const type = String((item as ResourceItem).resource.resourceType);
        report.skipped[type] = (report.skipped[type] ?? 0) + 1;
      } else {
        const type = String((item as ResourceItem).resource.resourceType);
        const counts = type === 'Patient' ? report.patients : (report.resources[type] ??= emptyCounts());
        counts[result.status] += 1;
      }
      options.onItem?.(item, result);
    }
  };
  let batch: SourceItem[] = [];
  let done = 0;
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= batchSize) {
      await flush(batch);
      done += batch.length;
      options.onProgress?.(done);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await flush(batch);
    options.onProgress?.(done + batch.length);
  }
  await db.transaction((client) =>
    recordAudit(client, actor, {
      action: 'fhir.imported',
      entityType: 'import',
      details: { patients: report.patients, rejected: report.rejectedCount },
    }),
  );
  return report;
}
