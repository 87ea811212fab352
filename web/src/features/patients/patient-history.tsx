import { Badge, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import type { PatientHistory } from '@needlepoint/core/contracts/patients';
import { answerLabels } from '@needlepoint/core/knowledge/answer-labels';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { SectionCard } from '../../components/section-card';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { concernLabel } from './patient-details';
import { capitalise, fieldLabels, kindSingular, listLabels, statusLabel } from './patient-labels';
import { scalarText } from '@needlepoint/core/text/scalar-text';

type Change = { from: unknown; to: unknown };

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length ? value.map((v) => scalarText(v, JSON.stringify(v))).join(', ') : 'none';
  return scalarText(value, JSON.stringify(value));
}

function fieldValue(field: string, value: unknown): string {
  if (field === 'fitzpatrick')
    return typeof value === 'number'
      ? `Type ${['I', 'II', 'III', 'IV', 'V', 'VI'][value - 1] ?? value}`
      : 'not recorded';
  if (field === 'birthDate' && typeof value === 'string') return formatDate(value);
  if (field === 'concerns' && Array.isArray(value))
    return value.length ? value.map((c) => concernLabel(String(c))).join(', ') : 'none';
  return plain(value);
}

type Entry = {
  kind?: string;
  display?: string;
  status?: string;
  startDate?: string | null;
  endDate?: string | null;
};

function entryText(e: Entry | null): string {
  if (!e) return 'nothing';
  const kind = (e.kind ?? 'condition') as keyof typeof kindSingular;
  const dates = [e.startDate && `from ${formatDate(e.startDate)}`, e.endDate && `to ${formatDate(e.endDate)}`]
    .filter(Boolean)
    .join(' ');
  return `“${e.display ?? ''}”, ${statusLabel(kind, e.status ?? '').toLowerCase()}${dates ? `, ${dates}` : ''}`;
}

/** One change in words: "Skin type: Type II → Type III". */
function describeChange(field: string, change: Change): string[] {
  if (field.startsWith('entry:')) {
    const from = change.from as Entry | null;
    const to = change.to as Entry | null;
    if (!from)
      return [
        `Added ${kindSingular[(to?.kind ?? 'condition') as keyof typeof kindSingular]} ${entryText(to)}`,
      ];
    return [`${entryText(from)} → ${entryText(to)}`];
  }
  if (field === 'answers' || field === 'listsReviewed') {
    const from = (change.from ?? {}) as Record<string, unknown>;
    const to = (change.to ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter(
      (k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]),
    );
    const show = (v: unknown) =>
      v === undefined
        ? field === 'answers'
          ? 'not asked'
          : 'not confirmed'
        : typeof v === 'object' && v && 'value' in v
          ? scalarText(v.value)
          : formatDate(scalarText(v, JSON.stringify(v)));
    return keys.map((k) => {
      const label =
        field === 'answers'
          ? capitalise(answerLabels[k as keyof typeof answerLabels] ?? k)
          : `${listLabels[k] ?? k} list confirmed`;
      return `${label}: ${show(from[k])} → ${show(to[k])}`;
    });
  }
  if (field === 'mergedInto' || field === 'mergedFrom') return [];
  return [
    `${fieldLabels[field] ?? field}: ${fieldValue(field, change.from)} → ${fieldValue(field, change.to)}`,
  ];
}

/** The server's "Changed answers, listsReviewed" in clinic words. */
function readableSummary(summary: string): string {
  const match = /^Changed ([a-zA-Z]+(?:, [a-zA-Z]+)*)$/.exec(summary);
  if (!match?.[1]) return summary;
  const fields = match[1].split(', ').map((f) => (fieldLabels[f] ?? f).toLowerCase());
  return `Changed ${fields.join(', ')}`;
}

/** Who changed what and when, newest first. */
export function PatientHistoryPanel({ patientId }: { patientId: string }) {
  const history = useApiQuery(keys.patients.history(patientId), (signal) =>
    api.get<typeof PatientHistory>(`/api/patients/${patientId}/history`, undefined, signal),
  );
  if (history.isError && !history.data)
    return (
      <ErrorAlert
        error={history.error}
        title="Could not load the history"
        onRetry={() => void history.refetch()}
      />
    );
  if (!history.data) return <Loading label="Loading history…" />;
  const versions = history.data.versions;
  return (
    <SectionCard titleId="history-title">
      <Title order={2} fz="lg" id="history-title" mb="md">
        Record history ({versions.length})
      </Title>
      {versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="patient-history">
          {versions.map((v) => {
            const lines = Object.entries(v.changes).flatMap(([field, change]) =>
              describeChange(field, change),
            );
            return (
              <Timeline.Item
                key={v.version}
                title={
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {readableSummary(v.summary)}
                    </Text>
                    <Badge size="xs" variant="default">
                      version {v.version}
                    </Badge>
                  </Group>
                }
              >
                <Stack gap={2}>
                  <Text size="xs" c="dimmed">
                    {v.changedByName ?? 'System'} · {formatDateTime(v.changedAt)}
                  </Text>
                  {lines.length > 0 ? (
                    <List size="sm" spacing={0}>
                      {lines.map((line, i) => (
                        <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>
                          {line}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </Stack>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </SectionCard>
  );
}
