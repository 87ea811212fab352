import type { PlanList, PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CheckDepthResponse, PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import type { PlanTemplateDto } from '@needlepoint/core/contracts/plans';
import { planTransitions } from '@needlepoint/core/plans/plan';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { PlanScores } from '../outcomes/plan-scores';
import {
  adjunctLabels,
  outcomeScaleLabels,
  planStatusColors,
  planStatusLabels,
  transitionLabels,
  zoneLabels,
} from './plan-labels';
import { statusLabels } from '../schedule/schedule-lib';

/** A patient's treatment plans on the record: progress, templates, adjustments, transitions, depth checks. */
export function PatientPlansPanel({ patientId }: { patientId: string }) {
  const { can } = useSession();
  const editable = can('plan:write');
  const plans = useApi(
    (signal) => api.get<typeof PlanList>('/api/plans', { patientId }, signal),
    [patientId],
  );
  const templates = useApi(
    (signal) => api.get<typeof PlanTemplatesResponse>('/api/plan-templates', undefined, signal),
    [],
  );
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2} fz="lg">
          Treatment plans
        </Title>
        {editable ? <Button onClick={() => setCreating(true)}>New plan from a template</Button> : null}
      </Group>
      {plans.status === 'error' && !plans.data ? (
        <ErrorAlert error={plans.error} title="Could not load the plans" onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : plans.data.plans.length === 0 ? (
        <Text c="dimmed">No treatment plans yet.</Text>
      ) : (
        plans.data.plans.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            editable={editable}
            template={templates.data?.templates.find((t) => t.id === plan.templateId)}
            sources={templates.data?.sources ?? {}}
            onChanged={plans.reload}
          />
        ))
      )}
      {creating && templates.data ? (
        <CreatePlanModal
          patientId={patientId}
          templates={templates.data}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            plans.reload();
            notifications.show({ color: 'green', message: 'Plan created as a draft.' });
          }}
        />
      ) : null}
    </Stack>
  );
}

function PlanCard({
  plan,
  editable,
  template,
  sources,
  onChanged,
}: {
  plan: PlanDto;
  editable: boolean;
  template: PlanTemplateDto | undefined;
  sources: PlanTemplatesResponse['sources'];
  onChanged: () => void;
}) {
  const { can } = useSession();
  const [dialog, setDialog] = useState<'adjust' | 'protocol' | { to: string } | null>(null);
  const p = plan.progress;
  const nextService = plan.serviceTypeId;
  const bookable = (plan.status === 'active' || plan.status === 'draft') && (p?.sessionsToBook ?? 1) > 0;
  const titleId = `plan-${plan.id}`;
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby={titleId}
      data-testid="plan-card"
    >
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Group gap="xs">
            <Title order={3} fz="md" id={titleId}>
              {plan.name}
            </Title>
            <Badge color={planStatusColors[plan.status]} variant="light">
              {planStatusLabels[plan.status]}
            </Badge>
            {p?.nextDue?.overdue ? (
              <Badge color="red" variant="filled">
                Overdue
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {plan.sessions} sessions, at least {plan.minIntervalDays} days apart (typically{' '}
            {plan.typicalIntervalDays}) · zones{' '}
            {plan.zones.map((z) => zoneLabels[z.zone] ?? z.zone).join(', ')}
          </Text>
        </div>
        <Group gap="xs">
          {bookable && can('schedule:write') ? (
            <AnchorLink
              to="/schedule"
              search={{ book: true, patientId: plan.patientId, planId: plan.id, service: nextService }}
              fw={600}
              size="sm"
            >
              Book next session
            </AnchorLink>
          ) : null}
        </Group>
      </Group>

      {p ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md" data-testid="plan-progress">
          <Stat label="Done" value={`${p.sessionsCompleted} of ${p.sessionsPlanned}`} />
          <Stat label="Booked" value={String(p.sessionsBooked)} />
          <Stat label="To book" value={String(p.sessionsToBook)} />
          <Stat
            label="Next due"
            value={p.nextDue ? `${formatDate(p.nextDue.earliest)} – ${formatDate(p.nextDue.typical)}` : '—'}
            hint={p.nextDue ? 'earliest – typical' : undefined}
          />
        </SimpleGrid>
      ) : null}
      {p?.maintenance ? (
        <Text size="sm" mt="xs">
          Maintenance session due between {formatDate(p.maintenance.earliest)} and{' '}
          {formatDate(p.maintenance.latest)}.
        </Text>
      ) : null}
      {plan.planSessions && plan.planSessions.length > 0 ? (
        <Text size="sm" mt="xs" c="dimmed">
          Sessions:{' '}
          {plan.planSessions
            .map(
              (s) =>
                `${s.sessionNumber ?? '–'}: ${formatDateTime(s.startsAt)} (${(statusLabels[s.status] ?? s.status).toLowerCase()})`,
            )
            .join(' · ')}
        </Text>
      ) : null}
      {plan.notes ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {plan.notes}
        </Text>
      ) : null}

      <Group gap="xs" mt="md">
        {template ? (
          <Button size="xs" variant="default" onClick={() => setDialog('protocol')}>
            Protocol and sources
          </Button>
        ) : null}
        {editable && plan.status !== 'completed' && plan.status !== 'cancelled' ? (
          <Button size="xs" variant="default" onClick={() => setDialog('adjust')}>
            Adjust…
          </Button>
        ) : null}
        {editable
          ? planTransitions[plan.status].map((to) => (
              <Button
                key={to}
                size="xs"
                variant="light"
                color={to === 'cancelled' ? 'red' : to === 'paused' ? 'yellow' : undefined}
                onClick={() => setDialog({ to })}
              >
                {plan.status === 'paused' && to === 'active' ? 'Resume' : transitionLabels[to]}
              </Button>
            ))
          : null}
      </Group>
      <DepthCheck plan={plan} />
      {can('outcome:read') && plan.status !== 'draft' ? <PlanScores plan={plan} /> : null}

      {dialog === 'protocol' && template ? (
        <Modal opened onClose={() => setDialog(null)} title={template.name} size="lg">
          <TemplateProtocol template={template} sources={sources} />
        </Modal>
      ) : null}
      {dialog === 'adjust' ? (
        <AdjustModal
          plan={plan}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      {dialog && typeof dialog === 'object' ? (
        <TransitionModal
          plan={plan}
          to={dialog.to}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
    </Paper>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </div>
  );
}

function DepthCheck({ plan }: { plan: PlanDto }) {
  const [zone, setZone] = useState<string | null>(plan.zones[0]?.zone ?? null);
  const [depth, setDepth] = useState<number | string>('');
  const [result, setResult] = useState<CheckDepthResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function check() {
    if (!zone || typeof depth !== 'number') return;
    setError(null);
    try {
      setResult(
        await api.post<typeof CheckDepthResponse>(`/api/plans/${plan.id}/depth-check`, {
          zone,
          depthMm: depth,
        }),
      );
    } catch (e) {
      setError(e);
      setResult(null);
    }
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
      aria-label={`Depth check for ${plan.name}`}
    >
      <Group align="flex-end" gap="xs" mt="md">
        <Select
          label="Zone"
          size="xs"
          w={170}
          data={plan.zones.map((z) => ({
            value: z.zone,
            label: `${zoneLabels[z.zone] ?? z.zone} (${z.minMm}–${z.maxMm} mm)`,
          }))}
          value={zone}
          onChange={(v) => {
            setZone(v);
            setResult(null);
          }}
          allowDeselect={false}
        />
        <NumberInput
          label="Needle depth (mm)"
          size="xs"
          w={130}
          min={0.1}
          max={10}
          step={0.25}
          decimalScale={2}
          value={depth}
          onChange={(v) => {
            setDepth(v);
            setResult(null);
          }}
        />
        <Button type="submit" size="xs" variant="default" disabled={!zone || typeof depth !== 'number'}>
          Check depth
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} title="Could not check" /> : null}
      {result ? (
        <Alert
          mt="xs"
          p="xs"
          color={result.result === 'ok' ? 'green' : 'orange'}
          title={result.result === 'ok' ? 'Within the plan’s range' : 'Needs confirmation'}
          data-testid="depth-result"
        >
          <Text size="sm">
            {result.depthMm} mm for {zoneLabels[result.zone] ?? result.zone}
            {result.range ? ` (plan range ${result.range.minMm}–${result.range.maxMm} mm)` : ''}.
            {result.reason ? ` ${result.reason}` : ''}
          </Text>
        </Alert>
      ) : null}
    </form>
  );
}

function TransitionModal({
  plan,
  to,
  onClose,
  onDone,
}: {
  plan: PlanDto;
  to: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const needsReason = to === 'paused' || to === 'cancelled';
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const label = plan.status === 'paused' && to === 'active' ? 'Resume' : transitionLabels[to];
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api.post<typeof PlanDto>(`/api/plans/${plan.id}/transitions`, {
        to,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      notifications.show({ color: 'green', message: `Plan ${planStatusLabels[to]?.toLowerCase()}.` });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={`${label}: ${plan.name}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={needsReason ? 'Reason' : 'Reason (optional)'}
            required={needsReason}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
          />
          {error ? <ErrorAlert error={error} title="Not changed" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button
              type="submit"
              loading={busy}
              color={to === 'cancelled' ? 'red' : undefined}
              disabled={needsReason && !reason.trim()}
            >
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface Adjustable {
  sessions: number | string;
  minIntervalDays: number | string;
  typicalIntervalDays: number | string;
  notes: string;
}

function AdjustFields({ values, onChange }: { values: Adjustable; onChange: (v: Adjustable) => void }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <NumberInput
          label="Sessions"
          min={1}
          max={52}
          value={values.sessions}
          onChange={(v) => onChange({ ...values, sessions: v })}
        />
        <NumberInput
          label="Minimum days apart"
          min={1}
          max={365}
          value={values.minIntervalDays}
          onChange={(v) => onChange({ ...values, minIntervalDays: v })}
        />
        <NumberInput
          label="Typical days apart"
          min={1}
          max={365}
          value={values.typicalIntervalDays}
          onChange={(v) => onChange({ ...values, typicalIntervalDays: v })}
        />
      </SimpleGrid>
      <Textarea
        label="Notes"
        value={values.notes}
        onChange={(e) => onChange({ ...values, notes: e.currentTarget.value })}
        autosize
        minRows={2}
      />
    </>
  );
}

function changesOf(
  values: Adjustable,
  original: { sessions: number; minIntervalDays: number; typicalIntervalDays: number; notes: string },
) {
  const out: Record<string, unknown> = {};
  for (const key of ['sessions', 'minIntervalDays', 'typicalIntervalDays'] as const) {
    if (typeof values[key] === 'number' && values[key] !== original[key]) out[key] = values[key];
  }
  if (values.notes !== original.notes) out.notes = values.notes;
  return out;
}

function AdjustModal({
  plan,
  onClose,
  onSaved,
}: {
  plan: PlanDto;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Adjustable>({
    sessions: plan.sessions,
    minIntervalDays: plan.minIntervalDays,
    typicalIntervalDays: plan.typicalIntervalDays,
    notes: plan.notes,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const changes = changesOf(values, plan);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.patch<typeof PlanDto>(`/api/plans/${plan.id}`, changes);
      notifications.show({ color: 'green', message: 'Plan adjusted.' });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Adjust ${plan.name}`} size="lg">
      <Stack gap="sm">
        <AdjustFields values={values} onChange={setValues} />
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={Object.keys(changes).length === 0} onClick={() => void save()}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CreatePlanModal({
  patientId,
  templates,
  onClose,
  onCreated,
}: {
  patientId: string;
  templates: PlanTemplatesResponse;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [templateId, setTemplateId] = useState<string | null>(null);
  const template = templates.templates.find((t) => t.id === templateId);
  const [values, setValues] = useState<Adjustable | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  function choose(id: string | null) {
    setTemplateId(id);
    const t = templates.templates.find((x) => x.id === id);
    setValues(
      t
        ? {
            sessions: t.sessions,
            minIntervalDays: t.minIntervalDays,
            typicalIntervalDays: t.typicalIntervalDays,
            notes: '',
          }
        : null,
    );
  }
  async function create() {
    if (!template || !values) return;
    setBusy(true);
    setError(null);
    try {
      const adjustments = changesOf(values, { ...template, notes: '' });
      await api.post<typeof PlanDto>('/api/plans', {
        patientId,
        templateId: template.id,
        ...(Object.keys(adjustments).length ? { adjustments } : {}),
      });
      onCreated();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title="New treatment plan" size="xl">
      <Stack gap="md">
        <Select
          label="Template"
          placeholder="Choose an indication"
          data={templates.templates.map((t) => ({
            value: t.id,
            label: `${t.name}${t.builtIn ? '' : ' (clinic copy)'}`,
          }))}
          value={templateId}
          onChange={choose}
          searchable
        />
        {template && values ? (
          <>
            <TemplateProtocol template={template} sources={templates.sources} />
            <Title order={3} fz="sm">
              Adjust for this patient
            </Title>
            <AdjustFields values={values} onChange={setValues} />
          </>
        ) : null}
        {error ? <ErrorAlert error={error} title="Plan not created" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!template} onClick={() => void create()}>
            Create plan
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A template's protocol: sessions and intervals, zones with depths, adjuncts with cautions, outcome scale, sources. */
export function TemplateProtocol({
  template,
  sources,
}: {
  template: PlanTemplateDto;
  sources: PlanTemplatesResponse['sources'];
}) {
  const cited = template.sources.map((id) => sources[id]).filter((s) => s !== undefined);
  return (
    <Stack gap="sm" data-testid="template-protocol">
      <Text size="sm">{template.summary}</Text>
      <Text size="sm">
        <b>{template.sessions} sessions</b>, at least {template.minIntervalDays} days apart (typically{' '}
        {template.typicalIntervalDays}). Evidence level {template.evidenceLevel}.
        {template.maintenance
          ? ` Maintenance every ${template.maintenance.everyMonthsMin}–${template.maintenance.everyMonthsMax} months.`
          : ''}
      </Text>
      <div>
        <Text size="sm" fw={600}>
          Zones and needle depths
        </Text>
        <List size="sm">
          {template.zones.map((z) => (
            <List.Item key={z.zone}>
              {zoneLabels[z.zone] ?? z.zone}: {z.minMm}–{z.maxMm} mm{z.note ? ` — ${z.note}` : ''}
            </List.Item>
          ))}
        </List>
      </div>
      {template.adjuncts.length ? (
        <div>
          <Text size="sm" fw={600}>
            Adjuncts
          </Text>
          <List size="sm">
            {template.adjuncts.map((a) => (
              <List.Item key={a.kind}>
                {a.name || adjunctLabels[a.kind]} — {a.use}{' '}
                <Text span c="orange.8" size="sm">
                  Caution: {a.caution}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
      <Text size="sm">
        <b>Outcome scale:</b> {template.outcomeScales.map((s) => outcomeScaleLabels[s] ?? s).join(', ')}
      </Text>
      {template.cautions.length ? (
        <Alert color="orange" variant="light" p="xs" title="Cautions">
          <List size="sm">
            {template.cautions.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {cited.length ? (
        <div>
          <Text size="sm" fw={600}>
            Sources
          </Text>
          <List size="xs">
            {cited.map((s) => (
              <List.Item key={s.id}>
                <Anchor href={s.url} target="_blank" rel="noreferrer" size="xs">
                  {s.citation}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}
