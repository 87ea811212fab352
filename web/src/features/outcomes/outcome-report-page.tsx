import '@mantine/charts/styles.css';
import { useState } from 'react';
import { BarChart } from '@mantine/charts';
import { Anchor, Group, Paper, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import type { OutcomeReportDto } from '@needlepoint/core/contracts/outcomes';
import { reportDimensions, type ReportDimension } from '@needlepoint/core/outcomes/report';
import type { ScaleId } from '@needlepoint/core/outcomes/scale.schema';
import { scales } from '@needlepoint/core/outcomes/scales';
import { planTemplates } from '@needlepoint/core/plans/templates';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';
import { dimensionLabels } from './labels';

const groupLabel = (dimension: ReportDimension, group: string) =>
  dimension === 'indication' ? (planTemplates.find((t) => t.indication === group)?.name ?? group) : group;
const show = (n: number | null, suffix = '') => (n === null ? '—' : `${n}${suffix}`);

/** Clinic outcome report: improvement from baseline by indication, Fitzpatrick type, adjunct and provider. */
export default function OutcomeReportPage() {
  return (
    <RequirePermission permission="reports:read">
      <OutcomeReport />
    </RequirePermission>
  );
}

function OutcomeReport() {
  const report = useApiQuery(keys.outcomes.report, (signal) =>
    api.get<typeof OutcomeReportDto>('/api/reports/outcomes', undefined, signal),
  );
  const [dimension, setDimension] = useState<ReportDimension>('indication');
  const [scale, setScale] = useState<ScaleId | null>(null);
  const rows = report.data?.rows.filter((r) => r.dimension === dimension) ?? [];
  const scaleIds = [...new Set(rows.map((r) => r.scaleId))];
  const chosen = scale && scaleIds.includes(scale) ? scale : (scaleIds[0] ?? null);
  const chartRows = rows.filter((r) => r.scaleId === chosen && r.meanImprovementPercent !== null);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Outcome report"
        description="Improvement from baseline to the latest score, per plan, on the validated scales each plan names."
      />
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          value={dimension}
          onChange={(v) => setDimension(v)}
          data={reportDimensions.map((d) => ({
            value: d,
            label: d === 'fitzpatrick' ? 'Fitzpatrick' : dimensionLabels[d],
          }))}
          aria-label="Group by"
          fullWidth
          size="xs"
          style={{ flex: '1 1 320px', maxWidth: 520 }}
        />
        <Anchor href="/api/reports/outcomes.csv" download="outcomes.csv" fw={600} data-testid="report-csv">
          Download CSV
        </Anchor>
      </Group>
      {report.isError ? (
        <ErrorAlert
          error={report.error}
          title="Could not load the report"
          onRetry={() => void report.refetch()}
        />
      ) : !report.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed">No outcome scores yet.</Text>
      ) : (
        <>
          <Paper withBorder p="md" radius="md">
            <Group justify="space-between" mb="sm">
              <Text fw={600}>Mean improvement from baseline (%)</Text>
              <Select
                aria-label="Scale"
                data={scaleIds.map((id) => ({ value: id, label: scales[id].shortName }))}
                value={chosen}
                onChange={(v) => setScale(v)}
                allowDeselect={false}
                w={200}
              />
            </Group>
            {chartRows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {chosen && scales[chosen].kind !== 'status'
                  ? 'This scale is a rating given after treatment; see the table.'
                  : 'No plan has both a baseline and a later score on this scale yet.'}
              </Text>
            ) : (
              <BarChart
                h={240}
                data={chartRows.map((r) => ({
                  group: groupLabel(dimension, r.group),
                  improvement: r.meanImprovementPercent,
                }))}
                dataKey="group"
                series={[{ name: 'improvement', label: 'Mean improvement %', color: 'teal.6' }]}
                valueFormatter={(v) => `${v}%`}
                maxBarWidth={72}
                data-testid="report-chart"
              />
            )}
          </Paper>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="report-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{dimensionLabels[dimension]}</Table.Th>
                  <Table.Th>Scale</Table.Th>
                  <Table.Th>Plans</Table.Th>
                  <Table.Th>Assessed</Table.Th>
                  <Table.Th>Mean baseline</Table.Th>
                  <Table.Th>Mean latest</Table.Th>
                  <Table.Th>Mean improvement</Table.Th>
                  <Table.Th>Improved</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.group}-${r.scaleId}`}>
                    <Table.Td>{groupLabel(dimension, r.group)}</Table.Td>
                    <Table.Td>{scales[r.scaleId].shortName}</Table.Td>
                    <Table.Td>{r.plans}</Table.Td>
                    <Table.Td>{r.assessed}</Table.Td>
                    <Table.Td>{show(r.meanBaseline)}</Table.Td>
                    <Table.Td>{show(r.meanLatest)}</Table.Td>
                    <Table.Td>{show(r.meanImprovementPercent, '%')}</Table.Td>
                    <Table.Td>{r.improved === null ? '—' : `${r.improved} of ${r.assessed}`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            Status scales compare the first baseline with the latest later score. GAIS is already a judgement
            of change (1–3 counts as improved); satisfaction is a rating. Missing skin types or providers are
            shown as “not recorded”, never guessed.
          </Text>
        </>
      )}
    </Stack>
  );
}
