import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { roleLabels, staffRoles } from '@needlepoint/core/auth/roles';
import type { StaffUser } from '@needlepoint/core/contracts/users';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';

type Field = 'name' | 'email' | 'role';

export function AddUserModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: StaffUser) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    email: '',
    role: 'front-desk',
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
    if (!values.name.trim()) next.name = 'Enter their name';
    if (!values.email.trim()) next.email = 'Enter their email address';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const user = await api.post<typeof StaffUser>('/api/users', {
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
      });
      onCreated(user);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'USER_EMAIL_TAKEN') {
        setErrors({ email: 'Someone already uses this email address' });
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
    <Modal opened onClose={onClose} title="Add staff user">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            They get an email with a link to choose their own password. The link works once, for 72 hours.
          </Text>
          {formError ? <ErrorAlert error={formError} title="User not added" /> : null}
          <TextInput
            label="Name"
            value={values.name}
            onChange={set('name')}
            error={errors.name}
            required
            data-autofocus
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={set('email')}
            error={errors.email}
            required
          />
          <NativeSelect
            label="Role"
            value={values.role}
            onChange={set('role')}
            error={errors.role}
            data={staffRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
            description={
              values.role === 'owner'
                ? 'Owners manage settings, users and the audit log, and must set up two-factor sign-in.'
                : undefined
            }
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
