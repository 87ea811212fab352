import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import { PatientSummary } from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
import { AnchorLink } from '../../components/router-links';
import { formatDate } from '../../lib/format';
import { todayIso } from '../../lib/clinic-time';
import { DemographicFields } from './demographic-fields';
import { api, ApiError } from '../../lib/api';

type Field = 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'email' | 'phone';

export function AddPatientModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    givenName: '',
    familyName: '',
    birthDate: '',
    sex: 'female',
    email: '',
    phone: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Patients on file with the same name and birth date, after the server warned of a possible duplicate. */
  const [duplicates, setDuplicates] = useState<PatientSummary[] | null>(null);
  // Read the value now: React clears `currentTarget` before a state updater runs.
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent, notDuplicate = false) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.givenName.trim()) next.givenName = 'Enter the first name';
    if (!values.familyName.trim()) next.familyName = 'Enter the last name';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.birthDate)) next.birthDate = 'Enter the birth date';
    else if (values.birthDate > todayIso()) next.birthDate = 'The birth date cannot be in the future';
    setErrors(next);
    setFormError(null);
    setDuplicates(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const created = await api.post<typeof PatientRecord>('/api/patients', {
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        birthDate: values.birthDate,
        sex: values.sex,
        email: values.email.trim() || null,
        phone: values.phone.trim() || null,
        ...(notDuplicate ? { notDuplicate: true } : {}),
      });
      onCreated(created.id);
    } catch (error) {
      const matches = possibleDuplicates(error);
      if (matches) {
        setDuplicates(matches);
      } else if (error instanceof ApiError && error.fields.length > 0) {
        const fields: Partial<Record<Field, string>> = {};
        for (const key of Object.keys(values) as Field[]) {
          const message = error.fieldError(key);
          if (message) fields[key] = key === 'email' ? 'Enter a valid email address' : message;
        }
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error);
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title="Add patient" size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {formError ? <ErrorAlert error={formError} title="Patient not added" /> : null}
          <DemographicFields values={values} errors={errors} set={set} />
          {duplicates ? (
            <Alert color="orange" variant="light" title="This may be a patient you already have" role="alert">
              <Text size="sm" mb={4}>
                A patient with the same name and birth date is on file. Open their record instead, or add a
                new patient only if this is another person.
              </Text>
              <List size="sm">
                {duplicates.map((p) => (
                  <List.Item key={p.id}>
                    <AnchorLink to="/patients/$patientId" params={{ patientId: p.id }} onClick={onClose}>
                      {p.givenName} {p.familyName}, born {formatDate(p.birthDate)}
                    </AnchorLink>
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            {duplicates ? (
              <Button color="orange" loading={busy} onClick={(e) => void submit(e, true)}>
                Add as another person
              </Button>
            ) : (
              <Button type="submit" loading={busy}>
                Add patient
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The patients the server found with the same name and birth date, when it refused a possible duplicate. */
function possibleDuplicates(error: unknown): PatientSummary[] | null {
  if (!(error instanceof ApiError) || error.code !== 'PATIENT_POSSIBLE_DUPLICATE') return null;
  const parsed = PatientSummary.array().safeParse(error.details?.matches);
  return parsed.success ? parsed.data : [];
}
