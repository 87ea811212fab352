import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Screening } from '@needlepoint/core/contracts/screening';
import { areas, modalities } from '@needlepoint/core/knowledge/knowledge.schema';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { useApiMutation } from '../../lib/query';
import { areaLabels, modalityLabels } from './labels';

export function RunScreeningForm({
  patientId,
  latest,
  recordVersion,
  onRan,
}: {
  patientId: string;
  latest: Screening | undefined;
  recordVersion: number;
  onRan: (s: Screening) => void;
}) {
  const [chosen, setChosen] = useState<string[]>(latest?.areas ?? ['face']);
  const [modality, setModality] = useState<string>(latest?.modality ?? 'mechanical');
  const [error, setError] = useState<string | undefined>();
  const run = useApiMutation({
    mutationFn: (body: { areas: string[]; modality: string }) =>
      api.post<typeof Screening>(`/api/patients/${patientId}/screenings`, body),
    onSuccess: onRan,
    onError: (e) => {
      if (e.fieldError('areas')) setError(e.fieldError('areas'));
    },
  });
  const formError = run.error && !run.error.fieldError('areas') ? run.error : null;
  const busy = run.isPending;
  const stale = latest && latest.recordVersion !== recordVersion;

  useEffect(() => {
    if (latest) {
      setChosen(latest.areas);
      setModality(latest.modality);
    }
    // Only when a different patient's history arrives (a re-run of the same patient keeps the choice).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the patient on purpose
  }, [latest?.patientId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    run.reset();
    if (chosen.length === 0) {
      setError('Choose at least one treatment area');
      return;
    }
    setError(undefined);
    run.mutate({ areas: chosen, modality });
  }

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="run-title"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} fz="lg" id="run-title">
            Run a screening
          </Title>
          {stale ? (
            <Alert color="blue" variant="light" p="xs">
              The record changed since the last screening. Run it again to see the current verdict.
            </Alert>
          ) : null}
          {formError ? <ErrorAlert error={formError} title="Screening not run" /> : null}
          <Checkbox.Group label="Treatment areas" value={chosen} onChange={setChosen} error={error} required>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt={8}>
              {areas.map((a) => (
                <Checkbox.Card key={a} value={a} radius="md" p="sm" withBorder aria-label={areaLabels[a]}>
                  <Group wrap="nowrap" gap="xs">
                    <Checkbox.Indicator />
                    <Text size="sm">{areaLabels[a]}</Text>
                  </Group>
                </Checkbox.Card>
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Radio.Group label="Modality" value={modality} onChange={setModality} required>
            <Group gap="lg" mt={8}>
              {modalities.map((m) => (
                <Radio key={m} value={m} label={modalityLabels[m]} />
              ))}
            </Group>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={busy}>
              Run screening
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
