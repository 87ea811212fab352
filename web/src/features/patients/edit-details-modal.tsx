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
import { useForm } from '@mantine/form';
import {
  concerns as concernValues,
  UpdatePatientRequest,
  type PatientRecord,
} from '@needlepoint/core/contracts/patients';
import { contractValidate, errorAboveFields, fieldErrorsOf } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { concernLabel } from './patient-details';
import { DemographicFields, type DemographicField } from './demographic-fields';
import { fitzpatrickOptions } from './patient-labels';
import { SaveError, savePatient } from './save-patient';

type Values = Record<DemographicField | 'address' | 'notes' | 'fitzpatrick', string> & { concerns: string[] };
const fields: (keyof Values)[] = [
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'email',
  'phone',
  'address',
  'notes',
  'fitzpatrick',
  'concerns',
];

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

/** What the fields hold as the server's words: an empty email, phone or skin type is none. */
function fieldsOf(values: Values) {
  return {
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
    birthDate: values.birthDate,
    sex: values.sex,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    address: values.address.trim(),
    notes: values.notes,
    fitzpatrick: values.fitzpatrick ? Number(values.fitzpatrick) : null,
    concerns: values.concerns,
  };
}

/**
 * The request: only what differs from the record as loaded, so a save never overwrites (or is refused for) a
 * field the user left alone.
 */
function toRequest(values: Values, patient: PatientRecord) {
  const now = fieldsOf(values);
  const before = fieldsOf(valuesOf(patient));
  const changed = Object.entries(now).filter(
    ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before]),
  );
  return { expectedVersion: patient.version, ...Object.fromEntries(changed) };
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
  const form = useForm<Values>({
    initialValues: valuesOf(patient),
    validate: contractValidate(UpdatePatientRequest, (values: Values) => toRequest(values, patient)),
  });
  const save = useApiMutation({
    mutationFn: (changes: Omit<UpdatePatientRequest, 'expectedVersion'>) => savePatient(patient, changes),
    onSuccess: (saved) => onSaved(saved),
    onError: (error) => form.setErrors(fieldErrorsOf(error, fields)),
  });
  const formError = errorAboveFields(save.error, fields);

  function submit(values: Values) {
    const { expectedVersion: _, ...changes } = UpdatePatientRequest.parse(toRequest(values, patient));
    if (Object.keys(changes).length === 0) onClose();
    else save.mutate(changes);
  }

  return (
    <Modal opened onClose={onClose} title="Edit patient details" size="xl">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          {formError ? <SaveError error={formError} title="Details not saved" onReload={onReload} /> : null}
          <DemographicFields input={form.getInputProps} />
          <Textarea label="Address" autosize minRows={2} {...form.getInputProps('address')} />
          <NativeSelect
            label="Skin type (Fitzpatrick)"
            {...form.getInputProps('fitzpatrick')}
            data={[{ value: '', label: 'Not recorded' }, ...fitzpatrickOptions]}
          />
          <Checkbox.Group
            label="Concerns"
            description="What the patient wants treated"
            {...form.getInputProps('concerns')}
          >
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing={8} mt={8}>
              {concernValues.map((c) => (
                <Checkbox key={c} value={c} label={concernLabel(c)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea label="Notes" autosize minRows={3} {...form.getInputProps('notes')} />
          <Text size="xs" c="dimmed">
            Every change is kept in the record history with your name.
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
