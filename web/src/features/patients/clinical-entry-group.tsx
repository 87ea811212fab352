import { useState } from 'react';
import { Badge, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ClinicalEntry } from '@needlepoint/core/contracts/patients';
import { formatDate } from '../../lib/format';
import { kindSingular, kindTitles, statusLabel } from './patient-labels';

const sourceLabels: Record<ClinicalEntry['source'], string> = {
  clinic: 'Clinic',
  intake: 'Intake form',
  import: 'Imported',
};

export function EntryGroup({
  kind,
  entries,
  reviewedOn,
  editable,
  onAdd,
  onCorrect,
  onRemove,
}: {
  kind: ClinicalEntry['kind'];
  entries: ClinicalEntry[];
  reviewedOn?: string | undefined;
  editable: boolean;
  onAdd: () => void;
  onCorrect: (entry: ClinicalEntry) => void;
  onRemove: (entry: ClinicalEntry) => void;
}) {
  const titleId = `entries-${kind}`;
  const [showRemoved, setShowRemoved] = useState(false);
  const removed = entries.filter((e) => e.status === 'entered-in-error');
  const shown = showRemoved ? entries : entries.filter((e) => e.status !== 'entered-in-error');
  const current = entries.length - removed.length;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id={titleId}>
          {kindTitles[kind]}{' '}
          <Text span c="dimmed" fz="sm" fw={400}>
            ({current})
          </Text>
        </Title>
        <Group gap="sm">
          {reviewedOn ? (
            <Text size="xs" c="dimmed">
              List confirmed complete {formatDate(reviewedOn)}
            </Text>
          ) : null}
          {editable ? (
            <Button variant="light" size="sm" onClick={onAdd}>
              Add {kindSingular[kind]}
            </Button>
          ) : null}
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          None recorded.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" data-testid={`entries-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{kind === 'observation' ? 'Observation' : 'Name'}</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Dates</Table.Th>
                {kind === 'observation' ? <Table.Th>Value</Table.Th> : null}
                <Table.Th>Source</Table.Th>
                {editable ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((entry) => {
                const isRemoved = entry.status === 'entered-in-error';
                return (
                  <Table.Tr key={entry.id} c={isRemoved ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={500} td={isRemoved ? 'line-through' : undefined}>
                        {entry.display}
                      </Text>
                      {entry.review ? (
                        <Text size="xs" c="orange" data-testid="entry-review">
                          Needs review: {entry.review}
                        </Text>
                      ) : null}
                      {entry.bodySites.length > 0 ? (
                        <Text size="xs" c="dimmed">
                          {entry.bodySites.join(', ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor(entry.status)} size="sm">
                        {statusLabel(kind, entry.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateRange(entry)}</Table.Td>
                    {kind === 'observation' ? <Table.Td>{entry.value ?? '—'}</Table.Td> : null}
                    <Table.Td>{sourceLabels[entry.source]}</Table.Td>
                    {editable ? (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => onCorrect(entry)}
                            aria-label={`Correct ${entry.display}`}
                          >
                            Correct
                          </Button>
                          {!isRemoved ? (
                            <Button
                              variant="subtle"
                              color="red"
                              size="compact-sm"
                              onClick={() => onRemove(entry)}
                              aria-label={`Remove ${entry.display}`}
                            >
                              Remove
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {removed.length > 0 ? (
        <Button variant="subtle" size="compact-xs" mt="xs" onClick={() => setShowRemoved((s) => !s)}>
          {showRemoved ? 'Hide removed entries' : `Show removed entries (${removed.length})`}
        </Button>
      ) : null}
    </Paper>
  );
}

function dateRange(entry: ClinicalEntry): string {
  if (!entry.startDate && !entry.endDate) return '—';
  if (entry.startDate && !entry.endDate) return `Since ${formatDate(entry.startDate)}`;
  if (!entry.startDate && entry.endDate) return `Until ${formatDate(entry.endDate)}`;
  return `${formatDate(entry.startDate)} – ${formatDate(entry.endDate)}`;
}

function statusColor(status: string): string {
  const s = status.toLowerCase();
  if (['active', 'current', 'confirmed', 'final'].includes(s)) return 'blue';
  if (['resolved', 'completed', 'stopped', 'inactive', 'remission'].includes(s)) return 'gray';
  if (['entered-in-error', 'refuted'].includes(s)) return 'red';
  return 'grape';
}
