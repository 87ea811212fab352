import { useState } from 'react';
import { Button, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { AdverseEventDto } from '@needlepoint/core/contracts/adverse-events';
import type { PatientSummary } from '@needlepoint/core/contracts/patients';
import {
  adverseEventTypeInfo,
  adverseEventTypes,
  seriousnessCriteria,
  seriousnessLabels,
} from '@needlepoint/core/treatment/adverse-events';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { todayIso } from '../../lib/clinic-time';
import { PatientPicker } from '../schedule/patient-picker';

/**
 * Opens an adverse event: on a patient picked here, or on a given one (from their aftercare check-in, which is then
 * linked, with the treatment record of its session).
 */
export function AdverseEventForm({
  patientId,
  checkInId,
  onsetOn,
  onOpened,
}: {
  /** Fixed patient (no picker); absent: the form asks for one. */
  patientId?: string;
  checkInId?: string;
  onsetOn?: string;
  onOpened: (event: AdverseEventDto) => void;
}) {
  const [picked, setPicked] = useState<PatientSummary | null>(null);
  const [form, setForm] = useState({
    type: 'pih',
    onsetOn: onsetOn ?? todayIso(),
    description: '',
    actions: '',
    seriousness: [] as string[],
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const patient = patientId ?? picked?.id;

  async function open() {
    if (!patient) return;
    setError(null);
    setBusy(true);
    try {
      const event = await api.post<typeof AdverseEventDto>('/api/adverse-events', {
        patientId: patient,
        ...(checkInId ? { checkInId } : {}),
        ...form,
      });
      setPicked(null);
      setForm({ ...form, description: '', actions: '', seriousness: [] });
      onOpened(event);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="xs">
      {patientId ? null : <PatientPicker value={picked} onChange={setPicked} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label="Type"
          data={adverseEventTypes.map((t) => ({ value: t, label: adverseEventTypeInfo[t].label }))}
          value={form.type}
          onChange={(v) => v && setForm({ ...form, type: v })}
          allowDeselect={false}
        />
        <TextInput
          label="Onset"
          type="date"
          value={form.onsetOn}
          onChange={(e) => setForm({ ...form, onsetOn: e.currentTarget.value })}
        />
        <MultiSelect
          label="Serious because"
          data={seriousnessCriteria.map((c) => ({ value: c, label: seriousnessLabels[c] }))}
          value={form.seriousness}
          onChange={(v) => setForm({ ...form, seriousness: v })}
        />
      </SimpleGrid>
      <Textarea
        label="What happened"
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
      />
      <Textarea
        label="Actions taken"
        value={form.actions}
        onChange={(e) => setForm({ ...form, actions: e.currentTarget.value })}
      />
      {error ? <ErrorAlert error={error} title="Not opened" /> : null}
      <div>
        <Button disabled={!patient} loading={busy} onClick={() => void open()}>
          Open adverse event
        </Button>
      </div>
    </Stack>
  );
}
