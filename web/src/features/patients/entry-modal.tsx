import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DrugTypeAhead } from '../drugs/drug-type-ahead';
import { drugOfEntry, medicationCodes, type DrugChoice } from '../drugs/drug-choice';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import type { ClinicalEntry } from '@needlepoint/core/contracts/patients';
import { ErrorAlert } from '../../components/error-alert';
import { api, ApiError } from '../../lib/api';
import { capitalise, kindSingular, statusOptions } from './patient-labels';

type Kind = ClinicalEntry['kind'];
type Field = 'display' | 'status' | 'startDate' | 'endDate' | 'value' | 'bodySites';

const nameLabels: Record<Kind, string> = {
  condition: 'Condition',
  medication: 'Medicine and strength',
  allergy: 'Allergic to',
  procedure: 'Treatment',
  observation: 'Observation',
};
const startLabels: Record<Kind, string> = {
  condition: 'Since',
  medication: 'Started',
  allergy: 'Noted on',
  procedure: 'Date done',
  observation: 'Date',
};
const endLabels: Record<Kind, string> = {
  condition: 'Resolved on',
  medication: 'Stopped',
  allergy: 'Ended',
  procedure: 'Finished',
  observation: 'Until',
};

/** Adds an entry of one kind, or corrects an existing one (the record keeps the previous version). */
export function EntryModal({
  patientId,
  kind,
  entry,
  onClose,
  onSaved,
}: {
  patientId: string;
  kind: Kind;
  entry?: ClinicalEntry;
  onClose: () => void;
  onSaved: (p: PatientRecord) => void;
}) {
  const options = statusOptions[kind];
  const [values, setValues] = useState<Record<Field, string>>({
    display: entry?.display ?? '',
    status: entry?.status && entry.status !== 'entered-in-error' ? entry.status : (options[0]?.value ?? ''),
    startDate: entry?.startDate ?? '',
    endDate: entry?.endDate ?? '',
    value: entry?.value ?? '',
    bodySites: entry?.bodySites.join(', ') ?? '',
  });
  const [drug, setDrug] = useState<DrugChoice>(() =>
    entry ? drugOfEntry(entry) : { name: '', rxnorm: null },
  );
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Read the value now: React clears `currentTarget` before a state updater runs.
  const set = (field: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  const statusData = options.some((o) => o.value === values.status)
    ? options
    : [...options, { value: values.status, label: values.status }];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.display.trim()) next.display = 'Enter a name';
    if (values.startDate && values.endDate && values.endDate < values.startDate)
      next.endDate = 'The end date is before the start date';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    const body = {
      kind,
      display: values.display.trim(),
      codes: kind === 'medication' ? medicationCodes(drug, entry?.codes ?? []) : (entry?.codes ?? []),
      status: values.status,
      startDate: values.startDate || null,
      endDate: values.endDate || null,
      value: kind === 'observation' ? values.value.trim() || null : (entry?.value ?? null),
      bodySites: values.bodySites
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    setBusy(true);
    try {
      const saved = entry
        ? await api.put<typeof PatientRecord>(`/api/patients/${patientId}/entries/${entry.id}`, body)
        : await api.post<typeof PatientRecord>(`/api/patients/${patientId}/entries`, body);
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const fields: Partial<Record<Field, string>> = {};
        for (const key of Object.keys(values) as Field[]) {
          const message = error.fieldError(key);
          if (message) fields[key] = message;
        }
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error);
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const title = entry ? `Correct ${kindSingular[kind]}` : `Add ${kindSingular[kind]}`;
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {formError ? (
            <ErrorAlert error={formError} title={`${capitalise(kindSingular[kind])} not saved`} />
          ) : null}
          {kind === 'medication' ? (
            <DrugTypeAhead
              label={nameLabels[kind]}
              description="Brand or generic name, e.g. “Eliquis 5 mg”; pick a suggestion so screening can match it"
              uncodedHint="Not coded: screening matches this medicine by its name only. Pick a suggestion to code it."
              value={drug}
              onChange={(next) => {
                setDrug(next);
                setValues((v) => ({ ...v, display: next.name }));
              }}
              error={errors.display}
              required
              autoFocus
            />
          ) : (
            <TextInput
              label={nameLabels[kind]}
              value={values.display}
              onChange={set('display')}
              error={errors.display}
              required
              data-autofocus
            />
          )}
          <NativeSelect
            label="Status"
            value={values.status}
            onChange={set('status')}
            data={statusData}
            error={errors.status}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={startLabels[kind]}
              type="date"
              value={values.startDate}
              onChange={set('startDate')}
              error={errors.startDate}
            />
            <TextInput
              label={endLabels[kind]}
              type="date"
              value={values.endDate}
              onChange={set('endDate')}
              error={errors.endDate}
            />
          </SimpleGrid>
          {kind === 'observation' ? (
            <TextInput
              label="Value"
              description="e.g. “7.2 %” for an HbA1c"
              value={values.value}
              onChange={set('value')}
              error={errors.value}
            />
          ) : null}
          {kind !== 'medication' ? (
            <TextInput
              label="Where on the body"
              description="Optional; separate several with commas, e.g. “cheek, forehead”"
              value={values.bodySites}
              onChange={set('bodySites')}
              error={errors.bodySites}
            />
          ) : null}
          <Text size="xs" c="dimmed">
            {entry
              ? 'The previous version stays in the record history.'
              : 'Added entries show in the record history with your name.'}
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {entry ? 'Save correction' : title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Removing keeps the entry in history: its status becomes "entered in error". */
export function RemoveEntryModal({
  patientId,
  entry,
  onClose,
  onSaved,
}: {
  patientId: string;
  entry: ClinicalEntry;
  onClose: () => void;
  onSaved: (p: PatientRecord) => void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await api.put<typeof PatientRecord>(`/api/patients/${patientId}/entries/${entry.id}`, {
          kind: entry.kind,
          display: entry.display,
          codes: entry.codes,
          status: 'entered-in-error',
          startDate: entry.startDate,
          endDate: entry.endDate,
          value: entry.value,
          bodySites: entry.bodySites,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={`Remove “${entry.display}”?`}>
      <Stack gap="sm">
        {error ? <ErrorAlert error={error} title="Not removed" /> : null}
        <Text size="sm">
          Use this when the entry was recorded by mistake. It is marked “entered in error”, no longer counts
          for screening, and stays in the record history.
        </Text>
        <Text size="sm">If the patient stopped a medicine or a condition resolved, correct it instead.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            Remove entry
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
