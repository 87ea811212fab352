import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  CreatePatientRequest,
  PatientSummary,
  type PatientRecord,
} from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError } from '../../lib/api';
import { todayIso } from '../../lib/clinic-time';
import { formatDate } from '../../lib/format';
import { contractValidate, errorAboveFields, fieldErrorsOf } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { DemographicFields, type DemographicField } from './demographic-fields';

type Values = Record<DemographicField, string>;
const fields: DemographicField[] = ['givenName', 'familyName', 'birthDate', 'sex', 'email', 'phone'];

/** What the fields hold as the request the server takes: an empty email or phone is none. */
function toRequest(values: Values) {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    birthDate: values.birthDate,
    sex: values.sex,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
  };
}

/** The server refuses a birth date after the clinic's today; the contract alone cannot know that day. */
function notInFuture(values: Values) {
  return values.birthDate > todayIso() ? { birthDate: 'The birth date cannot be in the future' } : {};
}

export function AddPatientModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const form = useForm<Values>({
    initialValues: { givenName: '', familyName: '', birthDate: '', sex: 'female', email: '', phone: '' },
    validate: contractValidate(CreatePatientRequest, toRequest, notInFuture),
  });
  const create = useApiMutation({
    mutationFn: (body: CreatePatientRequest) => api.post<typeof PatientRecord>('/api/patients', body),
    onSuccess: (created) => onCreated(created.id),
    onError: (error) => form.setErrors(fieldErrorsOf(error, fields)),
  });
  /** Patients on file with the same name and birth date, after the server warned of a possible duplicate. */
  const duplicates = possibleDuplicates(create.error);
  const formError = duplicates ? null : errorAboveFields(create.error, fields);
  const submit = (notDuplicate: boolean) =>
    form.onSubmit((values) =>
      create.mutate({
        ...CreatePatientRequest.parse(toRequest(values)),
        ...(notDuplicate ? { notDuplicate } : {}),
      }),
    );

  return (
    <Modal opened onClose={onClose} title="Add patient" size="lg">
      <form onSubmit={submit(false)} noValidate>
        <Stack gap="sm">
          {formError ? <ErrorAlert error={formError} title="Patient not added" /> : null}
          <DemographicFields input={form.getInputProps} />
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
              <Button color="orange" loading={create.isPending} onClick={() => submit(true)()}>
                Add as another person
              </Button>
            ) : (
              <Button type="submit" loading={create.isPending}>
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
