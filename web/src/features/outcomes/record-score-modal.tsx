import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { OutcomeScoreDto } from '@needlepoint/core/contracts/outcomes';
import type { Timepoint } from '@needlepoint/core/contracts/outcomes';
import type { PlanDto } from '@needlepoint/core/contracts/plans';
import type { OutcomeSettings, ScaleDefinition } from '@needlepoint/core/outcomes/scale.schema';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { timepointLabels } from './labels';
import { itemErrors, ScaleForm, type ScaleDraft } from './scale-form';

function suggestedTimepoint(plan: PlanDto, scores: OutcomeScoreDto[]): Timepoint {
  if (!scores.some((s) => s.timepoint === 'baseline')) return 'baseline';
  return plan.progress?.seriesComplete ? 'follow-up' : 'session';
}

/** The provider scores one scale on a plan: time point, the session it belongs to, and the generated form. */
export function RecordScoreModal({
  plan,
  scale,
  settings,
  scores,
  onClose,
  onSaved,
}: {
  plan: PlanDto;
  scale: ScaleDefinition;
  settings: OutcomeSettings;
  scores: OutcomeScoreDto[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [timepoint, setTimepoint] = useState<Timepoint>(suggestedTimepoint(plan, scores));
  const sessions = (plan.planSessions ?? []).filter(
    (s) => s.status !== 'cancelled' && s.sessionNumber !== null,
  );
  const lastDone = [...sessions].reverse().find((s) => s.status === 'completed')?.sessionNumber;
  const [sessionNumber, setSessionNumber] = useState<number>(lastDone ?? 1);
  const [draft, setDraft] = useState<ScaleDraft>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const appointment = sessions.find((s) => s.sessionNumber === sessionNumber);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await api.post<typeof OutcomeScoreDto>(`/api/plans/${plan.id}/outcomes`, {
        scaleId: scale.id,
        timepoint,
        ...(timepoint === 'session'
          ? { sessionNumber, ...(appointment ? { appointmentId: appointment.bookingId } : {}) }
          : {}),
        values: Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)),
      });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const fieldErrors = error instanceof ApiError ? itemErrors(error.fields) : {};
  return (
    <Modal opened onClose={onClose} title={`Score ${scale.name}`} size="lg">
      <Stack gap="md">
        <SegmentedControl
          value={timepoint}
          onChange={(v) => setTimepoint(v)}
          data={(['baseline', 'session', 'follow-up'] as const).map((t) => ({
            value: t,
            label: timepointLabels[t],
          }))}
          aria-label="Time point"
        />
        {timepoint === 'session' ? (
          <Select
            label="Session"
            data={Array.from({ length: plan.sessions }, (_, i) => {
              const booked = sessions.find((s) => s.sessionNumber === i + 1);
              return {
                value: String(i + 1),
                label: `Session ${i + 1}${booked ? ` · ${formatDate(booked.startsAt)}` : ''}`,
              };
            })}
            value={String(sessionNumber)}
            onChange={(v) => v && setSessionNumber(Number(v))}
            allowDeselect={false}
          />
        ) : null}
        <ScaleForm scale={scale} settings={settings} draft={draft} onChange={setDraft} errors={fieldErrors} />
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        <Text size="xs" c="dimmed">
          Sources: {scale.sources.join(', ')} · {scale.version}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            Save score
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
