import type { ImportCounts, ImportReport } from '@needlepoint/core/contracts/imports';
import {
  importedResourceTypes,
  mapEntry,
  mapPatient,
  type Json,
} from '@needlepoint/core/fhir/fhir-to-record';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import { insertVersion } from '../patients/patients.repo';
import { fhirProblem, isFhirResourceType } from './fhir-validation';
import type { SourceItem } from './import-sources';
import * as repo from './import.repo';

/** Who runs an import: a signed-in user, or the command line (no user). */
export type ImportActor =
  Actor | { userId: null; clinicId: string; role: null; ip: null; requestId: string | null };

const batchSize = 200;
const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

interface RunState {
  report: ImportReport;
  /** Patient references seen in this import (`Patient/id`, `urn:uuid:...`) -> record id. */
  patients: Map<string, string>;
  /** Medication resources by reference, for `medicationReference`. */
  medications: Map<string, Json>;
  /** Patients whose entries changed in the current batch, with counts for their history. */
  touched: Map<string, { created: number; updated: number }>;
}

type Outcome = 'created' | 'updated' | 'unchanged';

/** What happened to one item: stored (created, updated, unchanged), skipped (a type the record does not keep) or rejected. */
export type ItemResult = { status: Outcome | 'skipped' } | { status: 'rejected'; reason: string };
export type OnItem = (item: SourceItem, result: ItemResult) => void;

async function importPatient(
  client: Queryable,
  actor: ImportActor,
  state: RunState,
  item: Extract<SourceItem, { resource: unknown }>,
): Promise<Outcome | string> {
  const mapped = mapPatient(item.resource);
  if (!mapped.ok) return mapped.reason;
  const p = mapped.value;
  const identifiers = [
    ...p.identifiers,
    ...(p.sourceRef ? [{ system: repo.sourceIdentifierSystem, value: p.sourceRef }] : []),
  ];
  const existing =
    (await repo.findPatientByIdentifiers(client, actor.clinicId, identifiers)) ??
    (await repo.findPatientByNameAndBirth(client, actor.clinicId, p));
  let id: string;
  let outcome: Outcome;
  if (!existing) {
    id = await repo.insertImportedPatient(client, actor.clinicId, p);
    await insertVersion(client, {
      clinicId: actor.clinicId,
      patientId: id,
      version: 1,
      changedBy: actor.userId,
      summary: 'Created by FHIR import',
      changes: {},
    });
    outcome = 'created';
  } else {
    id = existing.id;
    const before = {
      givenName: existing.given_name,
      familyName: existing.family_name,
      birthDate: existing.birth_date,
      sex: existing.sex,
      email: existing.email,
      phone: existing.phone,
      address: existing.address,
    };
    const after = {
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      sex: p.sex,
      email: p.email,
      phone: p.phone,
      address: p.address,
    };
    const changes = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => before[k as keyof typeof before] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    if (Object.keys(changes).length > 0) {
      const version = await repo.updateImportedPatient(client, actor.clinicId, id, p);
      await insertVersion(client, {
        clinicId: actor.clinicId,
        patientId: id,
        version,
        changedBy: actor.userId,
        summary: 'Updated by FHIR import',
        changes,
      });
      outcome = 'updated';
    } else {
      outcome = 'unchanged';
    }
  }
  await repo.addIdentifiers(client, actor.clinicId, id, identifiers);
  if (outcome !== 'unchanged') {
    await recordAudit(client, actor, {
      action: `patient.import-${outcome}`,
      entityType: 'patient',
      entityId: id,
      patientId: id,
      details: { source: item.source },
    });
  }
  if (p.sourceRef) state.patients.set(p.sourceRef, id);
  if (item.fullUrl) state.patients.set(item.fullUrl, id);
  return outcome;
}

async function importEntry(
  client: Queryable,
  actor: ImportActor,
  state: RunState,
  item: Extract<SourceItem, { resource: unknown }>,
): Promise<Outcome | string> {
  const mapped = mapEntry(item.resource, state.medications);
  if (!mapped.ok) return mapped.reason;
  const e = mapped.value;
  const patientId =
    state.patients.get(e.patientRef) ??
    (await repo.findPatientIdBySourceRef(client, actor.clinicId, e.patientRef));
  if (!patientId)
    return `references ${e.patientRef}, which is neither in this import nor already in the clinic`;
  const existing = await repo.findEntryBySourceRef(client, actor.clinicId, e.sourceRef);
  const touched = state.touched.get(patientId) ?? { created: 0, updated: 0 };
  state.touched.set(patientId, touched);
  if (!existing) {
    await repo.insertImportedEntry(client, actor.clinicId, patientId, e);
    touched.created += 1;
    return 'created';
  }
  if (existing.fingerprint === repo.entryFingerprint(e)) return 'unchanged';
  await repo.updateImportedEntry(client, actor.clinicId, existing.id, e);
  touched.updated += 1;
  return 'updated';
}

function count(state: RunState, type: string, outcome: Outcome): void {
  if (type === 'Patient') {
    state.report.patients[outcome] += 1;
    return;
  }
  const counts = (state.report.resources[type] ??= emptyCounts());
  counts[outcome] += 1;
}

/** One transaction per batch; each resource in a savepoint, so a bad one is rejected and the rest land. */
async function flush(
  db: Database,
  actor: ImportActor,
  state: RunState,
  batch: SourceItem[],
  onItem?: OnItem,
): Promise<void> {
  const ordered = [...batch].sort(
    (a, b) =>
      Number(!('resource' in a && a.resource.resourceType === 'Patient')) -
      Number(!('resource' in b && b.resource.resourceType === 'Patient')),
  );
  await db.transaction(async (client) => {
    for (const item of ordered) {
      const reject = (reason: string) => {
        state.report.rejected.push({
          source: item.source,
          ...(item.line ? { line: item.line } : {}),
          reason,
        });
        onItem?.(item, { status: 'rejected', reason });
      };
      if ('error' in item) {
        reject(item.error);
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
        reject(`${type}${typeof item.resource.id === 'string' ? `/${item.resource.id}` : ''}: ${problem}`);
        continue;
      }
      if (type === 'Medication') {
        if (typeof item.resource.id === 'string')
          state.medications.set(`Medication/${item.resource.id}`, item.resource);
        if (item.fullUrl) state.medications.set(item.fullUrl, item.resource);
      }
      if (!importedResourceTypes.includes(type)) {
        state.report.skipped[type] = (state.report.skipped[type] ?? 0) + 1;
        onItem?.(item, { status: 'skipped' });
        continue;
      }
      await client.query('SAVEPOINT import_item');
      try {
        const outcome =
          type === 'Patient'
            ? await importPatient(client, actor, state, item)
            : await importEntry(client, actor, state, item);
        if (outcome === 'created' || outcome === 'updated' || outcome === 'unchanged') {
          count(state, type, outcome);
          await client.query('RELEASE SAVEPOINT import_item');
          onItem?.(item, { status: outcome });
        } else {
          await client.query('ROLLBACK TO SAVEPOINT import_item');
          reject(`${type}/${String(item.resource.id ?? '?')}: ${outcome}`);
        }
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT import_item');
        reject(
          `${type}/${String(item.resource.id ?? '?')}: could not be stored (${error instanceof Error ? error.message : 'database error'})`,
        );
      }
    }
    for (const [patientId, changed] of state.touched) {
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
    state.touched.clear();
  });
}

/**
 * Imports FHIR R4 resources into the clinic's records: idempotent (match by identifier, else name + birth
 * date; entries by their source reference), streaming (holds one batch at a time), reporting each rejection.
 */
export async function importFhir(
  db: Database,
  actor: ImportActor,
  items: AsyncIterable<SourceItem>,
  options: { onProgress?: (done: number) => void; onItem?: OnItem } = {},
): Promise<ImportReport> {
  const { onProgress, onItem } = options;
  const state: RunState = {
    report: { patients: emptyCounts(), resources: {}, skipped: {}, rejected: [] },
    patients: new Map(),
    medications: new Map(),
    touched: new Map(),
  };
  let batch: SourceItem[] = [];
  let done = 0;
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= batchSize) {
      await flush(db, actor, state, batch, onItem);
      done += batch.length;
      onProgress?.(done);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await flush(db, actor, state, batch, onItem);
    onProgress?.(done + batch.length);
  }
  await db.transaction((client) =>
    recordAudit(client, actor, {
      action: 'fhir.imported',
      entityType: 'import',
      details: { patients: state.report.patients, rejected: state.report.rejected.length },
    }),
  );
  return state.report;
}
