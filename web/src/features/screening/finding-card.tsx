import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  List,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { Screening } from '@needlepoint/core/contracts/screening';
import type { FindingDto } from '@needlepoint/core/contracts/screening';
import { answerLabels } from '@needlepoint/core/knowledge/answer-labels';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { StatusIcon } from './icons';
import { decisionLabels, evidenceLevelLabels, evidenceSourceLabels, severityOf } from './labels';

type DecisionKind = 'accept-risk' | 'request-clearance' | 'clearance-received' | 'defer';

const decisionChoices: { value: DecisionKind; label: string; description: string }[] = [
  {
    value: 'request-clearance',
    label: 'Request clearance',
    description: 'You asked the prescriber or specialist; the finding stays open until they answer.',
  },
  {
    value: 'clearance-received',
    label: 'Clearance received',
    description: 'The prescriber or specialist agreed to treatment. This clears the finding.',
  },
  {
    value: 'accept-risk',
    label: 'Accept the risk',
    description: 'You reviewed it and decided treatment can go ahead. This clears the finding.',
  },
  {
    value: 'defer',
    label: 'Defer treatment',
    description: 'Treatment waits until a date; the finding stays open.',
  },
];

function evidenceText(e: Record<string, unknown>): string {
  const str = (key: string) => (typeof e[key] === 'string' ? e[key] : undefined);
  const code = e.code as { display?: string; code?: string } | undefined;
  if (str('source') === 'answer') {
    const key = str('matched') ?? str('ref')?.replace(/^answer:/, '') ?? '';
    const label = answerLabels[key as keyof typeof answerLabels] ?? key;
    return str('note') ? `“${label}”: ${str('note')}` : `“${label}”: answered yes`;
  }
  if (str('source') === 'list') {
    const list = str('ref')?.replace(/^list:/, '') ?? 'list';
    return `${list} list: ${str('note') ?? 'not confirmed'}`;
  }
  const what = str('text') ?? code?.display ?? code?.code ?? str('matched') ?? str('ref') ?? '';
  const m = str('matched');
  const matched = m && !what.toLowerCase().includes(m.toLowerCase()) ? ` (recognised as ${m})` : '';
  return `${what}${matched}`;
}

function evidenceWhen(e: Record<string, unknown>): string {
  const start = typeof e.start === 'string' ? e.start : undefined;
  const end = typeof e.end === 'string' ? e.end : undefined;
  const status = typeof e.status === 'string' ? e.status : undefined;
  const parts = [
    status,
    start && !end ? `since ${formatDate(start)}` : undefined,
    start && end ? `${formatDate(start)} – ${formatDate(end)}` : undefined,
    !start && end ? `until ${formatDate(end)}` : undefined,
  ].filter(Boolean);
  return parts.join(', ');
}

/** One finding: why it was raised, from which records, what to do, the sources, and the decision on it. */
export function FindingCard({
  finding,
  screeningId,
  canDecide,
  onDecided,
}: {
  finding: FindingDto;
  screeningId: string;
  canDecide: boolean;
  onDecided: (screening: Screening) => void;
}) {
  const severity = severityOf(finding.severity);
  const [showSources, setShowSources] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const missing = finding.code === 'MISSING_INFORMATION';
  const titleId = `finding-${screeningId}-${finding.ruleId}-${finding.code}`;
  const sourcesId = `${titleId}-sources`;
  const status =
    finding.severity === 'precaution'
      ? { label: 'Precaution only', color: 'teal' }
      : finding.open
        ? { label: 'Open', color: 'red' }
        : { label: 'Cleared', color: 'green' };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="article"
      aria-labelledby={titleId}
      data-testid="finding"
      data-rule-id={finding.ruleId}
      data-code={finding.code}
      style={{ borderLeft: `5px solid var(--mantine-color-${severity.color}-6)` }}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={4} fz="md" id={titleId} style={{ minWidth: 0 }}>
            {finding.title}
          </Title>
          <Group gap={6}>
            <Badge
              color={severity.color}
              variant="light"
              leftSection={<StatusIcon name={severity.icon} size={14} />}
            >
              {severity.label}
            </Badge>
            <Badge color={status.color} variant="outline" data-testid="finding-status">
              {status.label}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">{finding.reason}</Text>
        {finding.evidence.length > 0 ? (
          <div>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {missing ? 'What we do not know' : 'From the record'}
            </Text>
            <List size="sm" spacing={2}>
              {finding.evidence.map((e, i) => {
                const when = evidenceWhen(e);
                const source = typeof e.source === 'string' ? e.source : '';
                return (
                  <List.Item key={i}>
                    <Text span size="sm" c="dimmed">
                      {evidenceSourceLabels[source] ?? source}:{' '}
                    </Text>
                    {evidenceText(e)}
                    {when ? (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({when})
                      </Text>
                    ) : null}
                  </List.Item>
                );
              })}
            </List>
          </div>
        ) : null}
        <Text size="sm">
          <Text span fw={600}>
            What to do:{' '}
          </Text>
          {finding.action}
        </Text>
        {finding.until ? (
          <Text size="sm">
            <Text span fw={600}>
              Applies until:{' '}
            </Text>
            {formatDate(finding.until)}
          </Text>
        ) : null}
        {finding.decision ? (
          <Alert
            variant="light"
            color={finding.open ? 'orange' : 'green'}
            p="xs"
            data-testid="finding-decision"
            title={decisionLabels[finding.decision.decision] ?? finding.decision.decision}
          >
            <Text size="sm">
              By {finding.decision.decidedByName ?? 'a former user'} on{' '}
              {formatDateTime(finding.decision.decidedAt)}
              {finding.decision.until ? `, until ${formatDate(finding.decision.until)}` : ''}
              {finding.decision.screeningId !== screeningId ? ' (on an earlier screening)' : ''}.
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              Reason: {finding.decision.reason}
            </Text>
          </Alert>
        ) : null}
        <Group gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setShowSources((s) => !s)}
            aria-expanded={showSources}
            aria-controls={sourcesId}
          >
            {showSources ? 'Hide sources' : `Show sources (${finding.sources.length})`}
          </Button>
          {canDecide && finding.severity !== 'precaution' && !deciding ? (
            <Button variant="light" size="compact-sm" onClick={() => setDeciding(true)}>
              Record a decision
            </Button>
          ) : null}
        </Group>
        <Collapse expanded={showSources} id={sourcesId}>
          <Stack gap={6} pt={4}>
            <Text size="sm">
              <Text span fw={600}>
                Why:{' '}
              </Text>
              {finding.explanation}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                Strength of evidence:{' '}
              </Text>
              {evidenceLevelLabels[finding.evidenceLevel] ?? finding.evidenceLevel}
            </Text>
            <List size="sm" spacing={4} data-testid="finding-sources">
              {finding.sources.map((s) => (
                <List.Item key={s.id}>
                  {s.citation}{' '}
                  <Badge size="xs" variant="default">
                    {evidenceLevelLabels[s.evidenceLevel] ?? s.evidenceLevel}
                  </Badge>{' '}
                  <Anchor href={s.url} target="_blank" rel="noreferrer noopener" size="sm">
                    Open source<VisuallyHidden> {s.id}</VisuallyHidden>
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        </Collapse>
        {deciding ? (
          <DecisionForm
            finding={finding}
            screeningId={screeningId}
            onCancel={() => setDeciding(false)}
            onSaved={(s) => {
              setDeciding(false);
              onDecided(s);
            }}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}

function DecisionForm({
  finding,
  screeningId,
  onCancel,
  onSaved,
}: {
  finding: FindingDto;
  screeningId: string;
  onCancel: () => void;
  onSaved: (screening: Screening) => void;
}) {
  const [decision, setDecision] = useState<DecisionKind | ''>('');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; reason?: string; until?: string }>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const contraindicated = finding.severity === 'contraindicated';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!decision) next.decision = 'Choose a decision';
    if (reason.trim().length < 3) next.reason = 'Say why, in a few words';
    if (decision === 'defer' && !until) next.until = 'A deferral needs a date';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0 || !decision) return;
    setBusy(true);
    try {
      const saved = await api.post<typeof Screening>(`/api/screenings/${screeningId}/decisions`, {
        ruleId: finding.ruleId,
        decision,
        reason: reason.trim(),
        ...(until && decision === 'defer' ? { until } : {}),
      });
      onSaved(saved);
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.code !== 'SCREENING_DECISION_NOT_ALLOWED' &&
        error.fields.length
      ) {
        const fields = {
          decision: error.fieldError('decision'),
          reason: error.fieldError('reason'),
          until: error.fieldError('until'),
        };
        setErrors(fields);
        if (!fields.decision && !fields.reason && !fields.until) setFormError(error);
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Decision on ${finding.title}`}>
      <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-light)">
        <Stack gap="sm">
          {formError ? <ErrorAlert error={formError} title="Decision not saved" /> : null}
          {contraindicated ? (
            <Text size="sm" c="red.8">
              This is a contraindication: it cannot be accepted or cleared. You can record a clearance request
              or a deferral.
            </Text>
          ) : null}
          <Radio.Group
            label="Decision"
            value={decision}
            onChange={(v) => setDecision(v)}
            error={errors.decision}
            required
          >
            <Stack gap={8} mt={6}>
              {decisionChoices.map((c) => (
                <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label="Reason"
            description="Who you spoke to, what they said, or why you decided this."
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            required
          />
          {decision === 'defer' ? (
            <TextInput
              label="Defer until"
              type="date"
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
              error={errors.until}
              required
              maw={240}
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save decision
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
