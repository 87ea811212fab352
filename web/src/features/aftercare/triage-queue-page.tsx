import {
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { AftercareAlertList, CheckInDto, TriageQueue } from '@needlepoint/core/contracts/aftercare';
import type { TriageQueueItem } from '@needlepoint/core/contracts/aftercare';
import type { Ok } from '@needlepoint/core/contracts/common';
import { AdverseEventForm } from '../treatment/adverse-event-form';
import { clinicDate } from '../../lib/clinic-time';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { checkInReviewLabels } from '../staff-shared';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';
import { CheckInAnswersView } from './check-in-answers';
import { UrgencyBadge } from './urgency';

export function TriageQueuePage() {
  return (
    <RequirePermission permission="aftercare:read">
      <TriageQueueView />
    </RequirePermission>
  );
}

/** The triage queue: check-ins most urgent first, missed check-ins, and this user's urgent alerts. */
function TriageQueueView() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const queue = useApiQuery(keys.aftercare.queue(status), (signal) =>
    api.get<typeof TriageQueue>('/api/aftercare/queue', { status }, signal),
  );
  const alerts = useApiQuery(keys.aftercare.alerts, (signal) =>
    api.get<typeof AftercareAlertList>('/api/aftercare/alerts', undefined, signal),
  );
  const acknowledge = useApiMutation({
    mutationFn: (alertId: string) => api.post<typeof Ok>(`/api/aftercare/alerts/${alertId}/acknowledge`),
    invalidates: [keys.aftercare.alerts],
  });
  const open = alerts.data?.alerts.filter((a) => !a.acknowledgedAt) ?? [];
  const timeZone = queue.data?.timeZone;

  return (
    <>
      <PageHeader
        title="Aftercare"
        description="Patients' symptom check-ins after treatment, most urgent first, and check-ins that were missed."
      />
      <Stack gap="lg">
        {open.length > 0 ? (
          <Paper withBorder radius="md" p="md" bg="red.0" data-testid="aftercare-alerts">
            <Title order={2} fz="md" mb="xs">
              Urgent alerts for you
            </Title>
            <Stack gap="xs">
              {open.map((a) => (
                <Group key={a.id} justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap">
                    <UrgencyBadge urgency={a.urgency} size="sm" />
                    <Text size="sm" fw={600}>
                      {a.patientName}
                    </Text>
                    <Text size="sm">{a.title}</Text>
                  </Group>
                  <Button
                    size="xs"
                    variant="default"
                    loading={acknowledge.isPending && acknowledge.variables === a.id}
                    onClick={() => acknowledge.mutate(a.id)}
                  >
                    Acknowledge
                  </Button>
                </Group>
              ))}
            </Stack>
          </Paper>
        ) : null}

        {queue.data && queue.data.missed.length > 0 ? (
          <Paper withBorder radius="md" p="md" data-testid="missed-check-ins">
            <Title order={2} fz="md" mb="xs">
              Missed check-ins
            </Title>
            <Table.ScrollContainer minWidth={480}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>Treated</Table.Th>
                    <Table.Th>Check-in asked for</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {queue.data.missed.map((m) => (
                    <Table.Tr key={m.promptId}>
                      <Table.Td>
                        <AnchorLink to="/patients/$patientId" params={{ patientId: m.patientId }} fw={500}>
                          {m.patientName}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{formatDateTime(m.treatmentStartsAt, timeZone)}</Table.Td>
                      <Table.Td>
                        Day {m.day} · {formatDateTime(m.dueAt, timeZone)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ) : null}

        <Group justify="space-between">
          <Title order={2} fz="lg">
            Check-ins
          </Title>
          <SegmentedControl
            value={status}
            onChange={(v) => setStatus(v)}
            data={[
              { value: 'open', label: 'To review' },
              { value: 'all', label: 'All' },
            ]}
            aria-label="Which check-ins"
          />
        </Group>
        {queue.isError ? (
          <ErrorAlert
            error={queue.error}
            title="Could not load the queue"
            onRetry={() => void queue.refetch()}
          />
        ) : null}
        {queue.isPending ? <Loading label="Loading check-ins…" /> : null}
        {queue.data ? (
          queue.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="lg">
              <Text data-testid="triage-queue-empty">Nothing to review.</Text>
            </Paper>
          ) : (
            <Stack gap="sm" data-testid="triage-queue">
              {queue.data.items.map((item) => (
                <QueueItem key={item.checkIn.id} item={item} timeZone={timeZone} />
              ))}
            </Stack>
          )
        ) : null}
      </Stack>
    </>
  );
}

function QueueItem({ item, timeZone }: { item: TriageQueueItem; timeZone: string | undefined }) {
  const { can } = useSession();
  const c = item.checkIn;
  const urgent = c.triage.urgency === 'emergency' || c.triage.urgency === 'same-day';
  const [opened, setOpened] = useState(urgent);
  const [note, setNote] = useState('');
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  // A reviewed check-in leaves the "To review" list: every queue (both filters) is read again.
  const act = useApiMutation({
    mutationFn: (action: 'reviewed' | 'contacted') =>
      api.post<typeof CheckInDto>(`/api/aftercare/check-ins/${c.id}/actions`, { action, note }),
    invalidates: [keys.aftercare.queues],
    onSuccess: () => setNote(''),
  });
  const busy = act.isPending;
  const error = act.error;

  return (
    <Paper withBorder radius="md" p="md" data-testid="triage-item" data-urgency={c.triage.urgency}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="wrap">
          <UrgencyBadge urgency={c.triage.urgency} />
          <AnchorLink to="/patients/$patientId" params={{ patientId: c.patientId }} fw={600}>
            {item.patientName}
          </AnchorLink>
          <Text size="sm" c="dimmed">
            Day {c.daysSinceTreatment} after treatment on {formatDateTime(c.treatmentStartsAt, timeZone)}
          </Text>
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color={c.reviewStatus === 'open' ? 'gray' : 'teal'}>
            {checkInReviewLabels[c.reviewStatus]}
          </Badge>
          <Text size="xs" c="dimmed">
            Sent {formatDateTime(c.submittedAt, timeZone)}
          </Text>
        </Group>
      </Group>
      <Text size="sm" mt="xs">
        {c.triage.reasons.map((r) => r.title).join(' · ') || 'Nothing found'}
      </Text>
      <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setOpened((o) => !o)}>
        {opened ? 'Hide answers' : 'Show answers'}
      </Button>
      <Collapse expanded={opened}>
        <Stack gap="sm" mt="xs">
          <CheckInAnswersView checkIn={c} />
          {item.history.length > 0 ? (
            <div>
              <Text size="sm" fw={600}>
                Earlier check-ins for this treatment
              </Text>
              <Group gap="xs" mt={4}>
                {item.history.map((h) => (
                  <Group key={h.id} gap={4}>
                    <Text size="xs">Day {h.daysSinceTreatment}</Text>
                    <UrgencyBadge urgency={h.urgency} size="sm" />
                  </Group>
                ))}
              </Group>
            </div>
          ) : null}
          {c.actions.length > 0 ? (
            <Stack gap={2}>
              {c.actions.map((a) => (
                <Text key={a.at} size="sm">
                  {checkInReviewLabels[a.action]} by {a.byName}, {formatDateTime(a.at, timeZone)}
                  {a.note ? `: ${a.note}` : ''}
                </Text>
              ))}
            </Stack>
          ) : null}
          {can('aftercare:triage') ? (
            <Stack gap="xs">
              <Textarea
                label="Note"
                placeholder="e.g. Phoned, seen today at 15:00"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={1}
                maxLength={2000}
              />
              <Group gap="xs">
                <Button size="xs" variant="light" loading={busy} onClick={() => act.mutate('reviewed')}>
                  Mark reviewed
                </Button>
                <Button size="xs" loading={busy} onClick={() => act.mutate('contacted')}>
                  Record contact
                </Button>
              </Group>
              {error ? <ErrorAlert error={error} title="Could not save" /> : null}
            </Stack>
          ) : null}
          {can('adverse-event:write') ? (
            reported ? (
              <Text size="sm" c="teal.8" data-testid="adverse-event-opened">
                Adverse event opened from this check-in.
              </Text>
            ) : reporting ? (
              <Paper withBorder p="sm" radius="sm">
                <Text size="sm" fw={600} mb="xs">
                  Open an adverse event from this check-in
                </Text>
                <AdverseEventForm
                  patientId={c.patientId}
                  checkInId={c.id}
                  onsetOn={timeZone ? clinicDate(c.submittedAt, timeZone) : c.submittedAt.slice(0, 10)}
                  onOpened={() => setReported(true)}
                />
              </Paper>
            ) : (
              <div>
                <Button size="xs" variant="outline" color="red" onClick={() => setReporting(true)}>
                  Open adverse event…
                </Button>
              </div>
            )
          ) : null}
        </Stack>
      </Collapse>
    </Paper>
  );
}
