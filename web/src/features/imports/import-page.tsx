import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ImportReport } from '@needlepoint/core/contracts/imports';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ApiError } from '../../lib/api';
import { uploadWithProgress } from '../../lib/upload';
import { useApiMutation } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';

type Format = 'bundle' | 'ndjson';

export function ImportPage() {
  return (
    <RequirePermission permission="patient:write">
      <ImportView />
    </RequirePermission>
  );
}

function guessFormat(name: string): Format {
  return /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : 'bundle';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** What a failed upload says: a cancelled upload and a file too large for the server are named as such. */
function uploadError(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'AbortError')
    return new ApiError({ code: 'ABORTED', status: 0, message: 'The upload was cancelled.' });
  if (error instanceof ApiError && error.status === 413 && !error.requestId)
    return new ApiError({ code: error.code, status: 413, message: 'The file is too large to import.' });
  return error;
}

function ImportView() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('bundle');
  const [fileError, setFileError] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const upload = useRef<AbortController | null>(null);
  // Imported patients appear in the patient list and the records they match.
  const importing = useApiMutation({
    mutationFn: ({ chosen, as }: { chosen: File; as: Format }) => {
      upload.current = new AbortController();
      return uploadWithProgress<typeof ImportReport>(
        '/api/imports',
        new Blob([chosen], { type: as === 'ndjson' ? 'application/x-ndjson' : 'application/fhir+json' }),
        {
          query: { name: chosen.name, format: as },
          onProgress: (loaded, total) => setProgress({ loaded, total }),
          signal: upload.current.signal,
        },
      );
    },
    invalidates: [keys.patients.all],
    onSettled: () => {
      upload.current = null;
    },
  });
  const busy = importing.isPending;
  const error = importing.error ? uploadError(importing.error) : null;
  const report =
    importing.data && importing.isSuccess
      ? { name: importing.variables.chosen.name, report: importing.data }
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      importing.reset();
      setFileError('Choose a file to import');
      return;
    }
    setFileError(undefined);
    setProgress({ loaded: 0, total: file.size });
    importing.mutate({ chosen: file, as: format });
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const uploaded = progress && progress.loaded >= progress.total;

  return (
    <>
      <AnchorLink to="/patients" size="sm">
        ← All patients
      </AnchorLink>
      <PageHeader
        title="Import patient records"
        description="Bring in patients with their conditions, medications, allergies, procedures and observations from a FHIR R4 export."
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={760}>
          <form onSubmit={submit} noValidate aria-label="Import a file">
            <Stack gap="md">
              {error ? <ErrorAlert error={error} title="Import failed" /> : null}
              <FileInput
                label="File"
                description="A FHIR Bundle (.json) or bulk export (.ndjson, one resource per line)"
                placeholder="Choose a file"
                accept=".json,.ndjson,.jsonl,application/json,application/fhir+json,application/x-ndjson"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setFileError(undefined);
                  if (f) setFormat(guessFormat(f.name));
                }}
                error={fileError}
                clearable
                required
                disabled={busy}
              />
              <Radio.Group label="File format" value={format} onChange={(v) => setFormat(v)} readOnly={busy}>
                <Group gap="lg" mt={6}>
                  <Radio value="bundle" label="FHIR Bundle (JSON)" disabled={busy} />
                  <Radio value="ndjson" label="NDJSON (one resource per line)" disabled={busy} />
                </Group>
              </Radio.Group>
              <Text size="xs" c="dimmed">
                Patients already in the clinic (same identifier) are updated, not duplicated. Each resource is
                taken or refused on its own; the report lists anything refused and why.
              </Text>
              {progress ? (
                <Stack gap={4}>
                  <Progress.Root size="lg" data-testid="upload-progress">
                    <Progress.Section
                      value={percent}
                      animated={busy && !uploaded}
                      aria-label="Upload progress"
                    />
                  </Progress.Root>
                  <Text size="sm" role="status" aria-live="polite">
                    {busy
                      ? uploaded
                        ? 'Uploaded. Importing the records…'
                        : `Uploading: ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} (${percent}%)`
                      : report
                        ? 'Import finished.'
                        : 'Upload stopped.'}
                  </Text>
                </Stack>
              ) : null}
              <Group gap="sm">
                <Button type="submit" loading={busy}>
                  Import
                </Button>
                {busy && !uploaded ? (
                  <Button variant="default" onClick={() => upload.current?.abort()}>
                    Cancel upload
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </form>
        </Paper>
        {report ? <ReportView name={report.name} report={report.report} /> : null}
      </Stack>
    </>
  );
}

function ReportView({ name, report }: { name: string; report: ImportReport }) {
  const resourceRows = Object.entries(report.resources);
  const skippedRows = Object.entries(report.skipped);
  return (
    <Stack gap="md" component="section" aria-labelledby="report-title" data-testid="import-report">
      <Title order={2} fz="lg" id="report-title">
        Import report: {name}
      </Title>
      {report.rejectedCount > 0 ? (
        <Alert color="orange" variant="light" title={`${report.rejectedCount} refused`}>
          Some entries were not imported. They are listed below with the reason.
        </Alert>
      ) : (
        <Alert color="green" variant="light" title="Everything was read">
          No entry was refused.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="xs">
            Records
          </Title>
          <Table verticalSpacing={4} data-testid="import-counts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Type</Table.Th>
                <Table.Th ta="right">Created</Table.Th>
                <Table.Th ta="right">Updated</Table.Th>
                <Table.Th ta="right">Unchanged</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td fw={600}>Patients</Table.Td>
                <Table.Td ta="right">{report.patients.created}</Table.Td>
                <Table.Td ta="right">{report.patients.updated}</Table.Td>
                <Table.Td ta="right">{report.patients.unchanged}</Table.Td>
              </Table.Tr>
              {resourceRows.map(([type, c]) => (
                <Table.Tr key={type}>
                  <Table.Td>{type}</Table.Td>
                  <Table.Td ta="right">{c.created}</Table.Td>
                  <Table.Td ta="right">{c.updated}</Table.Td>
                  <Table.Td ta="right">{c.unchanged}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb={4}>
            Skipped
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            Valid FHIR, but types the clinic record does not keep.
          </Text>
          {skippedRows.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing skipped.
            </Text>
          ) : (
            <Table verticalSpacing={4} data-testid="import-skipped">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Type</Table.Th>
                  <Table.Th ta="right">Count</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {skippedRows.map(([type, n]) => (
                  <Table.Tr key={type}>
                    <Table.Td>{type}</Table.Td>
                    <Table.Td ta="right">{n}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
      {report.rejectedCount > 0 ? (
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="xs">
            Refused ({report.rejectedCount})
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={4} data-testid="import-rejected">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Entry</Table.Th>
                  <Table.Th>Line</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.rejected.slice(0, 500).map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.source}</Table.Td>
                    <Table.Td>{r.line ?? '—'}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {report.rejectedCount > report.rejected.length ? (
            <Text size="xs" c="dimmed" mt="xs">
              Showing the first {report.rejected.length} of {report.rejectedCount}.
            </Text>
          ) : null}
        </Paper>
      ) : null}
    </Stack>
  );
}
