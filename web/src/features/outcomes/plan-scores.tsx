import { lazy, Suspense, useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { PlanOutcomesDto } from '@needlepoint/core/contracts/outcomes';
import type { OutcomeScoreDto } from '@needlepoint/core/contracts/outcomes';
import type { PlanDto } from '@needlepoint/core/contracts/plans';
import type { ScaleId } from '@needlepoint/core/outcomes/scale.schema';
import { scales } from '@needlepoint/core/outcomes/scales';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApiQuery, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { timepointText } from './labels';
import { RecordScoreModal } from './record-score-modal';

const ScoreChart = lazy(() => import('./score-chart'));

/** The "Scores" section of a plan: each of its scales charted over time, and a form to score one. */
export function PlanScores({ plan }: { plan: PlanDto }) {
  const { can } = useSession();
  const outcomes = useApiQuery(keys.outcomes.plan(plan.id), (signal) =>
    api.get<typeof PlanOutcomesDto>(`/api/plans/${plan.id}/outcomes`, undefined, signal),
  );
  const invalidate = useInvalidate();
  const [scoring, setScoring] = useState<ScaleId | null>(null);
  const titleId = `scores-${plan.id}`;
  const sessions = (plan.planSessions ?? []).filter(
    (s) => s.status !== 'cancelled' && s.status !== 'no-show',
  );
  return (
    <Stack component="section" aria-labelledby={titleId} gap="sm" mt="lg" data-testid="plan-scores">
      <Title order={4} fz="sm" id={titleId}>
        Scores
      </Title>
      {outcomes.isError ? (
        <ErrorAlert
          error={outcomes.error}
          title="Could not load the scores"
          onRetry={() => void outcomes.refetch()}
        />
      ) : !outcomes.data ? (
        <Loading />
      ) : outcomes.data.scales.length === 0 ? (
        <Text size="sm" c="dimmed">
          No validated scale is defined for this indication yet; use standard photographs.
        </Text>
      ) : (
        outcomes.data.scales.map(({ scaleId, scoredBy }) => {
          const scale = scales[scaleId];
          const mine = outcomes.data.scores.filter((s) => s.scaleId === scaleId);
          return (
            <Paper key={scaleId} withBorder p="sm" radius="md" data-testid={`scale-card-${scaleId}`}>
              <Group justify="space-between" gap="xs">
                <div>
                  <Text fw={600}>{scale.name}</Text>
                  <Text size="xs" c="dimmed">
                    {scale.version} ·{' '}
                    {scoredBy === 'patient'
                      ? 'scored by the patient in the portal'
                      : 'scored by the provider'}
                    {' · '}
                    {scale.direction === 'lower-is-better' ? 'lower is better' : 'higher is better'}
                  </Text>
                </div>
                {scoredBy === 'provider' && can('outcome:record') ? (
                  <Button size="xs" variant="light" onClick={() => setScoring(scaleId)}>
                    Score {scale.shortName}
                  </Button>
                ) : null}
              </Group>
              {mine.length === 0 ? (
                <Text size="sm" c="dimmed" mt="xs">
                  Not scored yet.
                </Text>
              ) : (
                <>
                  <Suspense fallback={<Loading />}>
                    <ScoreChart
                      scale={scale}
                      range={scale.range(outcomes.data.settings)}
                      scores={mine}
                      sessions={sessions}
                    />
                  </Suspense>
                  <ScoreTable scores={mine} unit={scale.unit} />
                </>
              )}
            </Paper>
          );
        })
      )}
      {scoring && outcomes.data ? (
        <RecordScoreModal
          plan={plan}
          scale={scales[scoring]}
          settings={outcomes.data.settings}
          scores={outcomes.data.scores.filter((s) => s.scaleId === scoring)}
          onClose={() => setScoring(null)}
          onSaved={() => {
            setScoring(null);
            // The plan's chart and the clinic's outcome report both count the new score.
            invalidate(keys.outcomes.all);
          }}
        />
      ) : null}
    </Stack>
  );
}

function ScoreTable({ scores, unit }: { scores: OutcomeScoreDto[]; unit: string | undefined }) {
  return (
    <Table.ScrollContainer minWidth={300} mt="xs">
      <Table fz="sm" verticalSpacing={4} data-testid="score-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scores.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{formatDate(s.scoredAt)}</Table.Td>
              <Table.Td>{timepointText(s.timepoint, s.sessionNumber)}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text span fw={600} size="sm">
                    {s.total}
                    {unit ? ` ${unit}` : ''}
                  </Text>
                  {s.band ? (
                    <Badge size="xs" variant="light">
                      {s.band.label}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>{s.scoredBy === 'patient' ? 'Patient' : s.recordedByName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
