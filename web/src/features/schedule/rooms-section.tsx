import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RoomList } from '@needlepoint/core/contracts/bookings';
import type { Room } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { AddRoomForm } from './add-room-form';
import { Section } from './settings-section';

export function RoomsSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const rooms = useApi((signal) => api.get<typeof RoomList>('/api/rooms', undefined, signal), []);
  const [error, setError] = useState<unknown>(null);
  async function run(action: () => Promise<unknown>, message: string) {
    setError(null);
    try {
      await action();
      rooms.reload();
      notifications.show({ color: 'green', message });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Section id="rooms-title" title="Rooms">
      {rooms.status === 'error' ? <ErrorAlert error={rooms.error} onRetry={rooms.reload} /> : null}
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}
      <Stack gap="xs" data-testid="room-list">
        {(rooms.data?.rooms ?? []).map((room) => (
          <Group key={room.id} justify="space-between">
            <Text c={room.active ? undefined : 'dimmed'}>
              {room.name} {room.active ? '' : '(not in use)'}
            </Text>
            {editable ? (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() =>
                  void run(
                    () => api.patch<typeof Room>(`/api/rooms/${room.id}`, { active: !room.active }),
                    room.active ? 'Room taken out of use.' : 'Room back in use.',
                  )
                }
              >
                {room.active ? 'Take out of use' : 'Use again'}
              </Button>
            ) : null}
          </Group>
        ))}
        {rooms.data?.rooms.length === 0 ? <Text c="dimmed">No rooms yet.</Text> : null}
      </Stack>
      {editable ? <AddRoomForm onAdded={rooms.reload} /> : null}
    </Section>
  );
}
