import { Button, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ScreeningQueue } from '@needlepoint/core/contracts/screening';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
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

/** Reads one page of the work list: the first without `after`, each older one after the last it was given. */
function useQueuePage(after: string | null) {
  return useApiQuery(after ? [...keys.screening.queue, after] : keys.screening.queue, (signal) =>
    api.get<typeof ScreeningQueue>('/api/screenings/queue', { after: after ?? undefined }, signal),
  );
}

/** The work list: patients whose latest screening still has open findings, newest first, a page at a time. */
function ScreeningQueueView() {
  const queue = useQueuePage(null);
  // The `after` of each older page asked for with "Load older" (each page's rows load on their own).
  const [older, setOlder] = useState<string[]>([]);
  const items = queue.data?.items;
  const next = queue.data?.next ?? null;
  const more = older.length === 0 ? next : null;
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
          items.length === 0 && !next ? (
            <Paper withBorder radius="md" p="lg">
              <Text data-testid="screening-queue-empty">
                Nothing waiting: every patient’s latest screening is cleared.
              </Text>
            </Paper>
          ) : (
            <div aria-busy={queue.isFetching}>
              <Text size="sm" c="dimmed" mb="xs" role="status">
                {items.length}
                {next ? ' or more' : ''} {items.length === 1 && !next ? 'patient needs' : 'patients need'} a
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
                  <QueueRows items={items} />
                  {older.map((after, i) => (
                    <OlderRows
                      key={after}
                      after={after}
                      last={i === older.length - 1}
                      onMore={(cursor) => setOlder([...older, cursor])}
                    />
                  ))}
                </Table>
              </Table.ScrollContainer>
              {more ? <LoadOlder onClick={() => setOlder([more])} /> : null}
            </div>
          )
        ) : null}
      </Stack>
    </>
  );
}

function QueueRows({ items }: { items: ScreeningQueue['items'] }) {
  return (
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
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(item.screening.createdAt)}</Table.Td>
          </Table.Tr>
        );
      })}
    </Table.Tbody>
  );
}

/** An older page's rows, and "Load older" under the last page when there is more. */
function OlderRows(props: { after: string; last: boolean; onMore: (next: string) => void }) {
  const page = useQueuePage(props.after);
  if (page.isError)
    return (
      <Table.Tbody>
        <Table.Tr>
          <Table.Td colSpan={5}>
            <ErrorAlert
              error={page.error}
              title="Could not load older entries"
              onRetry={() => void page.refetch()}
            />
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    );
  if (!page.data) return null;
  const next = page.data.next;
  return (
    <>
      <QueueRows items={page.data.items} />
      {props.last && next ? (
        <Table.Tbody>
          <Table.Tr>
            <Table.Td colSpan={5}>
              <LoadOlder onClick={() => props.onMore(next)} />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      ) : null}
    </>
  );
}

function LoadOlder({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="default" mt="xs" onClick={onClick}>
      Load older
    </Button>
  );
}
