import { Alert, Button, Text } from '@mantine/core';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import type { UpdatePatientRequest } from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';

/** Saves a partial change guarded by the version the user saw; a 409 means someone else saved first. */
export function savePatient(
  patient: PatientRecord,
  changes: Omit<UpdatePatientRequest, 'expectedVersion'>,
): Promise<PatientRecord> {
  return api.patch<typeof PatientRecord>(`/api/patients/${patient.id}`, {
    expectedVersion: patient.version,
    ...changes,
  });
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'PATIENT_VERSION_CONFLICT';
}

/** A save error; for a version conflict, says what happened and offers to reload the record. */
export function SaveError({
  error,
  title,
  onReload,
}: {
  error: unknown;
  title: string;
  onReload: () => void;
}) {
  if (isVersionConflict(error)) {
    return (
      <Alert color="orange" variant="light" title="Someone else changed this record" role="alert">
        <Text size="sm">
          Another user saved changes to this patient while you were editing, so yours were not saved. Reload
          the record to see their changes, then make yours again.
        </Text>
        <Button size="xs" mt="sm" variant="default" onClick={onReload}>
          Reload the record
        </Button>
      </Alert>
    );
  }
  return <ErrorAlert error={error} title={title} />;
}
