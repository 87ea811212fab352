import { Badge, Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Screening } from '@needlepoint/core/contracts/screening';
import { formatDateTime } from '../../lib/clinic-time';
import { areasText, modalityLabels, triggerLabels } from './labels';
import { VerdictPill } from './verdict-banner';

export function ScreeningHistory({
  screenings,
  selectedId,
  onSelect,
}: {
  screenings: Screening[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="sh-title">
      <Title order={2} fz="lg" id="sh-title" mb="sm">
        Screening history ({screenings.length})
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" data-testid="screening-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Verdict</Table.Th>
              <Table.Th>Open</Table.Th>
              <Table.Th>Areas</Table.Th>
              <Table.Th>How it ran</Table.Th>
              <Table.Th>Versions</Table.Th>
              <Table.Th>
                <VisuallyHidden>View</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {screenings.map((s) => {
              const open = s.findings.filter((f) => f.open).length;
              const current = s.id === selectedId;
              return (
                <Table.Tr key={s.id} bg={current ? 'var(--mantine-color-blue-light)' : undefined}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <VerdictPill verdict={s.verdict} />
                  </Table.Td>
                  <Table.Td>
                    {open === 0 ? (
                      <Badge color="green" variant="light">
                        Cleared
                      </Badge>
                    ) : (
                      `${open} open`
                    )}
                  </Table.Td>
                  <Table.Td>
                    {areasText(s.areas)}
                    <Text size="xs" c="dimmed">
                      {modalityLabels[s.modality] ?? s.modality}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {triggerLabels[s.trigger]}
                    {s.runByName ? (
                      <Text size="xs" c="dimmed">
                        {s.runByName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="xs">Knowledge {s.knowledgeVersion}</Text>
                    <Text size="xs">Settings v{s.settingsVersion}</Text>
                  </Table.Td>
                  <Table.Td>
                    {current ? (
                      <Text size="sm" c="dimmed">
                        Shown above
                      </Text>
                    ) : (
                      <Button
                        variant="default"
                        size="compact-sm"
                        onClick={() => {
                          onSelect(s.id);
                          document.getElementById('result-title')?.scrollIntoView({ behavior: 'smooth' });
                        }}
                      >
                        View
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
