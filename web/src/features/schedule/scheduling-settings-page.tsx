import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DeviceList, RoomList, TimeOffList } from '@needlepoint/core/contracts/bookings';
import type { ClinicSettings } from '@needlepoint/core/contracts/clinic';
import type { Ok } from '@needlepoint/core/contracts/common';
import type {
  Device,
  Room,
  ServiceTypeDto,
  ServiceTypesResponse,
  TimeOff,
  WorkingHours,
} from '@needlepoint/core/contracts/scheduling';
import type { WorkingHoursRule } from '@needlepoint/core/contracts/scheduling';
import { addDays, weekdays } from '@needlepoint/core/scheduling/time-zone';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { RequirePermission } from '../shell/require-permission';
import { useProviders } from './providers';
import { clinicInstant, clinicToday, formatRange, windowUtc, zoneLabel } from './schedule-lib';

const weekdayNames: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** Settings → Scheduling: rooms, devices, service types (clinic:write), working hours and time off (schedule:write). */
export function SchedulingSettingsPage() {
  return (
    <RequirePermission permission="schedule:read">
      <SchedulingSettingsView />
    </RequirePermission>
  );
}

function SchedulingSettingsView() {
  const settings = useApi(
    (signal) => api.get<typeof ClinicSettings>('/api/clinic/settings', undefined, signal),
    [],
  );
  const { can } = useSession();
  if (settings.status === 'error' && !settings.data)
    return (
      <ErrorAlert error={settings.error} title="Could not load the settings" onRetry={settings.reload} />
    );
  if (!settings.data) return <Loading />;
  const timeZone = settings.data.timeZone;
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title="Scheduling"
        description={`Rooms, devices, services, working hours and time off. Times are ${zoneLabel(timeZone)}.`}
      />
      {!can('clinic:write') ? (
        <Alert variant="light" color="blue">
          Only the clinic owner can change rooms, devices and services.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <RoomsSection />
        <DevicesSection />
      </SimpleGrid>
      <ServiceTypesSection />
      <WorkingHoursSection timeZone={timeZone} />
      <TimeOffSection timeZone={timeZone} />
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="lg" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function RoomsSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const rooms = useApi((signal) => api.get<typeof RoomList>('/api/rooms', undefined, signal), []);
  const [name, setName] = useState('');
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
      {editable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim())
              void run(() => api.post<typeof Room>('/api/rooms', { name: name.trim() }), 'Room added.').then(
                () => setName(''),
              );
          }}
        >
          <Group mt="md" align="flex-end">
            <TextInput
              label="New room"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button type="submit" disabled={!name.trim()}>
              Add room
            </Button>
          </Group>
        </form>
      ) : null}
    </Section>
  );
}

function DevicesSection() {
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

function ServiceTypesSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const services = useApi(
    (signal) => api.get<typeof ServiceTypesResponse>('/api/service-types', undefined, signal),
    [],
  );
  return (
    <Section id="services-title" title="Services and durations">
      <Text size="sm" c="dimmed" mb="sm">
        An appointment is numbing plus procedure; turnover keeps the room free afterwards for cleaning and
        set-up.
      </Text>
      {services.status === 'error' ? <ErrorAlert error={services.error} onRetry={services.reload} /> : null}
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Numbing (min)</Table.Th>
              <Table.Th>Procedure (min)</Table.Th>
              <Table.Th>Turnover (min)</Table.Th>
              <Table.Th>Plan session</Table.Th>
              {editable ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(services.data?.serviceTypes ?? []).map((s) => (
              <ServiceRow key={s.id} service={s} editable={editable} onSaved={services.reload} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

function ServiceRow({
  service,
  editable,
  onSaved,
}: {
  service: ServiceTypeDto;
  editable: boolean;
  onSaved: () => void;
}) {
  const [values, setValues] = useState(service);
  const [busy, setBusy] = useState(false);
  useEffect(() => setValues(service), [service]);
  const dirty =
    values.numbingMinutes !== service.numbingMinutes ||
    values.procedureMinutes !== service.procedureMinutes ||
    values.turnoverMinutes !== service.turnoverMinutes;
  const num = (key: 'numbingMinutes' | 'procedureMinutes' | 'turnoverMinutes', min: number, max: number) => (
    <NumberInput
      aria-label={`${service.name}: ${key.replace('Minutes', '')} minutes`}
      size="xs"
      w={90}
      min={min}
      max={max}
      step={5}
      value={values[key]}
      readOnly={!editable}
      onChange={(v) => setValues((x) => ({ ...x, [key]: typeof v === 'number' ? v : 0 }))}
    />
  );
  async function save() {
    setBusy(true);
    try {
      await api.put<typeof ServiceTypeDto>(`/api/service-types/${service.id}`, {
        numbingMinutes: values.numbingMinutes,
        procedureMinutes: values.procedureMinutes,
        turnoverMinutes: values.turnoverMinutes,
      });
      notifications.show({ color: 'green', message: `${service.name} saved.` });
      onSaved();
    } catch (e) {
      notifications.show({
        color: 'red',
        title: 'Not saved',
        message: e instanceof Error ? e.message : 'Not saved',
      });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Table.Tr>
      <Table.Td>{service.name}</Table.Td>
      <Table.Td>{num('numbingMinutes', 0, 180)}</Table.Td>
      <Table.Td>{num('procedureMinutes', 5, 480)}</Table.Td>
      <Table.Td>{num('turnoverMinutes', 0, 120)}</Table.Td>
      <Table.Td>{service.isPlanSession ? 'Yes' : 'No'}</Table.Td>
      {editable ? (
        <Table.Td>
          <Button size="compact-sm" disabled={!dirty} loading={busy} onClick={() => void save()}>
            Save
          </Button>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

function WorkingHoursSection({ timeZone }: { timeZone: string }) {
  const { can } = useSession();
  const editable = can('schedule:write');
  const providers = useProviders(timeZone);
  const [providerId, setProviderId] = useState<string | null>(null);
  useEffect(() => {
    if (!providerId && providers[0]) setProviderId(providers[0].id);
  }, [providers, providerId]);
  const hours = useApi(
    (signal) =>
      providerId
        ? api.get<typeof WorkingHours>(`/api/providers/${providerId}/working-hours`, undefined, signal)
        : Promise.resolve(null),
    [providerId],
  );
  const [rules, setRules] = useState<WorkingHoursRule[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setRules(hours.data?.rules ?? []), [hours.data]);

  async function save() {
    if (!providerId) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<typeof WorkingHours>(`/api/providers/${providerId}/working-hours`, {
        rules,
      });
      hours.setData(saved);
      notifications.show({ color: 'green', message: 'Working hours saved.' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

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
      {hours.status === 'error' ? <ErrorAlert error={hours.error} onRetry={hours.reload} /> : null}
      {error ? <ErrorAlert error={error} title="Working hours not saved" /> : null}
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
          <Button loading={busy} disabled={!providerId} onClick={() => void save()}>
            Save working hours
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}

function TimeOffSection({ timeZone }: { timeZone: string }) {
  const { can } = useSession();
  const editable = can('schedule:write');
  const providers = useProviders(timeZone);
  const today = clinicToday(timeZone);
  const list = useApi(
    (signal) =>
      api.get<typeof TimeOffList>(
        '/api/time-off',
        windowUtc(addDays(today, -7), addDays(today, 85), timeZone),
        signal,
      ),
    [today, timeZone],
  );
  const [providerId, setProviderId] = useState<string | null>(null);
  const [startDate, setStartDate] = useState(today);
  const [startTime, setStartTime] = useState('09:00');
  const [endDate, setEndDate] = useState(today);
  const [endTime, setEndTime] = useState('17:00');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const names = new Map(providers.map((p) => [p.id, p.name]));

  async function add() {
    if (!providerId) return;
    setError(null);
    try {
      await api.post<typeof TimeOff>('/api/time-off', {
        providerId,
        start: clinicInstant(startDate, startTime, timeZone),
        end: clinicInstant(endDate, endTime, timeZone),
        reason: reason.trim(),
      });
      setReason('');
      list.reload();
      notifications.show({ color: 'green', message: 'Time off added.' });
    } catch (e) {
      setError(e);
    }
  }
  async function remove(id: string) {
    setError(null);
    try {
      await api.delete<typeof Ok>(`/api/time-off/${id}`);
      list.reload();
      notifications.show({ color: 'green', message: 'Time off removed.' });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Section id="time-off-title" title="Time off">
      {list.status === 'error' ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
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
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(t.id)}>
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
            void add();
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
            <Button type="submit" disabled={!providerId}>
              Add time off
            </Button>
          </Group>
        </form>
      ) : null}
    </Section>
  );
}
