import type {
  CreatePatientRequest,
  PatientRecord,
  PatientSearchQuery,
  PatientSummary,
} from '@needlepoint/core/contracts/patients';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './patients.repo';

function toSummary(row: repo.PatientRow): PatientSummary {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex,
    email: row.email,
    phone: row.phone,
    archived: row.archived_at !== null,
  };
}

function toRecord(row: repo.PatientRow, entries: repo.EntryRow[]): PatientRecord {
  return {
    ...toSummary(row),
    fitzpatrick: row.fitzpatrick,
    concerns: row.concerns,
    notes: row.notes,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      system: e.system,
      code: e.code,
      display: e.display,
      status: e.status,
      startDate: e.start_date,
      endDate: e.end_date,
      value: e.value,
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function searchPatients(
  db: Database,
  actor: Actor,
  query: PatientSearchQuery,
): Promise<PatientSummary[]> {
  return db.transaction(async (client) => {
    const rows = await repo.searchPatients(
      client,
      actor.clinicId,
      query.q,
      query.includeArchived === 'true',
      query.limit,
    );
    await recordAudit(client, actor, {
      action: 'patient.searched',
      entityType: 'patient',
      details: { q: query.q ?? '', results: rows.length },
    });
    return rows.map(toSummary);
  });
}

/** Reads one patient's whole record; the read itself is audited in the same transaction. */
export async function getPatientRecord(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientRecord> {
  return db.transaction(async (client) => {
    const row = await repo.findPatient(client, actor.clinicId, patientId);
    if (!row) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
    const entries = await repo.listEntries(client, actor.clinicId, patientId);
    await recordAudit(client, actor, {
      action: 'patient.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
    return toRecord(row, entries);
  });
}

export async function createPatient(
  db: Database,
  actor: Actor,
  input: CreatePatientRequest,
): Promise<PatientRecord> {
  return db.transaction(async (client) => {
    const row = await repo.insertPatient(client, actor.clinicId, input);
    await recordAudit(client, actor, {
      action: 'patient.created',
      entityType: 'patient',
      entityId: row.id,
      patientId: row.id,
    });
    return toRecord(row, []);
  });
}
