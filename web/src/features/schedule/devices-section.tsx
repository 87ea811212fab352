import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DeviceList, RoomList } from '@needlepoint/core/contracts/bookings';
import type { Device } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { Section } from './settings-section';

export function DevicesSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const devices = useApi((signal) => api.get<typeof DeviceList>('/api/devices', undefined, signal), []);
  const rooms = useApi((signal) => api.get<typeof RoomList>('/api/rooms', undefined, signal), []);
  const [name, setName] = useState('');
  const [serial, setSerial] = useState('');
  const [roomId, setRoomId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const roomOptions = (rooms.data?.rooms ?? []).map((r) => ({ value: r.id, label: r.name }));
  async function run(action: () => Promise<unknown>, message: string) {
    setError(null);
    try {
      await action();
      devices.reload();
      notifications.show({ color: 'green', message });
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }
  return (
    <Section id="devices-title" title="Devices">
      {devices.status === 'error' ? <ErrorAlert error={devices.error} onRetry={devices.reload} /> : null}
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
                onChange={(value) =>
                  void run(
                    () => api.patch<typeof Device>(`/api/devices/${device.id}`, { roomId: value }),
                    'Device room saved.',
                  )
                }
              />
              {editable ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() =>
                    void run(
                      () => api.patch<typeof Device>(`/api/devices/${device.id}`, { active: !device.active }),
                      'Device saved.',
                    )
                  }
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
            void run(
              () =>
                api.post<typeof Device>('/api/devices', {
                  name: name.trim(),
                  serialNumber: serial.trim() || null,
                  roomId,
                }),
              'Device added.',
            ).then((ok) => {
              if (ok) {
                setName('');
                setSerial('');
                setRoomId(null);
              }
            });
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
            <Button type="submit" disabled={!name.trim()}>
              Add device
            </Button>
          </Group>
        </form>
      ) : null}
    </Section>
  );
}
