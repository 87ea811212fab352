import { Alert, Badge, Table, Text } from '@mantine/core';
import type { PatientMessageList } from '@needlepoint/core/contracts/messages';
import {
  messageStatusLabels,
  messageTemplateLabels,
  type MessageStatus,
} from '@needlepoint/core/contracts/messages';
import { Loading } from '../../components/loading';
import { api, messageOf } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';

const statusColors: Record<MessageStatus, string> = {
  scheduled: 'blue',
  sending: 'yellow',
  retrying: 'orange',
  sent: 'teal',
  failed: 'red',
  withdrawn: 'gray',
};

const channelLabels = { email: 'Email', sms: 'Text message', portal: 'Portal inbox' } as const;

/** Every message to the patient (the outbox) with its status: scheduled, sent, retrying, failed, withdrawn. */
export function PatientMessagesPanel({ patientId }: { patientId: string }) {
  const list = useApiQuery(keys.patients.messages(patientId), (signal) =>
    api.get<typeof PatientMessageList>(`/api/patients/${patientId}/messages`, undefined, signal),
  );
  if (list.isError)
    return (
      <Alert color="red" variant="light" role="alert">
        {messageOf(list.error)}
      </Alert>
    );
  if (!list.data) return <Loading />;
  if (list.data.messages.length === 0) return <Text c="dimmed">No messages to this patient yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label="Messages to the patient">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Message</Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.messages.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {messageTemplateLabels[m.template] ?? m.template}
                </Text>
                {m.subject ? (
                  <Text size="xs" c="dimmed">
                    {m.subject}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{channelLabels[m.channel]}</Text>
                {m.address ? (
                  <Text size="xs" c="dimmed">
                    {m.address}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(m.sentAt ?? m.sendAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={statusColors[m.status]} variant="light">
                  {messageStatusLabels[m.status]}
                </Badge>
                {m.status === 'retrying' || m.status === 'failed' ? (
                  <Text size="xs" c="dimmed">
                    {m.attempts} attempt{m.attempts === 1 ? '' : 's'}
                    {m.lastError ? `: ${m.lastError}` : ''}
                  </Text>
                ) : null}
                {m.withdrawnReason ? (
                  <Text size="xs" c="dimmed">
                    {m.withdrawnReason}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
