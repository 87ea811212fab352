import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Badge, Button, Group, Modal, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import type { PlanTemplateDto } from '@needlepoint/core/contracts/plans';
import { isPlanBookable, planTransitions } from '@needlepoint/core/plans/plan';
import { AnchorLink } from '../../components/router-links';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { PlanScores } from '../outcomes/plan-scores';
import { appointmentLabels, planStatusColors, planStatusLabels } from '../staff-shared';
import { transitionLabels, zoneLabels } from './plan-labels';
import { TemplateProtocol } from './template-protocol';
import { AdjustModal } from './plan-adjust-modal';
import { TransitionModal } from './plan-transition-modal';
import { DepthCheck } from './plan-depth-check';

export function PlanCard({
  plan,
  editable,
  template,
  sources,
}: {
  plan: PlanDto;
  editable: boolean;
  template: PlanTemplateDto | undefined;
  sources: PlanTemplatesResponse['sources'];
}) {
  const { can } = useSession();
  const [dialog, setDialog] = useState<'adjust' | 'protocol' | { to: string } | null>(null);
  const p = plan.progress;
  const nextService = plan.serviceTypeId;
  const bookable = isPlanBookable(plan.status) && (p?.sessionsToBook ?? 1) > 0;
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
                `${s.sessionNumber ?? '–'}: ${formatDateTime(s.startsAt)} (${(appointmentLabels[s.status] ?? s.status).toLowerCase()})`,
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
        <AdjustModal plan={plan} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      ) : null}
      {dialog && typeof dialog === 'object' ? (
        <TransitionModal
          plan={plan}
          to={dialog.to}
          onClose={() => setDialog(null)}
          onDone={() => setDialog(null)}
        />
      ) : null}
    </Paper>
  );
}

export function Stat({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
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
