import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  concerns as concernValues,
  type PatientRecord,
  type UpdatePatientRequest,
} from '@needlepoint/core/contracts/patients';
import { ApiError } from '../../lib/api';
import { concernLabel } from './patient-details';
import { DemographicFields } from './demographic-fields';
import { fitzpatrickOptions } from './patient-labels';
import { SaveError, savePatient } from './save-patient';

type Field = 'givenName' | 'familyName' | 'birthDate' | 'sex' | 'email' | 'phone' | 'address' | 'notes';
type Values = Record<Field, string> & { fitzpatrick: string; concerns: string[] };

function valuesOf(p: PatientRecord): Values {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    email: p.email ?? '',
    phone: p.phone ?? '',
    address: p.address,
    notes: p.notes,
    fitzpatrick: p.fitzpatrick ? String(p.fitzpatrick) : '',
    concerns: p.concerns,
  };
}

/** Edits who the patient is, skin type, concerns and notes; sends only what changed. */
export function EditDetailsModal({
  patient,
  onClose,
  onSaved,
  onReload,
}: {
  patient: PatientRecord;
  onClose: () => void;
  onSaved: (p: PatientRecord) => void;
  onReload: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(patient));
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Read the value now: React clears `currentTarget` before a state updater runs.
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!values.givenName.trim()) next.givenName = 'Enter the first name';
    if (!values.familyName.trim()) next.familyName = 'Enter the last name';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.birthDate)) next.birthDate = 'Enter the birth date';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    const before = valuesOf(patient);
    const changes: Omit<UpdatePatientRequest, 'expectedVersion'> = {};
    if (values.givenName.trim() !== before.givenName) changes.givenName = values.givenName.trim();
    if (values.familyName.trim() !== before.familyName) changes.familyName = values.familyName.trim();
    if (values.birthDate !== before.birthDate) changes.birthDate = values.birthDate;
    if (values.sex !== before.sex) changes.sex = values.sex as PatientRecord['sex'];
    if (values.email.trim() !== before.email) changes.email = values.email.trim() || null;
    if (values.phone.trim() !== before.phone) changes.phone = values.phone.trim() || null;
    if (values.address !== before.address) changes.address = values.address;
    if (values.notes !== before.notes) changes.notes = values.notes;
    if (values.fitzpatrick !== before.fitzpatrick)
      changes.fitzpatrick = values.fitzpatrick ? Number(values.fitzpatrick) : null;
    if (values.concerns.join() !== before.concerns.join())
      changes.concerns = values.concerns as UpdatePatientRequest['concerns'];
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await savePatient(patient, changes));
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const fields: typeof errors = {};
        for (const key of Object.keys(values) as (keyof Values)[]) {
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
    <Modal opened onClose={onClose} title="Edit patient details" size="xl">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {formError ? <SaveError error={formError} title="Details not saved" onReload={onReload} /> : null}
          <DemographicFields values={values} errors={errors} set={set} />
          <Textarea
            label="Address"
            autosize
            minRows={2}
            value={values.address}
            onChange={set('address')}
            error={errors.address}
          />
          <NativeSelect
            label="Skin type (Fitzpatrick)"
            value={values.fitzpatrick}
            onChange={(e) => {
              const fitzpatrick = e.currentTarget.value;
              setValues((v) => ({ ...v, fitzpatrick }));
            }}
            data={[{ value: '', label: 'Not recorded' }, ...fitzpatrickOptions]}
            error={errors.fitzpatrick}
          />
          <Checkbox.Group
            label="Concerns"
            description="What the patient wants treated"
            value={values.concerns}
            onChange={(concerns) => setValues((v) => ({ ...v, concerns }))}
            error={errors.concerns}
          >
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing={8} mt={8}>
              {concernValues.map((c) => (
                <Checkbox key={c} value={c} label={concernLabel(c)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label="Notes"
            autosize
            minRows={3}
            value={values.notes}
            onChange={set('notes')}
            error={errors.notes}
          />
          <Text size="xs" c="dimmed">
            Every change is kept in the record history with your name.
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
