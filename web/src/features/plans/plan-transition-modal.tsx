import { TransitionPlanRequest, type PlanDto } from '@needlepoint/core/contracts/plans';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { contractValidate, errorAboveFields, fieldErrorsOf } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { planStatusLabels } from '../staff-shared';
import { planChanges } from '../staff-shared';
import { transitionLabels } from './plan-labels';

interface Values {
  reason: string;
}

export function TransitionModal({
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
  const label = plan.status === 'paused' && to === 'active' ? 'Resume' : transitionLabels[to];
  const toRequest = (values: Values) => ({ to, ...(values.reason.trim() ? { reason: values.reason } : {}) });
  const form = useForm<Values>({
    initialValues: { reason: '' },
    validate: contractValidate(TransitionPlanRequest, toRequest, (values) =>
      // A rule of the plan the server checks too (PLAN_REASON_REQUIRED).
      needsReason && !values.reason.trim() ? { reason: 'Enter the reason' } : {},
    ),
  });
  const transition = useApiMutation({
    mutationFn: (body: TransitionPlanRequest) =>
      api.post<typeof PlanDto>(`/api/plans/${plan.id}/transitions`, body),
    invalidates: planChanges,
    onSuccess: (saved) => {
      notifications.show({
        color: 'green',
        message: `Plan ${planStatusLabels[saved.status].toLowerCase()}.`,
      });
      onDone();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error, ['reason'])),
  });
  const formError = errorAboveFields(transition.error, ['reason']);

  return (
    <Modal opened onClose={onClose} title={`${label}: ${plan.name}`}>
      <form
        onSubmit={form.onSubmit((values) =>
          transition.mutate(TransitionPlanRequest.parse(toRequest(values))),
        )}
        noValidate
      >
        <Stack gap="sm">
          <Textarea
            label={needsReason ? 'Reason' : 'Reason (optional)'}
            required={needsReason}
            {...form.getInputProps('reason')}
            autosize
            minRows={2}
            data-autofocus
          />
          {formError ? <ErrorAlert error={formError} title="Not changed" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Back
            </Button>
            <Button
              type="submit"
              loading={transition.isPending}
              color={to === 'cancelled' ? 'red' : undefined}
            >
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
