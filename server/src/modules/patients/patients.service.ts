import type {
  CreatePatientRequest,
  PatientRecord,
  PatientSearchQuery,
  PatientSummary,
} from '@needlepoint/core/contracts/patients';
import { DomainError } from '@needlepoint/core/errors';
import type { Locale } from '@needlepoint/core/i18n/locale';
import type { IntakeRecordChanges } from '@needlepoint/core/intake/intake-to-record';
import { localDate } from '@needlepoint/core/scheduling/time-zone';
import type { PoolClient } from 'pg';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { auditedReads, recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { clinicTimeZone } from '../clinic/clinic.service';
import { toRecord, toSummary } from './patient-dto';
import * as repo from './patients.repo';

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

/** Loads a record inside the caller's transaction; unknown or another clinic's patient is a 404. */
export async function loadRecord(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<PatientRecord> {
  const found = await repo.findPatientWithEntries(client, clinicId, patientId);
  if (!found) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
  return toRecord(found.patient, found.entries);
}

/**
 * A staff read of one part of a patient's record, in one transaction: the patient must be of the actor's clinic
 * (else a 404), then `read` runs and the viewing is audited against the patient.
 */
export async function readPatientPart<T>(
  db: Database,
  actor: Actor,
  patientId: string,
  audit: { action: string; details?: Record<string, unknown> },
  read: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, patientId);
    const part = await read(client);
    await recordAudit(client, actor, {
      action: audit.action,
      entityType: 'patient',
      entityId: patientId,
      patientId,
      ...(audit.details ? { details: audit.details } : {}),
    });
    return part;
  });
}

/** `loadRecord` as a part of another use case's one-statement read (`readTogether`). */
export function recordPart(clinicId: string, patientId: string): ReadPart<PatientRecord> {
  return mapPart(repo.patientWithEntriesPart(clinicId, patientId), (found) => {
    if (!found) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
    return toRecord(found.patient, found.entries);
  });
}

/** The patient's row without the record's entries, inside the caller's transaction; unknown is a 404. */
export async function patientOf(client: Queryable, clinicId: string, patientId: string) {
  const row = await repo.findPatient(client, clinicId, patientId);
  if (!row) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
  return row;
}

/** Records asked for together are read, and their reads audited, in one statement. */
const readRecords = auditedReads((client, wanted: readonly { clinicId: string; id: string }[], audit) =>
  repo.findPatientsWithEntries(client, wanted, audit),
);

/** Reads one patient's whole record; the answer leaves only once the read's audit event is stored. */
export async function getPatientRecord(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientRecord> {
  const found = await readRecords(
    db,
    actor,
    { clinicId: actor.clinicId, id: patientId },
    { action: 'patient.viewed', entityType: 'patient', entityId: patientId, patientId },
  );
  if (!found) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
  return toRecord(found.patient, found.entries);
}

/** A birth date after the clinic's today is a typing mistake. */
export async function refuseFutureBirthDate(
  client: Queryable,
  clock: Clock,
  clinicId: string,
  birthDate: string,
): Promise<void> {
  const today = localDate(clock.now().getTime(), await clinicTimeZone(client, clinicId));
  if (birthDate > today) {
    throw new DomainError('PATIENT_BIRTH_DATE_IN_FUTURE', 'The birth date is after today', {
      fields: [{ path: 'body.birthDate', message: 'The birth date cannot be in the future' }],
    });
  }
}

/**
 * A new patient. A birth date after the clinic's today is refused; a patient with the same name and birth date
 * already on file is a possible duplicate, refused until staff confirm it is another person (`notDuplicate`).
 */
export async function createPatient(
  deps: { db: Database; clock: Clock },
  actor: Actor,
  input: CreatePatientRequest,
): Promise<PatientRecord> {
  return deps.db.transaction(async (client) => {
    await refuseFutureBirthDate(client, deps.clock, actor.clinicId, input.birthDate);
    if (!input.notDuplicate) {
      const same = await repo.findSameNameAndBirthDate(client, actor.clinicId, input);
      if (same.length > 0) {
        throw new DomainError(
          'PATIENT_POSSIBLE_DUPLICATE',
          'A patient with this name and birth date is already on file. Check it is not the same person.',
          { details: { matches: same.map(toSummary) } },
        );
      }
    }
    const row = await repo.insertPatient(client, actor.clinicId, input);
    await repo.insertVersion(client, {
      clinicId: actor.clinicId,
      patientId: row.id,
      version: 1,
      changedBy: actor.userId,
      summary: 'Record created',
      changes: {},
    });
    await recordAudit(client, actor, {
      action: 'patient.created',
      entityType: 'patient',
      entityId: row.id,
      patientId: row.id,
    });
    return toRecord(row, []);
  });
}

/** The patient chooses the language of their portal and of every message to them; audited. */
export async function choosePreferredLanguage(
  db: Database,
  actor: Actor,
  patientId: string,
  language: Locale,
): Promise<void> {
  await db.transaction(async (client) => {
    const previous = await repo.updatePreferredLanguage(client, actor.clinicId, patientId, language);
    if (previous === null) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient in this clinic');
    await recordAudit(client, actor, {
      action: 'patient.language-chosen',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { from: previous, to: language },
    });
  });
}

/** Appends a version of the record (what changed and who changed it), inside the caller's transaction. */
export async function recordPatientVersion(
  client: Queryable,
  version: Parameters<typeof repo.insertVersion>[1],
): Promise<void> {
  await repo.insertVersion(client, version);
}

/**
 * The patient's row, locked until the caller's transaction ends (a use case that rewrites the record);
 * unknown or another clinic's patient is PATIENT_NOT_FOUND.
 */
export async function lockPatient(client: Queryable, clinicId: string, patientId: string) {
  const row = await repo.findPatient(client, clinicId, patientId, { forUpdate: true });
  if (!row) throw new DomainError('PATIENT_NOT_FOUND', 'No such patient');
  return row;
}

/**
 * Fills a locked record from a submitted intake: its entries replace those of an earlier intake, answers,
 * reviewed lists and concerns are merged, and a version is written. Inside the caller's transaction.
 */
export async function fillRecordFromIntake(
  client: Queryable,
  actor: Actor,
  patient: repo.PatientRow,
  changes: IntakeRecordChanges,
): Promise<void> {
  const replaced = await repo.deleteIntakeEntries(client, actor.clinicId, patient.id);
  for (const entry of changes.entries) {
    await repo.insertEntry(client, {
      ...entry,
      clinicId: actor.clinicId,
      patientId: patient.id,
      source: 'intake',
      sourceRef: entry.sourceRef,
    });
  }
  const after = await repo.updatePatientFields(client, actor.clinicId, patient.id, {
    answers: { ...patient.answers, ...changes.answers },
    listsReviewed: { ...patient.lists_reviewed, ...changes.listsReviewed },
    concerns: [...new Set([...patient.concerns, ...changes.concerns])],
    ...(changes.fitzpatrick !== null ? { fitzpatrick: changes.fitzpatrick } : {}),
  });
  await repo.insertVersion(client, {
    clinicId: actor.clinicId,
    patientId: patient.id,
    version: after.version,
    changedBy: actor.userId,
    summary: `Intake questionnaire submitted (${changes.entries.length} entries${replaced ? `, replacing ${replaced} from an earlier intake` : ''})`,
    changes: { answers: { from: patient.answers, to: after.answers } },
  });
}
