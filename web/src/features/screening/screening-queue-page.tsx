import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ScreeningQueue } from '@needlepoint/core/contracts/screening';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';
import { areasText } from './labels';
import { VerdictPill } from './verdict-banner';

export function ScreeningQueuePage() {
  return (
    <RequirePermission permission="screening:read">
      <ScreeningQueueView />
    </RequirePermission>
  );
}

/** The work list: patients whose latest screening still has open findings, newest first, a page at a time. */
function ScreeningQueueView() {
  const queue = useInfiniteQuery({
    queryKey: keys.screening.queue,
    initialPageParam: null as string | null,
    getNextPageParam: (page: ScreeningQueue) => page.next,
    queryFn: ({ pageParam, signal }) =>
      api.get<typeof ScreeningQueue>('/api/screenings/queue', { after: pageParam ?? undefined }, signal),
  });
  const items = queue.data?.pages.flatMap((page) => page.items);
  const more = queue.hasNextPage;
  return (
    <>
      <PageHeader
        title="Screening"
        description="Patients whose latest screening still has open findings. Open one to review and decide."
      />
      <Stack gap="md">
        {queue.isError ? (
          <ErrorAlert
            error={queue.error}
            title="Could not load the work list"
            onRetry={() => void queue.refetch()}
          />
        ) : null}
        {!items && queue.isPending ? <Loading label="Loading the work list…" /> : null}
        {items ? (
          items.length === 0 && !more ? (
            <Paper withBorder radius="md" p="lg">
              <Text data-testid="screening-queue-empty">
                Nothing waiting: every patient’s latest screening is cleared.
              </Text>
            </Paper>
          ) : (
            <div aria-busy={queue.isFetching}>
              <Text size="sm" c="dimmed" mb="xs" role="status">
                {items.length}
                {more ? ' or more' : ''} {items.length === 1 && !more ? 'patient needs' : 'patients need'} a
                decision
              </Text>
              <Table.ScrollContainer minWidth={640}>
                <Table highlightOnHover verticalSpacing="sm" data-testid="screening-queue">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Patient</Table.Th>
                      <Table.Th>Verdict</Table.Th>
                      <Table.Th>Open findings</Table.Th>
                      <Table.Th>Areas</Table.Th>
                      <Table.Th>Screened</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => {
                      const open = item.screening.findings.filter((f) => f.open);
                      return (
                        <Table.Tr key={item.patientId}>
                          <Table.Td>
                            <AnchorLink
                              to="/patients/$patientId"
                              params={{ patientId: item.patientId }}
                              search={{ tab: 'screening' }}
                              fw={500}
                              style={{ whiteSpace: 'nowrap' }}
                            >
                              {item.patientName}
                            </AnchorLink>
                            <Text size="xs" c="dimmed">
                              Born {formatDate(item.birthDate)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <VerdictPill verdict={item.screening.verdict} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{open.length}</Text>
                            <Text size="xs" c="dimmed">
                              {open
                                .slice(0, 3)
                                .map((f) => f.title)
                                .join('; ')}
                              {open.length > 3 ? '…' : ''}
                            </Text>
                          </Table.Td>
                          <Table.Td>{areasText(item.screening.areas)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {formatDateTime(item.screening.createdAt)}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {more ? (
                <Group justify="flex-end" mt="xs">
                  <Button
                    variant="default"
                    onClick={() => void queue.fetchNextPage()}
                    loading={queue.isFetchingNextPage}
                  >
                    Load older
                  </Button>
                </Group>
              ) : null}
            </div>
          )
        ) : null}
      </Stack>
    </>
  );
}
