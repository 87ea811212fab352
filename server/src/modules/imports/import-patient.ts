import type { ImportedPatient } from '@needlepoint/core/fhir/fhir-patient';
import { isPlaceholderIdentifier, samePerson } from '@needlepoint/core/fhir/patient-match';
import type { Queryable } from '../../db/database';
import { recordAudit, type AnyActor } from '../../platform/audit';
import { recordPatientVersion } from '../patients/patients.service';
import * as repo from './import.repo';

export type Outcome = 'created' | 'updated' | 'unchanged';

const demographics = (p: {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  email: string | null;
  phone: string | null;
  address: string;
  deceased: boolean;
  deceasedDate: string | null;
  birthSex: string | null;
}) => ({
  givenName: p.givenName,
  familyName: p.familyName,
  birthDate: p.birthDate,
  sex: p.sex,
  email: p.email,
  phone: p.phone,
  address: p.address,
  deceased: p.deceased,
  deceasedDate: p.deceasedDate,
  birthSex: p.birthSex,
});

const asPerson = (e: repo.ExistingPatient) => ({
  givenName: e.given_name,
  familyName: e.family_name,
  birthDate: e.birth_date,
});

interface Conflict {
  otherPatientId: string;
  reason: string;
}

/**
 * Finds the clinic's patient this imported Patient is, safely. An identifier never decides alone:
 * - the same source resource id matches when the birth date or the name agrees;
 * - a real identifier (placeholders such as 999-99-9999 never count) matches only when name and birth date agree;
 * - name and birth date match when no identifier of the same system says it is someone else.
 * Anything that points at an existing patient without agreeing is a conflict: a possible duplicate for staff.
 */
async function findMatch(
  client: Queryable,
  clinicId: string,
  p: ImportedPatient,
  identifiers: { system: string; value: string }[],
): Promise<{ match: repo.ExistingPatient | undefined; conflicts: Conflict[] }> {
  const conflicts: Conflict[] = [];
  const conflict = (e: repo.ExistingPatient, reason: string) => {
    if (!conflicts.some((c) => c.otherPatientId === e.id)) conflicts.push({ otherPatientId: e.id, reason });
  };
  if (p.sourceRef) {
    const [bySource] = await repo.findPatientsByIdentifiers(client, clinicId, [
      { system: repo.sourceIdentifierSystem, value: p.sourceRef },
    ]);
    if (bySource) {
      const agrees =
        bySource.birth_date === p.birthDate ||
        samePerson({ ...asPerson(bySource), birthDate: '' }, { ...p, birthDate: '' });
      if (agrees) return { match: bySource, conflicts };
      conflict(bySource, `same source record ${p.sourceRef}, but a different name and birth date`);
    }
  }
  for (const candidate of await repo.findPatientsByIdentifiers(client, clinicId, identifiers)) {
    if (samePerson(asPerson(candidate), p)) return { match: candidate, conflicts };
    conflict(
      candidate,
      `shares identifier ${candidate.value} (${candidate.system}) but not the name and birth date`,
    );
  }
  const byName = await repo.findPatientByNameAndBirth(client, clinicId, p);
  if (byName && !conflicts.some((c) => c.otherPatientId === byName.id)) {
    const held = await repo.findIdentifiersInSystems(
      client,
      clinicId,
      byName.id,
      identifiers.map((i) => i.system),
    );
    const differing = held.find(
      (h) =>
        !isPlaceholderIdentifier(h.value) &&
        !identifiers.some((i) => i.system === h.system && i.value === h.value),
    );
    if (!differing) return { match: byName, conflicts };
    conflict(byName, `same name and birth date, but a different identifier in ${differing.system}`);
  }
  return { match: undefined, conflicts };
}

/**
 * Creates or updates one patient (see `findMatch`). A conflict never merges: the imported person gets their own
 * record and a possible duplicate for staff to review with the merge screen. Every real change becomes a version
 * of the record and an audit event.
 */
export async function upsertPatient(
  client: Queryable,
  actor: AnyActor,
  p: ImportedPatient,
  source: string,
): Promise<{ id: string; outcome: Outcome }> {
  const real = p.identifiers.filter((i) => !isPlaceholderIdentifier(i.value));
  const identifiers = [
    ...real,
    ...(p.sourceRef ? [{ system: repo.sourceIdentifierSystem, value: p.sourceRef }] : []),
  ];
  const { match: existing, conflicts } = await findMatch(client, actor.clinicId, p, real);
  let id: string;
  let outcome: Outcome;
  if (!existing) {
    id = await repo.insertImportedPatient(client, actor.clinicId, p);
    await recordPatientVersion(client, {
      clinicId: actor.clinicId,
      patientId: id,
      version: 1,
      changedBy: actor.userId,
      summary: 'Created by FHIR import',
      changes: {},
    });
    outcome = 'created';
    for (const c of conflicts) {
      await repo.insertPossibleDuplicate(client, actor.clinicId, { patientId: id, ...c, source });
      await recordAudit(client, actor, {
        action: 'patient.possible-duplicate',
        entityType: 'patient',
        entityId: id,
        patientId: id,
        details: { otherPatientId: c.otherPatientId, reason: c.reason },
      });
    }
  } else {
    id = existing.id;
    const before = demographics({
      givenName: existing.given_name,
      familyName: existing.family_name,
      birthDate: existing.birth_date,
      sex: existing.sex,
      email: existing.email,
      phone: existing.phone,
      address: existing.address,
      deceased: existing.deceased,
      deceasedDate: existing.deceased_date,
      birthSex: existing.birth_sex,
    });
    const after = demographics(p);
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    );
    if (Object.keys(changes).length > 0) {
      const version = await repo.updateImportedPatient(client, actor.clinicId, id, p);
      await recordPatientVersion(client, {
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
      details: { source },
    });
  }
  return { id, outcome };
}
