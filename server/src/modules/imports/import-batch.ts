import type { Json } from '@needlepoint/core/fhir/fhir-json';
import { referenceKey, referenceKeys } from '@needlepoint/core/fhir/fhir-json';
import { mapPatient, type ImportedPatient } from '@needlepoint/core/fhir/fhir-patient';
import {
  entryResourceKinds,
  importedResourceTypes,
  mapEntry,
  mapList,
  medicationReferenceOf,
  medicationResolvable,
  unreadableMedication,
  type ImportedEntry,
  type MedicationResolver,
} from '@needlepoint/core/fhir/fhir-to-record';
import { inSavepoint, type Queryable } from '../../db/database';
import { recordAudit, type AnyActor } from '../../platform/audit';
import { recordPatientVersion } from '../patients/patients.service';
import { isFhirResourceType, recordProblem } from './fhir-validation';
import type { SourceItem } from './import-sources';
import { upsertPatient, type Outcome } from './import-patient';
import * as repo from './import.repo';
import { scalarText } from '@needlepoint/core/text/scalar-text';

/** What happened to one item: stored (created, updated, unchanged), skipped (a type the record does not keep) or rejected. */
export type ItemResult = { status: Outcome | 'skipped' } | { status: 'rejected'; reason: string };

export type ResourceItem = Extract<SourceItem, { resource: unknown }>;

/** A batch after validation and mapping, before any database work. */
export interface Prepared {
  settled: { item: SourceItem; result: ItemResult }[];
  patients: { item: ResourceItem; patient: ImportedPatient }[];
  entries: { item: ResourceItem; entry: ImportedEntry }[];
  medications: { item: ResourceItem; refs: string[] }[];
  lists: { item: ResourceItem; list: string; patientRef: string; date: string }[];
}

/** What a batch wrote, applied to the run only after its transaction committed. */
export interface Written {
  results: { item: SourceItem; result: ItemResult }[];
  refs: [string, string][];
}

/** State that lives for one whole import run (across batches). */
export interface RunState {
  /** Patient references (`Patient/id`, fullUrl) -> patient id. */
  patients: Map<string, string>;
  /** Medications seen in this run, by each reference key. */
  medications: Map<string, Json>;
  /** Medication resources whose Medication was not seen yet: read at the end of the run. */
  pending: ResourceItem[];
  /** Entry source references already taken in this run (the same resource twice is counted once). */
  seen: Set<string>;
  today: string;
}

export const label = (item: ResourceItem) =>
  `${scalarText(item.resource.resourceType, '?')}/${scalarText(item.resource.id, '?')}`;

/** JSON with sorted keys: the database (jsonb) does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Validates and maps one batch. `final`: medication references are resolved now (end of run); otherwise a
 * medication whose Medication is not known yet waits in `state.pending` (it may come later in the import).
 */
export function prepare(
  batch: SourceItem[],
  state: RunState,
  resolve: MedicationResolver,
  final: boolean,
): Prepared {
  const prepared: Prepared = { settled: [], patients: [], entries: [], medications: [], lists: [] };
  const reject = (item: SourceItem, reason: string) =>
    prepared.settled.push({ item, result: { status: 'rejected', reason } });
  for (const item of batch) {
    if ('error' in item) {
      reject(item, item.error);
      continue;
    }
    const resource = item.resource;
    const type = String(resource.resourceType);
    const kept = importedResourceTypes.includes(type) || type === 'Medication' || type === 'List';
    // Types the record does not keep are counted, not validated: only their type must be a FHIR type.
    const problem = kept
      ? recordProblem(resource)
      : isFhirResourceType(type)
        ? null
        : `unknown resource type "${type}"`;
    if (problem) {
      const kept = unreadableMedication(resource, problem);
      if (kept && !state.seen.has(kept.sourceRef)) {
        state.seen.add(kept.sourceRef);
        prepared.entries.push({ item, entry: kept });
      } else reject(item, `${type}${typeof resource.id === 'string' ? `/${resource.id}` : ''}: ${problem}`);
      continue;
    }
    if (type === 'Medication') {
      const refs = referenceKeys(resource, item.fullUrl);
      for (const ref of refs) state.medications.set(ref, resource);
      prepared.medications.push({ item, refs });
    } else if (type === 'List') {
      const list = mapList(resource);
      if (list) prepared.lists.push({ item, ...list, date: list.date ?? state.today });
      else prepared.settled.push({ item, result: { status: 'skipped' } });
    } else if (!importedResourceTypes.includes(type)) {
      prepared.settled.push({ item, result: { status: 'skipped' } });
    } else if (type === 'Patient') {
      const mapped = mapPatient(resource);
      if (mapped.ok) prepared.patients.push({ item, patient: mapped.value });
      else reject(item, `${label(item)}: ${mapped.reason}`);
    } else {
      if (!final && entryResourceKinds[type] === 'medication' && !medicationResolvable(resource, resolve)) {
        state.pending.push(item);
        continue;
      }
      const mapped = mapEntry(resource, resolve);
      if (!mapped.ok) reject(item, `${label(item)}: ${mapped.reason}`);
      else if (state.seen.has(mapped.value.sourceRef))
        prepared.settled.push({ item, result: { status: 'unchanged' } });
      else {
        state.seen.add(mapped.value.sourceRef);
        prepared.entries.push({ item, entry: mapped.value });
      }
    }
  }
  return prepared;
}

/** The Medication references pending items wait for, as stored keys. */
export function pendingReferences(pending: ResourceItem[]): string[] {
  return [
    ...new Set(
      pending
        .map((i) => medicationReferenceOf(i.resource))
        .filter((r): r is string => !!r)
        .map(referenceKey),
    ),
  ];
}

/** A database refusal in words a person can act on (never the raw driver message). */
function dbReason(item: ResourceItem, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const why =
    code === '23505'
      ? 'it duplicates a record already stored'
      : code === '23514' || code === '22007' || code === '22008'
        ? 'a value is out of range'
        : 'the database refused it';
  return `${label(item)}: could not be stored (${why})`;
}

/**
 * Writes one prepared batch. Patients go one by one (each in a savepoint). Entries go in bulk (`bulk`: one look-up,
 * one multi-row insert) or, when a bulk attempt failed, one by one in savepoints so the bad one is named.
 */
export async function writeBatch(
  client: Queryable,
  actor: AnyActor,
  known: ReadonlyMap<string, string>,
  prepared: Prepared,
  bulk: boolean,
): Promise<Written> {
  const written: Written = { results: [...prepared.settled], refs: [] };
  const refs = new Map(known);
  for (const { item, patient } of prepared.patients) {
    try {
      const { id, outcome } = await inSavepoint(client, 'import_item', () =>
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
  if (prepared.medications.length > 0) {
    const known = await repo.findMedications(
      client,
      actor.clinicId,
      prepared.medications.flatMap((m) => m.refs),
    );
    await repo.upsertMedications(
      client,
      actor.clinicId,
      prepared.medications.flatMap((m) => m.refs.map((ref) => ({ ref, resource: m.item.resource }))),
    );
    for (const { item, refs: keys } of prepared.medications) {
      const before = keys.map((k) => known.get(k)).find(Boolean);
      const status: Outcome = !before
        ? 'created'
        : canonical(before) === canonical(item.resource)
          ? 'unchanged'
          : 'updated';
      written.results.push({ item, result: { status } });
    }
  }
  const patientRefs = [
    ...prepared.entries.map((e) => e.entry.patientRef),
    ...prepared.lists.map((l) => l.patientRef),
  ];
  const unresolved = [...new Set(patientRefs.filter((r) => !refs.has(r)))];
  for (const [ref, id] of await repo.findPatientIdsBySourceRefs(client, actor.clinicId, unresolved))
    refs.set(ref, id);
  const patientOf = (ref: string) => refs.get(ref) ?? refs.get(referenceKey(ref));
  const notFound = (item: ResourceItem, ref: string) =>
    written.results.push({
      item,
      result: {
        status: 'rejected',
        reason: `${label(item)}: references ${ref}, which is neither in this import nor already in the clinic`,
      },
    });
  for (const { item, list, patientRef, date } of prepared.lists) {
    const patientId = patientOf(patientRef);
    if (!patientId) {
      notFound(item, patientRef);
      continue;
    }
    await repo.markListsReviewed(client, actor.clinicId, patientId, { [list]: date });
    written.results.push({ item, result: { status: 'unchanged' } });
  }
  const existing = await repo.findEntriesBySourceRefs(
    client,
    actor.clinicId,
    prepared.entries.map((e) => e.entry.sourceRef),
  );
  const touched = new Map<string, { created: number; updated: number }>();
  const toInsert: { patientId: string; entry: ImportedEntry }[] = [];
  for (const { item, entry } of prepared.entries) {
    const patientId = patientOf(entry.patientRef);
    if (!patientId) {
      notFound(item, entry.patientRef);
      continue;
    }
    const before = existing.get(entry.sourceRef);
    const counts = touched.get(patientId) ?? { created: 0, updated: 0 };
    touched.set(patientId, counts);
    try {
      if (!before) {
        if (bulk) toInsert.push({ patientId, entry });
        else
          await inSavepoint(client, 'import_item', () =>
            repo.insertImportedEntry(client, actor.clinicId, patientId, entry),
          );
        counts.created += 1;
        written.results.push({ item, result: { status: 'created' } });
      } else if (before.fingerprint === repo.entryFingerprint(entry)) {
        written.results.push({ item, result: { status: 'unchanged' } });
      } else {
        await inSavepoint(client, 'import_item', () =>
          repo.updateImportedEntry(client, actor.clinicId, before.id, entry),
        );
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
    await recordPatientVersion(client, {
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
