import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { PatientRecord } from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
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
  // Read the value now: React clears `currentTarget` before a state updater runs.
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.givenName.trim()) next.givenName = 'Enter the first name';
    if (!values.familyName.trim()) next.familyName = 'Enter the last name';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.birthDate)) next.birthDate = 'Enter the birth date';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const created = await api.post('/api/patients', PatientRecord, {
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        birthDate: values.birthDate,
        sex: values.sex,
        email: values.email.trim() || null,
        phone: values.phone.trim() || null,
      });
      onCreated(created.id);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
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
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {formError ? <ErrorAlert error={formError} title="Patient not added" /> : null}
          <DemographicFields values={values} errors={errors} set={set} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Add patient
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
