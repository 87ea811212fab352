import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { CreateRoomRequest, type Room } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { contractValidate, errorAboveFields, fieldErrorsOf } from '../../lib/form';
import { useApiMutation } from '../../lib/query';

interface Values {
  name: string;
}

/** Adds a room by name; the list above reads again through `onAdded`. */
export function AddRoomForm({ onAdded }: { onAdded: () => void }) {
  const form = useForm<Values>({
    initialValues: { name: '' },
    validate: contractValidate(CreateRoomRequest, (values: Values) => values),
  });
  const add = useApiMutation({
    mutationFn: (body: CreateRoomRequest) => api.post<typeof Room>('/api/rooms', body),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', message: 'Room added.' });
      onAdded();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error, ['name'])),
  });
  const formError = errorAboveFields(add.error, ['name']);
  return (
    <form onSubmit={form.onSubmit((values) => add.mutate(CreateRoomRequest.parse(values)))} noValidate>
      {formError ? <ErrorAlert error={formError} title="Room not added" /> : null}
      <Group mt="md" align="flex-start">
        <TextInput label="New room" {...form.getInputProps('name')} style={{ flex: 1 }} />
        <Button type="submit" loading={add.isPending} mt={25}>
          Add room
        </Button>
      </Group>
    </form>
  );
}
