import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Title } from '@mantine/core';
import type { PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { planChanges } from '../staff-shared';
import { TemplateProtocol } from './template-protocol';
import { AdjustFields, changesOf, type Adjustable } from './plan-adjust-modal';

export function CreatePlanModal({
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
  const creation = useApiMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<typeof PlanDto>('/api/plans', body),
    invalidates: planChanges,
    onSuccess: () => onCreated(),
  });
  function create() {
    if (!template || !values) return;
    const adjustments = changesOf(values, { ...template, notes: '' });
    creation.mutate({
      patientId,
      templateId: template.id,
      ...(Object.keys(adjustments).length ? { adjustments } : {}),
    });
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
        {creation.error ? <ErrorAlert error={creation.error} title="Plan not created" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={creation.isPending} disabled={!template} onClick={create}>
            Create plan
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
