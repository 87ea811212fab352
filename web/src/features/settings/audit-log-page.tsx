import { useState, type FormEvent } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import {
  Autocomplete,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { roleLabels, type Role } from '@needlepoint/core/auth/roles';
import type { AuditEvent, AuditPage, AuditVerification } from '@needlepoint/core/contracts/audit';
import type { ClinicSettings } from '@needlepoint/core/contracts/clinic';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { addDays, clinicInstant, formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';
import { RequirePermission } from '../shell/require-permission';

const pageSize = 50;

const actionSuggestions = [
  'auth.',
  'auth.login',
  'auth.login-failed',
  'clinic.created',
  'patient.',
  'patient.viewed',
  'patient.searched',
  'patient.created',
  'user.',
  'clinic.',
  'audit.',
];

interface Filters {
  action: string;
  from: string;
  to: string;
}

export function AuditLogPage() {
  return (
    <RequirePermission permission="audit:read">
      <AuditLogView />
    </RequirePermission>
  );
}

/** The start of a calendar day in the clinic's time zone, as an instant the API accepts. */
function startOfDay(date: string, timeZone: string): string {
  return clinicInstant(date, '00:00', timeZone);
}

function AuditLogView() {
  const settings = useApiQuery(keys.clinic.settings, (signal) =>
    api.get<typeof ClinicSettings>('/api/clinic/settings', undefined, signal),
  );
  const timeZone = settings.data?.timeZone;
  const [draft, setDraft] = useState<Filters>({ action: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [dateError, setDateError] = useState<string | undefined>();
  // Pages of events, newest first; "Load older" asks for the page before the oldest one shown.
  const log = useInfiniteQuery({
    queryKey: [...keys.audit.events(filters), timeZone ?? 'UTC'],
    enabled: !settings.isPending,
    // New filters keep the current events on screen (marked busy) until their own first page arrives.
    placeholderData: keepPreviousData,
    initialPageParam: null as number | null,
    getNextPageParam: (page: AuditPage) => page.nextBeforeSeq,
    queryFn: ({ pageParam, signal }) => {
      const zone = timeZone ?? 'UTC';
      return api.get<typeof AuditPage>(
        '/api/audit',
        {
          action: filters.action.trim() || undefined,
          from: filters.from ? startOfDay(filters.from, zone) : undefined,
          to: filters.to ? startOfDay(addDays(filters.to, 1), zone) : undefined,
          beforeSeq: pageParam ?? undefined,
          limit: pageSize,
        },
        signal,
      );
    },
  });
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  const status = log.isError
    ? 'error'
    : log.isPending || (log.isFetching && !log.isFetchingNextPage)
      ? 'loading'
      : 'ok';
  const olderAvailable = log.hasNextPage;

  function apply(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setDateError('The end date is before the start date');
      return;
    }
    setDateError(undefined);
    setFilters({ ...draft });
  }

  function clear() {
    const empty = { action: '', from: '', to: '' };
    setDraft(empty);
    setFilters(empty);
    setDateError(undefined);
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every sign-in, record view and change, newest first.${timeZone ? ` Times in ${timeZone}.` : ''}`}
        actions={<ChainBadge />}
      />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <form onSubmit={apply} aria-label="Filter the audit log">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
              <Autocomplete
                label="Action starts with"
                placeholder="e.g. patient."
                data={actionSuggestions}
                value={draft.action}
                onChange={(action) => setDraft((d) => ({ ...d, action }))}
              />
              <TextInput
                label="From"
                type="date"
                value={draft.from}
                onChange={(e) => {
                  const from = e.currentTarget.value;
                  setDraft((d) => ({ ...d, from }));
                }}
              />
              <TextInput
                label="To (inclusive)"
                type="date"
                value={draft.to}
                onChange={(e) => {
                  const to = e.currentTarget.value;
                  setDraft((d) => ({ ...d, to }));
                }}
                error={dateError}
              />
              <Group gap="sm" wrap="nowrap">
                <Button type="submit">Show events</Button>
                <Button variant="default" onClick={clear}>
                  Clear
                </Button>
              </Group>
            </SimpleGrid>
          </form>
        </Paper>

        {status === 'error' ? <ErrorAlert error={log.error} title="Could not load the audit log" /> : null}
        {status === 'loading' && events.length === 0 ? <Loading /> : null}
        {status !== 'error' && !(status === 'loading' && events.length === 0) ? (
          events.length === 0 ? (
            <Text c="dimmed" role="status">
              No events match these filters.
            </Text>
          ) : (
            <>
              <Table.ScrollContainer minWidth={880}>
                <Table
                  verticalSpacing="xs"
                  striped
                  data-testid="audit-table"
                  aria-busy={status === 'loading'}
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Time</Table.Th>
                      <Table.Th>Who</Table.Th>
                      <Table.Th>Action</Table.Th>
                      <Table.Th>Entity</Table.Th>
                      <Table.Th>Patient</Table.Th>
                      <Table.Th>IP address</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {events.map((event) => (
                      <AuditRow key={event.id} event={event} timeZone={timeZone} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  Showing {events.length} event{events.length === 1 ? '' : 's'}
                  {olderAvailable ? '' : ' (all that match)'}
                </Text>
                {olderAvailable ? (
                  <Button
                    variant="default"
                    onClick={() => void log.fetchNextPage()}
                    loading={log.isFetchingNextPage}
                  >
                    Load older
                  </Button>
                ) : null}
              </Group>
            </>
          )
        ) : null}
      </Stack>
    </>
  );
}

function AuditRow({ event, timeZone }: { event: AuditEvent; timeZone: string | undefined }) {
  const { can } = useSession();
  const role = event.actorRole && event.actorRole in roleLabels ? roleLabels[event.actorRole as Role] : null;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, timeZone)}</time>
        {event.sealed ? null : (
          <Text size="xs" c="dimmed" title="Recorded; added to the tamper-evident chain within seconds">
            Pending
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{event.actorName ?? (event.actorUserId ? 'Unknown user' : 'System')}</Text>
        {role ? (
          <Text size="xs" c="dimmed">
            {role}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Code>{event.action}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{event.entityType}</Text>
        {event.entityId ? (
          <Text size="xs" c="dimmed" title={event.entityId}>
            {event.entityId.slice(0, 8)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {event.patientId ? (
          can('patient:read') ? (
            <AnchorLink
              to="/patients/$patientId"
              params={{ patientId: event.patientId }}
              size="sm"
              title={event.patientId}
            >
              {event.patientId.slice(0, 8)}
            </AnchorLink>
          ) : (
            <Text size="sm">{event.patientId.slice(0, 8)}</Text>
          )
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {event.ip ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Whether the hash chain still adds up: any edit or deletion of a past event breaks it. */
function ChainBadge() {
  const verify = useApiQuery(keys.audit.verification, (signal) =>
    api.get<typeof AuditVerification>('/api/audit/verify', undefined, signal),
  );
  if (verify.isPending) {
    return (
      <Badge variant="light" color="gray" size="lg" data-testid="audit-chain">
        Checking integrity…
      </Badge>
    );
  }
  if (verify.isError) {
    return (
      <Badge variant="light" color="orange" size="lg" data-testid="audit-chain">
        Integrity not checked
      </Badge>
    );
  }
  const result = verify.data;
  const anchored = result.checkpoint
    ? `, matches the signed checkpoint at event #${result.checkpoint.seq}`
    : ', no signed checkpoint yet';
  const pending = result.pending ? `; ${result.pending} pending` : '';
  return result.intact ? (
    <Badge
      variant="light"
      color="green"
      size="lg"
      data-testid="audit-chain"
      title={`${result.checked} events checked${anchored}${pending}`}
    >
      Chain intact · {result.checked} checked
    </Badge>
  ) : (
    <Badge variant="filled" color="red" size="lg" data-testid="audit-chain">
      {brokenText(result)}
    </Badge>
  );
}

function brokenText(result: AuditVerification): string {
  switch (result.problem) {
    case 'events-missing':
      return `Events missing from #${result.firstBrokenSeq}`;
    case 'chain-rewritten':
      return `Chain rewritten at or before #${result.firstBrokenSeq}`;
    case 'checkpoint-invalid':
      return 'Checkpoint signature invalid';
    default:
      return `Chain broken at event #${result.firstBrokenSeq}`;
  }
}
