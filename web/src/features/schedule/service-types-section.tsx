import { useEffect, useState } from 'react';
import { Button, NumberInput, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ServiceTypeDto } from '@needlepoint/core/contracts/scheduling';
import { ErrorAlert } from '../../components/error-alert';
import { api, messageOf } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApiMutation } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useServiceTypes } from '../staff-shared';
import { Section } from './settings-section';

export function ServiceTypesSection() {
  const { can } = useSession();
  const editable = can('clinic:write');
  const services = useServiceTypes();
  return (
    <Section id="services-title" title="Services and durations">
      <Text size="sm" c="dimmed" mb="sm">
        An appointment is numbing plus procedure; turnover keeps the room free afterwards for cleaning and
        set-up.
      </Text>
      {services.isError ? (
        <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />
      ) : null}
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
              <ServiceRow key={s.id} service={s} editable={editable} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}

export function ServiceRow({ service, editable }: { service: ServiceTypeDto; editable: boolean }) {
  const [values, setValues] = useState(service);
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
  // Durations decide open slots and the calendar's blocks: every schedule read is refreshed.
  const save = useApiMutation({
    mutationFn: () =>
      api.put<typeof ServiceTypeDto>(`/api/service-types/${service.id}`, {
        numbingMinutes: values.numbingMinutes,
        procedureMinutes: values.procedureMinutes,
        turnoverMinutes: values.turnoverMinutes,
      }),
    invalidates: [keys.schedule.all],
    onSuccess: () => notifications.show({ color: 'green', message: `${service.name} saved.` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: messageOf(e) }),
  });
  return (
    <Table.Tr>
      <Table.Td>{service.name}</Table.Td>
      <Table.Td>{num('numbingMinutes', 0, 180)}</Table.Td>
      <Table.Td>{num('procedureMinutes', 5, 480)}</Table.Td>
      <Table.Td>{num('turnoverMinutes', 0, 120)}</Table.Td>
      <Table.Td>{service.isPlanSession ? 'Yes' : 'No'}</Table.Td>
      {editable ? (
        <Table.Td>
          <Button size="compact-sm" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
            Save
          </Button>
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}
