import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { planChanges } from '../staff-shared';

export interface Adjustable {
  sessions: number | string;
  minIntervalDays: number | string;
  typicalIntervalDays: number | string;
  notes: string;
}

export function AdjustFields({
  values,
  onChange,
}: {
  values: Adjustable;
  onChange: (v: Adjustable) => void;
}) {
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

export function changesOf(
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

export function AdjustModal({
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
  const changes = changesOf(values, plan);
  const save = useApiMutation({
    mutationFn: () => api.patch<typeof PlanDto>(`/api/plans/${plan.id}`, changes),
    invalidates: planChanges,
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Plan adjusted.' });
      onSaved();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Adjust ${plan.name}`} size="lg">
      <Stack gap="sm">
        <AdjustFields values={values} onChange={setValues} />
        {save.error ? <ErrorAlert error={save.error} title="Not saved" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={save.isPending}
            disabled={Object.keys(changes).length === 0}
            onClick={() => save.mutate()}
          >
            Save changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
