import { useState } from 'react';
import {
  Badge,
  Button,
  Chip,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WaitlistList } from '@needlepoint/core/contracts/bookings';
import type { Ok } from '@needlepoint/core/contracts/common';
import type { PatientList } from '@needlepoint/core/contracts/patients';
import type { PatientSummary } from '@needlepoint/core/contracts/patients';
import type { WaitlistEntry } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useServiceTypes } from '../staff-shared';
import { PatientPicker } from './patient-picker';
import { addDays, weekdays } from '../../lib/clinic-time';

const weekdayShort: Record<string, string> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};

/** Patients waiting for an earlier or a suitable slot; a cancellation offers the freed time to them. */
export function WaitlistPanel({ today }: { today: string }) {
  const { can } = useSession();
  const canWrite = can('schedule:write');
  const list = useApiQuery(keys.schedule.waitlist, (signal) =>
    api.get<typeof WaitlistList>('/api/waitlist', undefined, signal),
  );
  const services = useServiceTypes();
  // Waitlist entries carry only the patient id: names come from the patient list.
  const patients = useApiQuery(keys.patients.search({ limit: 200 }), (signal) =>
    api.get<typeof PatientList>('/api/patients', { limit: 200 }, signal),
  );
  const [adding, setAdding] = useState(false);
  const names = new Map((patients.data?.patients ?? []).map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
  const serviceNames = new Map((services.data?.serviceTypes ?? []).map((s) => [s.id, s.name]));
  const entries = (list.data?.entries ?? []).filter((e) => e.status === 'waiting' || e.status === 'offered');

  const removal = useApiMutation({
    mutationFn: (entry: WaitlistEntry) => api.delete<typeof Ok>(`/api/waitlist/${entry.id}`),
    invalidates: [keys.schedule.waitlist],
    onSuccess: () => notifications.show({ color: 'green', message: 'Removed from the waitlist.' }),
  });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="waitlist-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md" id="waitlist-title">
          Waitlist{' '}
          <Text span c="dimmed" fz="sm" fw={400}>
            ({entries.length})
          </Text>
        </Title>
        {canWrite ? (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)}>
            Add
          </Button>
        ) : null}
      </Group>
      {list.isError ? (
        <ErrorAlert
          error={list.error}
          title="Could not load the waitlist"
          onRetry={() => void list.refetch()}
        />
      ) : null}
      {removal.error ? <ErrorAlert error={removal.error} title="Not removed" /> : null}
      {list.data && entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody is waiting.
        </Text>
      ) : null}
      <Stack gap="xs" data-testid="waitlist">
        {entries.map((entry) => (
          <Paper key={entry.id} withBorder p="xs" radius="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate="end">
                  {names.get(entry.patientId) ?? 'Patient'}
                </Text>
                <Text size="xs" c="dimmed">
                  {serviceNames.get(entry.serviceTypeId) ?? entry.serviceTypeId} ·{' '}
                  {formatDate(entry.earliestDate)}–{formatDate(entry.latestDate)}
                  {entry.preferredWeekdays.length
                    ? ` · ${entry.preferredWeekdays.map((d) => weekdayShort[d]).join(', ')}`
                    : ''}
                </Text>
                {entry.note ? <Text size="xs">{entry.note}</Text> : null}
                {entry.status === 'offered' ? (
                  <Badge size="xs" color="orange" variant="light">
                    Slot offered
                  </Badge>
                ) : null}
              </div>
              {canWrite ? (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  loading={removal.isPending && removal.variables.id === entry.id}
                  onClick={() => removal.mutate(entry)}
                  aria-label={`Remove ${names.get(entry.patientId) ?? 'patient'} from the waitlist`}
                >
                  Remove
                </Button>
              ) : null}
            </Group>
          </Paper>
        ))}
      </Stack>
      {adding ? (
        <AddToWaitlistModal
          today={today}
          services={services.data?.serviceTypes ?? []}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            notifications.show({ color: 'green', message: 'Added to the waitlist.' });
          }}
        />
      ) : null}
    </Paper>
  );
}

function AddToWaitlistModal({
  today,
  services,
  onClose,
  onAdded,
}: {
  today: string;
  services: { id: string; name: string }[];
  onClose: () => void;
  onAdded: () => void;
}) {
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [serviceTypeId, setServiceTypeId] = useState<string | null>('microneedling');
  const [earliest, setEarliest] = useState(today);
  const [latest, setLatest] = useState(addDays(today, 14));
  const [days, setDays] = useState<string[]>([]);
  const [note, setNote] = useState('');
  // The new entry's patient may not be among the names read yet: the patient list is read again too.
  const adding = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<typeof WaitlistEntry>('/api/waitlist', body),
    invalidates: [keys.schedule.waitlist, keys.patients.all],
    onSuccess: () => onAdded(),
  });

  function submit() {
    if (!patient || !serviceTypeId) return;
    adding.mutate({
      patientId: patient.id,
      serviceTypeId,
      earliestDate: earliest,
      latestDate: latest,
      preferredWeekdays: days,
      note: note.trim(),
    });
  }

  return (
    <Modal opened onClose={onClose} title="Add to the waitlist">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <PatientPicker value={patient} onChange={setPatient} />
          <Select
            label="Service"
            data={services.map((s) => ({ value: s.id, label: s.name }))}
            value={serviceTypeId}
            onChange={setServiceTypeId}
            allowDeselect={false}
          />
          <SimpleGrid cols={2}>
            <TextInput
              label="From"
              type="date"
              value={earliest}
              onChange={(e) => setEarliest(e.currentTarget.value)}
            />
            <TextInput
              label="Until"
              type="date"
              value={latest}
              onChange={(e) => setLatest(e.currentTarget.value)}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>
              Preferred days (optional)
            </Text>
            <Chip.Group multiple value={days} onChange={setDays}>
              <Group gap={4}>
                {weekdays.map((d) => (
                  <Chip key={d} value={d} size="xs">
                    {weekdayShort[d]}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
          <Textarea
            label="Note"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {adding.error ? <ErrorAlert error={adding.error} title="Not added" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={adding.isPending} disabled={!patient || !serviceTypeId}>
              Add to waitlist
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
