import { lazy, Suspense } from 'react';
import { Badge, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { AdverseEventList, AdverseEventReport } from '@needlepoint/core/contracts/adverse-events';
import { adverseEventTypeInfo } from '@needlepoint/core/treatment/adverse-events';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiQuery, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import { AdverseEventForm } from './adverse-event-form';

const outcomeLabels: Record<string, string> = {
  recovering: 'Recovering',
  recovered: 'Recovered',
  'recovered-with-sequelae': 'Recovered with sequelae',
  'not-recovered': 'Not recovered',
  fatal: 'Fatal',
  unknown: 'Unknown',
};

const romanTypes = ['I', 'II', 'III', 'IV', 'V', 'VI'];
/** Fitzpatrick rows come keyed 1-6: shown as the scale names them. */
const fitzpatrickRows = (rows: AdverseEventReport['byFitzpatrick']) =>
  rows.map((r) => {
    const roman = romanTypes[Number(r.key) - 1];
    return roman ? { ...r, label: `Type ${roman}` } : r;
  });

const RateChart = lazy(() => import('./rate-chart'));

/** One breakdown of the report: bars per 100 sessions, then the counts behind them. */
function RateBreakdown({ title, rows }: { title: string; rows: AdverseEventReport['byType'] }) {
  return (
    <Card withBorder padding="xs" data-testid="rate-breakdown">
      <Text fw={600} size="sm" mb={4}>
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No signed sessions yet.
        </Text>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <RateChart title={title} rows={rows} />
          </Suspense>
          <Table mt={4} fz="sm">
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {r.events} / {r.sessions}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.per100} per 100</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

/** Adverse events: open one on a treated patient, the list, the MedWatch export and rates per 100 sessions. */
export function AdverseEventsPage() {
  const { can } = useSession();
  const events = useApiQuery(keys.adverseEvents.list, (signal) =>
    api.get<typeof AdverseEventList>('/api/adverse-events', undefined, signal),
  );
  const report = useApiQuery(keys.adverseEvents.report, (signal) =>
    api.get<typeof AdverseEventReport>('/api/adverse-events/report', undefined, signal),
  );
  const invalidate = useInvalidate();
  return (
    <Stack maw={1000}>
      <Title order={2}>Adverse events</Title>
      {can('adverse-event:write') ? (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            Open an adverse event
          </Title>
          <AdverseEventForm onOpened={() => invalidate(keys.adverseEvents.all)} />
        </Card>
      ) : null}
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          Events <a href="/api/adverse-events/medwatch.csv">(MedWatch 3500 CSV)</a>
        </Title>
        {!events.data ? (
          <Loading />
        ) : (
          <Table striped>
            <Table.Tbody>
              {events.data.events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDate(e.onsetOn)}</Table.Td>
                  <Table.Td>{e.patientName}</Table.Td>
                  <Table.Td>{adverseEventTypeInfo[e.type].label}</Table.Td>
                  <Table.Td>{e.serious ? <Badge color="red">Serious</Badge> : null}</Table.Td>
                  <Table.Td>{e.lots.join(', ')}</Table.Td>
                  <Table.Td>{outcomeLabels[e.outcome]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {report.data ? (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {report.data.per100} adverse events per 100 signed sessions ({report.data.events} in{' '}
            {report.data.sessions})
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <RateBreakdown title="By type" rows={report.data.byType} />
            <RateBreakdown title="By device" rows={report.data.byDevice} />
            <RateBreakdown title="By lot" rows={report.data.byLot} />
            <RateBreakdown title="By provider" rows={report.data.byProvider} />
            <RateBreakdown title="By Fitzpatrick type" rows={fitzpatrickRows(report.data.byFitzpatrick)} />
          </SimpleGrid>
        </Stack>
      ) : null}
    </Stack>
  );
}
