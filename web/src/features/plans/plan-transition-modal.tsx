import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { planStatusLabels, transitionLabels } from './plan-labels';

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
