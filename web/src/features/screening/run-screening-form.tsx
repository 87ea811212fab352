import { useEffect } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { RunScreeningRequest, type Screening } from '@needlepoint/core/contracts/screening';
import { areas, modalities } from '@needlepoint/core/knowledge/knowledge.schema';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { contractValidate, errorAboveFields, fieldErrorsOf } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { areaLabels, modalityLabels } from './labels';

const fields = ['areas', 'modality'];

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
  const form = useForm({
    initialValues: { areas: latest?.areas ?? ['face'], modality: latest?.modality ?? 'mechanical' },
    validate: contractValidate(
      RunScreeningRequest,
      (values: { areas: string[]; modality: string }) => values,
    ),
  });
  const run = useApiMutation({
    mutationFn: (body: RunScreeningRequest) =>
      api.post<typeof Screening>(`/api/patients/${patientId}/screenings`, body),
    onSuccess: (screening) => onRan(screening),
    onError: (error) => form.setErrors(fieldErrorsOf(error, fields)),
  });
  const formError = errorAboveFields(run.error, fields);
  const stale = latest && latest.recordVersion !== recordVersion;

  useEffect(() => {
    if (latest) form.setValues({ areas: latest.areas, modality: latest.modality });
    // Only when a different patient's history arrives (a re-run of the same patient keeps the choice).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the patient on purpose
  }, [latest?.patientId]);

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="run-title"
    >
      <form onSubmit={form.onSubmit((values) => run.mutate(RunScreeningRequest.parse(values)))} noValidate>
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
          <Checkbox.Group label="Treatment areas" {...form.getInputProps('areas')} required>
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
          <Radio.Group label="Modality" {...form.getInputProps('modality')} required>
            <Group gap="lg" mt={8}>
              {modalities.map((m) => (
                <Radio key={m} value={m} label={modalityLabels[m]} />
              ))}
            </Group>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={run.isPending}>
              Run screening
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
