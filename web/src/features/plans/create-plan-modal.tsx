import type { PlanDto } from '@needlepoint/core/contracts/plans';
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Title } from '@mantine/core';
import type { PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
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
