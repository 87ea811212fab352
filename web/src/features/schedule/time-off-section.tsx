import { useState } from 'react';
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TimeOffList } from '@needlepoint/core/contracts/bookings';
import type { Ok } from '@needlepoint/core/contracts/common';
import type { TimeOff } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useProviders } from './providers';
import { addDays, clinicInstant, clinicToday, formatRange, windowUtc } from '../../lib/clinic-time';
import { Section } from './settings-section';

export function TimeOffSection({ timeZone }: { timeZone: string }) {
  const { can } = useSession();
  const editable = can('schedule:write');
  const providers = useProviders();
  const today = clinicToday(timeZone);
  const window = windowUtc(addDays(today, -7), addDays(today, 85), timeZone);
  const list = useApiQuery(keys.schedule.timeOff(window), (signal) =>
    api.get<typeof TimeOffList>('/api/time-off', window, signal),
  );
  const [providerId, setProviderId] = useState<string | null>(null);
  const [startDate, setStartDate] = useState(today);
  const [startTime, setStartTime] = useState('09:00');
  const [endDate, setEndDate] = useState(today);
  const [endTime, setEndTime] = useState('17:00');
  const [reason, setReason] = useState('');
  const names = new Map(providers.map((p) => [p.id, p.name]));

  // Time off closes open slots: every schedule read is refreshed.
  const adding = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<typeof TimeOff>('/api/time-off', body),
    invalidates: [keys.schedule.all],
    onSuccess: () => {
      setReason('');
      notifications.show({ color: 'green', message: 'Time off added.' });
    },
  });
  const removing = useApiMutation({
    mutationFn: (id: string) => api.delete<typeof Ok>(`/api/time-off/${id}`),
    invalidates: [keys.schedule.all],
    onSuccess: () => notifications.show({ color: 'green', message: 'Time off removed.' }),
  });
  const error = adding.error ?? removing.error;

  function add() {
    if (!providerId) return;
    removing.reset();
    adding.mutate({
      providerId,
      start: clinicInstant(startDate, startTime, timeZone),
      end: clinicInstant(endDate, endTime, timeZone),
      reason: reason.trim(),
    });
  }
  function remove(id: string) {
    adding.reset();
    removing.mutate(id);
  }

  return (
    <Section id="time-off-title" title="Time off">
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}
      <Stack gap="xs" mb="md">
        {(list.data?.timeOff ?? []).map((t) => (
          <Group key={t.id} justify="space-between">
            <Text size="sm">
              <Text span fw={600}>
                {names.get(t.providerId) ?? 'Provider'}
              </Text>{' '}
              · {formatRange(t.start, t.end, timeZone)}
              {t.reason ? ` · ${t.reason}` : ''}
            </Text>
            {editable ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                loading={removing.isPending && removing.variables === t.id}
                onClick={() => remove(t.id)}
              >
                Remove
              </Button>
            ) : null}
          </Group>
        ))}
        {list.data?.timeOff.length === 0 ? (
          <Text size="sm" c="dimmed">
            No time off in the next three months.
          </Text>
        ) : null}
      </Stack>
      {editable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <TextInput
              label="From day"
              type="date"
              value={startDate}
              onChange={(e) => setStartDate(e.currentTarget.value)}
            />
            <TextInput
              label="From time"
              type="time"
              value={startTime}
              onChange={(e) => setStartTime(e.currentTarget.value)}
            />
            <TextInput
              label="Until day"
              type="date"
              value={endDate}
              onChange={(e) => setEndDate(e.currentTarget.value)}
            />
            <TextInput
              label="Until time"
              type="time"
              value={endTime}
              onChange={(e) => setEndTime(e.currentTarget.value)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            <Select
              label="Provider"
              data={providers.map((p) => ({ value: p.id, label: p.name }))}
              value={providerId}
              onChange={setProviderId}
            />
            <TextInput
              label="Reason (optional)"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button type="submit" disabled={!providerId} loading={adding.isPending}>
              Add time off
            </Button>
          </Group>
        </form>
      ) : null}
    </Section>
  );
}
