import { useEffect, useState } from 'react';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WorkingHours } from '@needlepoint/core/contracts/scheduling';
import type { WorkingHoursRule } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useProviders } from './providers';
import { Section } from './settings-section';
import { weekdays } from '../../lib/clinic-time';

export const weekdayNames: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export function WorkingHoursSection() {
  const { can } = useSession();
  const editable = can('schedule:write');
  const providers = useProviders();
  const [providerId, setProviderId] = useState<string | null>(null);
  useEffect(() => {
    if (!providerId && providers[0]) setProviderId(providers[0].id);
  }, [providers, providerId]);
  const hours = useApiQuery(
    keys.schedule.workingHours(providerId ?? ''),
    (signal) => api.get<typeof WorkingHours>(`/api/providers/${providerId}/working-hours`, undefined, signal),
    { enabled: Boolean(providerId) },
  );
  const [rules, setRules] = useState<WorkingHoursRule[]>([]);
  useEffect(() => setRules(hours.data?.rules ?? []), [hours.data]);

  // Working hours decide open slots: every schedule read is refreshed.
  const save = useApiMutation({
    mutationFn: (id: string) => api.put<typeof WorkingHours>(`/api/providers/${id}/working-hours`, { rules }),
    invalidates: [keys.schedule.all],
    onSuccess: () => notifications.show({ color: 'green', message: 'Working hours saved.' }),
  });

  return (
    <Section id="hours-title" title="Working hours">
      <Select
        label="Provider"
        data={providers.map((p) => ({ value: p.id, label: p.name }))}
        value={providerId}
        onChange={setProviderId}
        allowDeselect={false}
        maw={320}
        mb="md"
        description={providers.length === 0 ? 'No providers found yet.' : undefined}
      />
      {hours.isError ? <ErrorAlert error={hours.error} onRetry={() => void hours.refetch()} /> : null}
      {save.error ? <ErrorAlert error={save.error} title="Working hours not saved" /> : null}
      <Stack gap="xs">
        {weekdays.map((day) => {
          const dayRules = rules.map((r, index) => ({ r, index })).filter(({ r }) => r.weekday === day);
          return (
            <Group
              key={day}
              align="flex-start"
              gap="sm"
              wrap="wrap"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              pt="xs"
            >
              <Text w={100} fw={500} size="sm" pt={6}>
                {weekdayNames[day]}
              </Text>
              <Stack gap={6} style={{ flex: '1 1 240px' }}>
                {dayRules.length === 0 ? (
                  <Text size="sm" c="dimmed" pt={6}>
                    Not working
                  </Text>
                ) : null}
                {dayRules.map(({ r, index }) => (
                  <Group key={index} gap="xs" wrap="wrap">
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={`${weekdayNames[day]} start`}
                      value={r.start}
                      readOnly={!editable}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setRules((all) => all.map((x, i) => (i === index ? { ...x, start: v } : x)));
                      }}
                    />
                    <Text size="sm">to</Text>
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={`${weekdayNames[day]} end`}
                      value={r.end}
                      readOnly={!editable}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setRules((all) => all.map((x, i) => (i === index ? { ...x, end: v } : x)));
                      }}
                    />
                    {editable ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${weekdayNames[day]} ${r.start}–${r.end}`}
                        onClick={() => setRules((all) => all.filter((_, i) => i !== index))}
                      >
                        Remove
                      </Button>
                    ) : null}
                  </Group>
                ))}
              </Stack>
              {editable ? (
                <Button
                  size="compact-xs"
                  variant="light"
                  mt={4}
                  aria-label={`Add hours on ${weekdayNames[day]}`}
                  onClick={() =>
                    setRules((all) => [
                      ...all,
                      dayRules.length
                        ? { weekday: day, start: '14:00', end: '18:00' }
                        : { weekday: day, start: '09:00', end: '17:00' },
                    ])
                  }
                >
                  Add
                </Button>
              ) : null}
            </Group>
          );
        })}
      </Stack>
      {editable ? (
        <Group justify="flex-end" mt="md">
          <Button
            loading={save.isPending}
            disabled={!providerId}
            onClick={() => {
              if (providerId) save.mutate(providerId);
            }}
          >
            Save working hours
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}
