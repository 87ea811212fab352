import { useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { useSession } from '../../lib/session';
import { CreatePlanModal } from './create-plan-modal';
import { PlanCard } from './plan-card';
import { usePatientPlans, usePlanTemplates } from '../staff-shared';

/** A patient's treatment plans on the record: progress, templates, adjustments, transitions, depth checks. */
export function PatientPlansPanel({ patientId }: { patientId: string }) {
  const { can } = useSession();
  const editable = can('plan:write');
  const plans = usePatientPlans(patientId);
  const templates = usePlanTemplates();
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2} fz="lg">
          Treatment plans
        </Title>
        {editable ? <Button onClick={() => setCreating(true)}>New plan from a template</Button> : null}
      </Group>
      {plans.isError && !plans.data ? (
        <ErrorAlert
          error={plans.error}
          title="Could not load the plans"
          onRetry={() => void plans.refetch()}
        />
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
            notifications.show({ color: 'green', message: 'Plan created as a draft.' });
          }}
        />
      ) : null}
    </Stack>
  );
}
