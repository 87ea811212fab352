import type { ImportedPatient } from '@needlepoint/core/fhir/fhir-to-record';
import type { Queryable } from '../../db/database';
import { recordAudit, type AnyActor } from '../../platform/audit';
import { insertVersion } from '../patients/patients.repo';
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
}) => ({
  givenName: p.givenName,
  familyName: p.familyName,
  birthDate: p.birthDate,
  sex: p.sex,
  email: p.email,
  phone: p.phone,
  address: p.address,
});

/**
 * Creates or updates one patient: matched by any identifier (the source's own id included), else by name and birth
 * date. Every real change becomes a version of the record and an audit event.
 */
export async function upsertPatient(
  client: Queryable,
  actor: AnyActor,
  p: ImportedPatient,
  source: string,
): Promise<{ id: string; outcome: Outcome }> {
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
    const before = demographics({
      givenName: existing.given_name,
      familyName: existing.family_name,
      birthDate: existing.birth_date,
      sex: existing.sex,
      email: existing.email,
      phone: existing.phone,
      address: existing.address,
    });
    const after = demographics(p);
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[])
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
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
      details: { source },
    });
  }
  return { id, outcome };
}
