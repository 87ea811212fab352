import type { PlanList } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { CreatePlanModal } from './create-plan-modal';
import { PlanCard } from './plan-card';

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
