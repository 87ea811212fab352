import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { roleLabels, staffRoles } from '@needlepoint/core/auth/roles';
import { CreateStaffUserRequest, type StaffUser } from '@needlepoint/core/contracts/users';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { contractValidate, fieldErrorsOf, errorAboveFields } from '../../lib/form';
import { useApiMutation } from '../../lib/query';

interface Values {
  name: string;
  email: string;
  role: string;
}
const fields = ['name', 'email', 'role'] as const;

export function AddUserModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: StaffUser) => void;
}) {
  const form = useForm<Values>({
    initialValues: { name: '', email: '', role: 'front-desk' },
    validate: contractValidate(CreateStaffUserRequest, (values: Values) => values),
  });
  const create = useApiMutation({
    mutationFn: (body: CreateStaffUserRequest) => api.post<typeof StaffUser>('/api/users', body),
    onSuccess: (user) => onCreated(user),
    onError: (error) => {
      if (error.code === 'USER_EMAIL_TAKEN')
        form.setErrors({ email: 'Someone already uses this email address' });
      else form.setErrors(fieldErrorsOf(error, fields));
    },
  });
  const formError = create.error?.code === 'USER_EMAIL_TAKEN' ? null : errorAboveFields(create.error, fields);

  return (
    <Modal opened onClose={onClose} title="Add staff user">
      <form
        onSubmit={form.onSubmit((values) => create.mutate(CreateStaffUserRequest.parse(values)))}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">
            They get an email with a link to choose their own password. The link works once, for 72 hours.
          </Text>
          {formError ? <ErrorAlert error={formError} title="User not added" /> : null}
          <TextInput label="Name" {...form.getInputProps('name')} required data-autofocus />
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            {...form.getInputProps('email')}
            required
          />
          <NativeSelect
            label="Role"
            {...form.getInputProps('role')}
            data={staffRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            description={
              form.values.role === 'owner'
                ? 'Owners manage settings, users and the audit log, and must set up two-factor sign-in.'
                : undefined
            }
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
