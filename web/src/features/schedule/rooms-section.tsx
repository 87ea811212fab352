import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Room } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useRooms } from '../staff-shared';
import { AddRoomForm } from './add-room-form';
import { Section } from './settings-section';

export function RoomsSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const rooms = useRooms();
  const invalidate = useInvalidate();
  // Rooms are shown in settings, the new booking and the calendar: every schedule read is refreshed.
  const saved = () => invalidate(keys.schedule.all);
  const [error, setError] = useState<unknown>(null);
  async function run(action: () => Promise<unknown>, message: string) {
    setError(null);
    try {
      await action();
      saved();
      notifications.show({ color: 'green', message });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Section id="rooms-title" title="Rooms">
      {rooms.isError ? <ErrorAlert error={rooms.error} onRetry={() => void rooms.refetch()} /> : null}
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
      {editable ? <AddRoomForm onAdded={saved} /> : null}
    </Section>
  );
}
