import { useState, type ReactNode } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Screening, ScreeningList } from '@needlepoint/core/contracts/screening';
import type { FindingDto } from '@needlepoint/core/contracts/screening';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { FindingCard } from './finding-card';
import { areasText, modalityLabels, triggerLabels, verdictInfo } from './labels';
import { VerdictBanner } from './verdict-banner';
import { RunScreeningForm } from './run-screening-form';
import { ScreeningHistory } from './screening-history';

/** The Screening tab of a patient record: run a screening, read its findings, decide, and see the history. */
export function PatientScreeningPanel({
  patientId,
  recordVersion,
}: {
  patientId: string;
  recordVersion: number;
}) {
  const { can } = useSession();
  const list = useApiQuery(keys.screening.patient(patientId), (signal) =>
    api.get<typeof ScreeningList>(`/api/patients/${patientId}/screenings`, undefined, signal),
  );
  const client = useQueryClient();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const screenings = list.data?.screenings ?? [];
  const selected = screenings.find((s) => s.id === selectedId) ?? screenings[0];

  /** A screening run or decided here: shown at once, and the clinic's work list is read again. */
  function replace(next: Screening) {
    const others = screenings.filter((s) => s.id !== next.id);
    const all = [...others, next].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    client.setQueryData(keys.screening.patient(patientId), { screenings: all });
    void client.invalidateQueries({ queryKey: keys.screening.queue });
  }

  if (list.isError && !list.data)
    return (
      <ErrorAlert error={list.error} title="Could not load screenings" onRetry={() => void list.refetch()} />
    );
  if (!list.data) return <Loading label="Loading screenings…" />;

  return (
    <Stack gap="lg">
      <RunScreeningForm
        patientId={patientId}
        latest={screenings[0]}
        recordVersion={recordVersion}
        onRan={(s) => {
          replace(s);
          setSelectedId(s.id);
        }}
      />
      {selected ? (
        <ScreeningResult
          screening={selected}
          isLatest={selected.id === screenings[0]?.id}
          canDecide={can('screening:decide')}
          onDecided={replace}
          titles={ruleTitles(screenings)}
        />
      ) : (
        <Text c="dimmed" size="sm">
          This patient has not been screened yet.
        </Text>
      )}
      {screenings.length > 0 ? (
        <ScreeningHistory screenings={screenings} selectedId={selected?.id} onSelect={setSelectedId} />
      ) : null}
    </Stack>
  );
}

function ScreeningResult({
  screening,
  isLatest,
  canDecide,
  onDecided,
  titles,
}: {
  screening: Screening;
  isLatest: boolean;
  canDecide: boolean;
  onDecided: (s: Screening) => void;
  titles: Map<string, string>;
}) {
  const missing = screening.findings.filter((f) => f.code === 'MISSING_INFORMATION');
  const others = screening.findings.filter((f) => f.code !== 'MISSING_INFORMATION');
  const card = (f: FindingDto) => (
    <FindingCard
      key={`${f.ruleId}:${f.code}`}
      finding={f}
      screeningId={screening.id}
      canDecide={canDecide}
      onDecided={onDecided}
    />
  );
  return (
    <Stack gap="md" component="section" aria-labelledby="result-title" data-testid="screening-result">
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} fz="lg" id="result-title">
          {isLatest ? 'Latest screening' : 'Earlier screening'}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDateTime(screening.createdAt)}
        </Text>
      </Group>
      <VerdictBanner screening={screening} />
      <Paper withBorder radius="md" p="sm">
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" component="dl" m={0}>
          <Meta label="Areas">{areasText(screening.areas)}</Meta>
          <Meta label="Modality">{modalityLabels[screening.modality] ?? screening.modality}</Meta>
          <Meta label="How it ran">
            {triggerLabels[screening.trigger]}
            {screening.runByName ? ` by ${screening.runByName}` : ''}
          </Meta>
          <Meta label="Knowledge version">{screening.knowledgeVersion}</Meta>
          <Meta label="Clinic settings version">{screening.settingsVersion}</Meta>
          <Meta label="Record version screened">{screening.recordVersion}</Meta>
        </SimpleGrid>
      </Paper>
      {screening.changes ? (
        <Paper withBorder radius="md" p="sm" data-testid="screening-changes">
          <Text fw={600} size="sm">
            Changes since the screening on {formatDateTime(screening.changes.previousAt)}
          </Text>
          <Text size="sm">
            Verdict then: {verdictInfo[screening.changes.previousVerdict].label}
            {screening.changes.previousVerdict === screening.verdict ? ' (unchanged)' : ''}
          </Text>
          {screening.changes.added.length === 0 && screening.changes.resolved.length === 0 ? (
            <Text size="sm" c="dimmed">
              The same findings as before.
            </Text>
          ) : null}
          {screening.changes.added.length > 0 ? (
            <Text size="sm">
              New: {screening.changes.added.map((r) => titles.get(r) ?? ruleName(r)).join('; ')}
            </Text>
          ) : null}
          {screening.changes.resolved.length > 0 ? (
            <Text size="sm">
              No longer found:{' '}
              {screening.changes.resolved.map((r) => titles.get(r) ?? ruleName(r)).join('; ')}
            </Text>
          ) : null}
        </Paper>
      ) : null}
      {missing.length > 0 ? (
        <Paper
          withBorder
          radius="md"
          p={{ base: 'sm', sm: 'md' }}
          component="section"
          aria-labelledby="missing-title"
          style={{ borderColor: 'var(--mantine-color-yellow-6)', borderWidth: 2 }}
          data-testid="missing-information"
        >
          <Stack gap="sm">
            <div>
              <Title order={3} fz="md" id="missing-title">
                Information we still need ({missing.length})
              </Title>
              <Text size="sm" c="dimmed">
                Unknown is never taken as “no”. Ask the patient or their records, update the record, then
                screen again.
              </Text>
            </div>
            {missing.map(card)}
          </Stack>
        </Paper>
      ) : null}
      <Stack gap="sm" component="section" aria-labelledby="findings-title">
        <Title order={3} fz="md" id="findings-title">
          Findings ({others.length})
        </Title>
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {missing.length > 0 ? 'No other findings.' : 'No findings: nothing on record stands in the way.'}
          </Text>
        ) : (
          others.map(card)
        )}
      </Stack>
    </Stack>
  );
}

/** Each rule's title as screenings showed it (a rule's own finding wins over its missing-information one). */
function ruleTitles(screenings: Screening[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const s of screenings)
    for (const f of s.findings)
      if (!titles.has(f.ruleId) || f.code !== 'MISSING_INFORMATION') titles.set(f.ruleId, f.title);
  return titles;
}

function ruleName(ruleId: string): string {
  const text = ruleId.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
