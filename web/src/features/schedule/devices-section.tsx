import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Device } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useDevices, useRooms } from '../staff-shared';
import { Section } from './settings-section';

export function DevicesSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const devices = useDevices();
  const rooms = useRooms();
  const [name, setName] = useState('');
  const [serial, setSerial] = useState('');
  const [roomId, setRoomId] = useState<string | null>(null);
  const roomOptions = (rooms.data?.rooms ?? []).map((r) => ({ value: r.id, label: r.name }));
  // A device's room and whether it is in use decide open slots: every schedule read is refreshed.
  const adding = useApiMutation({
    mutationFn: (body: { name: string; serialNumber: string | null; roomId: string | null }) =>
      api.post<typeof Device>('/api/devices', body),
    invalidates: [keys.schedule.all],
    onSuccess: () => {
      setName('');
      setSerial('');
      setRoomId(null);
      notifications.show({ color: 'green', message: 'Device added.' });
    },
  });
  const changing = useApiMutation({
    mutationFn: ({ id, changes }: { id: string; changes: { roomId?: string | null; active?: boolean } }) =>
      api.patch<typeof Device>(`/api/devices/${id}`, changes),
    invalidates: [keys.schedule.all],
    onSuccess: (_, { changes }) =>
      notifications.show({
        color: 'green',
        message: 'roomId' in changes ? 'Device room saved.' : 'Device saved.',
      }),
  });
  const error = adding.error ?? changing.error;
  const change = (id: string, changes: { roomId?: string | null; active?: boolean }) => {
    adding.reset();
    changing.mutate({ id, changes });
  };
  return (
    <Section id="devices-title" title="Devices">
      {devices.isError ? <ErrorAlert error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}
      <Stack gap="sm">
        {(devices.data?.devices ?? []).map((device) => (
          <Group key={device.id} justify="space-between" wrap="nowrap" align="flex-end">
            <div style={{ minWidth: 0 }}>
              <Text c={device.active ? undefined : 'dimmed'} truncate="end">
                {device.name}
              </Text>
              <Text size="xs" c="dimmed">
                {device.serialNumber ? `Serial ${device.serialNumber}` : 'No serial number'}
                {device.active ? '' : ' · not in use'}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <Select
                aria-label={`Room for ${device.name}`}
                size="xs"
                w={150}
                placeholder="Any room"
                data={roomOptions}
                value={device.roomId}
                clearable
                disabled={!editable}
                onChange={(value) => change(device.id, { roomId: value })}
              />
              {editable ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  loading={changing.isPending && changing.variables.id === device.id}
                  onClick={() => change(device.id, { active: !device.active })}
                >
                  {device.active ? 'Retire' : 'Use again'}
                </Button>
              ) : null}
            </Group>
          </Group>
        ))}
      </Stack>
      {editable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            changing.reset();
            adding.mutate({ name: name.trim(), serialNumber: serial.trim() || null, roomId });
          }}
        >
          <SimpleGrid cols={{ base: 1, xs: 3 }} mt="md">
            <TextInput label="New device" value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput
              label="Serial number"
              value={serial}
              onChange={(e) => setSerial(e.currentTarget.value)}
            />
            <Select
              label="Kept in room"
              placeholder="Any room"
              data={roomOptions}
              value={roomId}
              onChange={setRoomId}
              clearable
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button type="submit" disabled={!name.trim()} loading={adding.isPending}>
              Add device
            </Button>
          </Group>
        </form>
      ) : null}
    </Section>
  );
}
