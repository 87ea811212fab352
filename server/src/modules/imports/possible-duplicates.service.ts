import type { PossibleDuplicateList } from '@needlepoint/core/contracts/imports';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './import.repo';

/** Open possible duplicates found by imports (all, or those of one patient); the read is audited. */
export async function listPossibleDuplicates(
  db: Database,
  actor: Actor,
  patientId: string | undefined,
): Promise<PossibleDuplicateList> {
  return db.transaction(async (client) => {
    const rows = await repo.listPossibleDuplicates(client, actor.clinicId, patientId);
    await recordAudit(client, actor, {
      action: 'patient.possible-duplicates-read',
      entityType: 'patient',
      ...(patientId ? { entityId: patientId, patientId } : {}),
      details: { count: rows.length },
    });
    return {
      duplicates: rows.map((r) => ({
        id: r.id,
        patientId: r.patient_id,
        patientName: r.patient_name,
        patientBirthDate: r.patient_birth_date,
        otherPatientId: r.other_patient_id,
        otherName: r.other_name,
        otherBirthDate: r.other_birth_date,
        reason: r.reason,
        source: r.source,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });
}

/** Staff reviewed a possible duplicate and found two different people. */
export async function dismissPossibleDuplicate(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (client) => {
    if (!(await repo.resolvePossibleDuplicate(client, actor.clinicId, id)))
      throw new DomainError('NOT_FOUND', 'No open possible duplicate with this id');
    await recordAudit(client, actor, {
      action: 'patient.possible-duplicate-dismissed',
      entityType: 'possible-duplicate',
      entityId: id,
    });
  });
}
