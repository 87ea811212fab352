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
import { ErrorBody } from '@needlepoint/core/contracts/error-body';
import { ImportReport } from '@needlepoint/core/contracts/imports';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ApiError } from '../../lib/api';
import { errorOfAnswer } from '../../lib/error-of-answer';
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

/** Uploads with XMLHttpRequest (fetch cannot report upload progress) and reads the report or error. */
function upload(
  file: File,
  format: Format,
  onProgress: (loaded: number, total: number) => void,
  xhrRef: { current: XMLHttpRequest | null },
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    const query = new URLSearchParams({ name: file.name, format });
    xhr.open('POST', `/api/imports?${query.toString()}`);
    xhr.setRequestHeader(
      'content-type',
      format === 'ndjson' ? 'application/x-ndjson' : 'application/fhir+json',
    );
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () =>
      reject(
        new ApiError({
          code: 'NETWORK',
          status: 0,
          message: 'Could not reach the server. Check the connection and try again.',
        }),
      );
    xhr.onabort = () =>
      reject(new ApiError({ code: 'ABORTED', status: 0, message: 'The upload was cancelled.' }));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const report = ImportReport.safeParse(json);
        if (report.success) resolve(report.data);
        else
          reject(
            new ApiError({
              code: 'UNEXPECTED_RESPONSE',
              status: xhr.status,
              message: 'The server answered in a way this page does not understand.',
            }),
          );
        return;
      }
      const body = ErrorBody.safeParse(json);
      reject(
        body.success
          ? errorOfAnswer(xhr.status, body.data, null)
          : new ApiError({
              code: xhr.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
              status: xhr.status,
              message:
                xhr.status === 413
                  ? 'The file is too large to import.'
                  : 'The import could not be completed. Please try again.',
            }),
      );
    };
    xhr.send(file);
  });
}

function ImportView() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('bundle');
  const [fileError, setFileError] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<{ name: string; report: ImportReport } | null>(null);
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!file) {
      setFileError('Choose a file to import');
      return;
    }
    setFileError(undefined);
    setBusy(true);
    setReport(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const result = await upload(file, format, (loaded, total) => setProgress({ loaded, total }), xhrRef);
      setReport({ name: file.name, report: result });
    } catch (e) {
      setError(e);
    } finally {
      xhrRef.current = null;
      setBusy(false);
    }
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
          <form onSubmit={(event) => void submit(event)} noValidate aria-label="Import a file">
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
                  <Button variant="default" onClick={() => xhrRef.current?.abort()}>
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
