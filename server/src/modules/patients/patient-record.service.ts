import type {
  EntryInput,
  MergePatientsRequest,
  PatientHistory,
  PatientRecord,
  UpdatePatientRequest,
} from '@needlepoint/core/contracts/patients';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { toEntry, toRecord } from './patient-dto';
import { loadRecord, readPatientPart, refuseFutureBirthDate } from './patients.service';
import * as repo from './patients.repo';

/** Locks the row and checks the caller edited the version they saw. */
async function lockForChange(
  client: Queryable,
  actor: Actor,
  patientId: string,
  expectedVersion?: number,
): Promise<repo.PatientRow> {
  const row = await repo.findPatient(client, actor.clinicId, patientId, { forUpdate: true });
  if (!row) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new DomainError(
      'PATIENT_VERSION_CONFLICT',
      'Someone else changed this record; reload it and apply your change again',
      {
        details: { currentVersion: row.version },
      },
    );
  }
  return row;
}

async function recordVersion(
  client: Queryable,
  actor: Actor,
  row: repo.PatientRow,
  summary: string,
  changes: Record<string, unknown>,
  action: string,
): Promise<void> {
  await repo.insertVersion(client, {
    clinicId: actor.clinicId,
    patientId: row.id,
    version: row.version,
    changedBy: actor.userId,
    summary,
    changes,
  });
  await recordAudit(client, actor, {
    action,
    entityType: 'patient',
    entityId: row.id,
    patientId: row.id,
    details: { version: row.version, summary },
  });
}

function currentValue(row: repo.PatientRow, field: repo.PatientField): unknown {
  return row[repo.patientColumns[field]];
}

/** Applies a partial change; unchanged fields are ignored; every real change becomes a version. */
export async function updatePatient(
  deps: { db: Database; clock: Clock },
  actor: Actor,
  patientId: string,
  input: UpdatePatientRequest,
): Promise<PatientRecord> {
  return deps.db.transaction(async (client) => {
    if (input.birthDate) await refuseFutureBirthDate(client, deps.clock, actor.clinicId, input.birthDate);
    const before = await lockForChange(client, actor, patientId, input.expectedVersion);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of Object.keys(repo.patientColumns) as repo.PatientField[]) {
      const to = input[field];
      if (to === undefined) continue;
      const from = currentValue(before, field);
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
    }
    if (Object.keys(changes).length === 0)
      return toRecord(before, await repo.listEntries(client, actor.clinicId, patientId));
    const fields = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to]));
    const after = await repo.updatePatientFields(client, actor.clinicId, patientId, fields);
    await recordVersion(
      client,
      actor,
      after,
      `Changed ${Object.keys(changes).join(', ')}`,
      changes,
      'patient.updated',
    );
    return toRecord(after, await repo.listEntries(client, actor.clinicId, patientId));
  });
}

export async function addEntry(
  db: Database,
  actor: Actor,
  patientId: string,
  input: EntryInput,
): Promise<PatientRecord> {
  return db.transaction(async (client) => {
    await lockForChange(client, actor, patientId);
    const entry = await repo.insertEntry(client, {
      ...input,
      clinicId: actor.clinicId,
      patientId,
      source: 'clinic',
    });
    const after = await repo.updatePatientFields(client, actor.clinicId, patientId, {});
    await recordVersion(
      client,
      actor,
      after,
      `Added ${entry.kind} “${entry.display}”`,
      { [`entry:${entry.id}`]: { from: null, to: toEntry(entry) } },
      'patient.entry-added',
    );
    return loadRecord(client, actor.clinicId, patientId);
  });
}

/** Corrects an entry; removing one is a change of status to `entered-in-error`, so history keeps it. */
export async function changeEntry(
  db: Database,
  actor: Actor,
  patientId: string,
  entryId: string,
  input: EntryInput,
): Promise<PatientRecord> {
  return db.transaction(async (client) => {
    await lockForChange(client, actor, patientId);
    const before = await repo.findEntry(client, actor.clinicId, patientId, entryId);
    if (!before) throw new DomainError('NOT_FOUND', 'No such entry on this record');
    const entry = await repo.updateEntry(client, actor.clinicId, entryId, input);
    const after = await repo.updatePatientFields(client, actor.clinicId, patientId, {});
    await recordVersion(
      client,
      actor,
      after,
      `Changed ${entry.kind} “${entry.display}”`,
      { [`entry:${entry.id}`]: { from: toEntry(before), to: toEntry(entry) } },
      'patient.entry-changed',
    );
    return loadRecord(client, actor.clinicId, patientId);
  });
}

export async function setArchived(
  db: Database,
  actor: Actor,
  patientId: string,
  archived: boolean,
): Promise<PatientRecord> {
  return db.transaction(async (client) => {
    const before = await lockForChange(client, actor, patientId);
    if ((before.archived_at !== null) === archived)
      return toRecord(before, await repo.listEntries(client, actor.clinicId, patientId));
    const after = await repo.updatePatientFields(
      client,
      actor.clinicId,
      patientId,
      {},
      { archivedAt: archived ? actor.clock.now() : null },
    );
    await recordVersion(
      client,
      actor,
      after,
      archived ? 'Archived' : 'Restored from archive',
      { archived: { from: !archived, to: archived } },
      archived ? 'patient.archived' : 'patient.restored',
    );
    return toRecord(after, await repo.listEntries(client, actor.clinicId, patientId));
  });
}

/** Merges a duplicate into this record: its entries, identifiers, appointments and portal account move over. */
export async function mergePatients(
  db: Database,
  actor: Actor,
  survivorId: string,
  input: MergePatientsRequest,
): Promise<PatientRecord> {
  if (survivorId === input.duplicateId)
    throw new DomainError('PATIENT_MERGE_INTO_SELF', 'A record cannot be merged into itself');
  return db.transaction(async (client) => {
    // Lock both rows in a fixed order so two opposite merges cannot deadlock.
    const [first, second] = [survivorId, input.duplicateId].sort();
    await lockForChange(client, actor, first!);
    await lockForChange(client, actor, second!);
    const survivor = await lockForChange(client, actor, survivorId, input.expectedVersion);
    const duplicate = await lockForChange(client, actor, input.duplicateId);
    if (duplicate.merged_into)
      throw new DomainError('PATIENT_ALREADY_MERGED', 'That record was already merged into another');
    await repo.movePatientData(client, actor.clinicId, duplicate.id, survivor.id);
    const closed = await repo.updatePatientFields(
      client,
      actor.clinicId,
      duplicate.id,
      {},
      { archivedAt: actor.clock.now(), mergedInto: survivor.id },
    );
    await recordVersion(
      client,
      actor,
      closed,
      `Merged into ${survivor.given_name} ${survivor.family_name}`,
      { mergedInto: { from: null, to: survivor.id } },
      'patient.merged-away',
    );
    const after = await repo.updatePatientFields(client, actor.clinicId, survivor.id, {});
    await recordVersion(
      client,
      actor,
      after,
      `Merged duplicate ${duplicate.given_name} ${duplicate.family_name} (${duplicate.birth_date})`,
      { mergedFrom: { from: null, to: duplicate.id } },
      'patient.merged',
    );
    return loadRecord(client, actor.clinicId, survivor.id);
  });
}

export async function getPatientHistory(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientHistory> {
  return readPatientPart(db, actor, patientId, { action: 'patient.history-viewed' }, async (client) => {
    const versions = await repo.listVersions(client, actor.clinicId, patientId);
    return {
      versions: versions.map((v) => ({
        version: v.version,
        changedAt: v.changed_at.toISOString(),
        changedBy: v.changed_by,
        changedByName: v.changed_by_name,
        summary: v.summary,
        changes: v.changes,
      })),
    };
  });
}
