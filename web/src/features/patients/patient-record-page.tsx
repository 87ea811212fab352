import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import {
  PatientRecord,
  entryKinds,
  type ClinicalEntry,
  type PatientRecord as PatientRecordType,
} from '@needlepoint/core/contracts/patients';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { RequirePermission } from '../shell/require-permission';
import { PatientDetails } from './patient-details';

const route = getRouteApi('/staff/patients/$patientId');

type Kind = ClinicalEntry['kind'];

const kindTitles: Record<Kind, string> = {
  condition: 'Conditions',
  medication: 'Medications',
  allergy: 'Allergies',
  procedure: 'Procedures',
  observation: 'Observations',
};

const reviewedKey: Partial<Record<Kind, keyof PatientRecordType['listsReviewed']>> = {
  condition: 'conditions',
  medication: 'medications',
  allergy: 'allergies',
};

const sourceLabels: Record<ClinicalEntry['source'], string> = {
  clinic: 'Clinic',
  intake: 'Intake form',
  import: 'Imported',
};

export function PatientRecordPage() {
  return (
    <RequirePermission permission="patient:read">
      <PatientRecordView />
    </RequirePermission>
  );
}

function PatientRecordView() {
  const { patientId } = route.useParams();
  const record = useApi(
    (signal) => api.get(`/api/patients/${patientId}`, PatientRecord, undefined, signal),
    [patientId],
  );
  const back = (
    <AnchorLink to="/patients" size="sm">
      ← All patients
    </AnchorLink>
  );

  if (record.status === 'error') {
    const missing =
      record.error instanceof ApiError &&
      ['PATIENT_NOT_FOUND', 'NOT_FOUND', 'VALIDATION_FAILED'].includes(record.error.code);
    return (
      <Stack>
        {back}
        {missing ? (
          <ErrorAlert
            title="Patient not found"
            error={
              new ApiError({
                code: 'NOT_FOUND',
                status: 404,
                message: 'There is no patient with this link in your clinic.',
              })
            }
          />
        ) : (
          <ErrorAlert error={record.error} title="Could not load this patient" onRetry={record.reload} />
        )}
      </Stack>
    );
  }
  if (!record.data) return <Loading label="Loading patient…" />;
  const patient = record.data;

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={`${patient.givenName} ${patient.familyName}`}
        description={
          <Group gap="xs" component="span">
            <span>Record updated {formatDateTime(patient.updatedAt)}</span>
            {patient.archived ? (
              <Badge color="gray" variant="light">
                Archived
              </Badge>
            ) : null}
          </Group>
        }
      />
      {patient.mergedInto ? (
        <Text size="sm">
          This record was merged into{' '}
          <AnchorLink to="/patients/$patientId" params={{ patientId: patient.mergedInto }}>
            another record
          </AnchorLink>
          .
        </Text>
      ) : null}
      <Paper
        withBorder
        p={{ base: 'md', sm: 'lg' }}
        radius="md"
        component="section"
        aria-labelledby="details-title"
      >
        <Title order={2} fz="lg" mb="md" id="details-title">
          Details
        </Title>
        <PatientDetails patient={patient} clinical />
        {patient.notes ? (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600}>
              Notes:{' '}
            </Text>
            {patient.notes}
          </Text>
        ) : null}
      </Paper>
      {entryKinds.map((kind) => (
        <EntryGroup
          key={kind}
          kind={kind}
          entries={patient.entries.filter((e) => e.kind === kind)}
          reviewedOn={reviewedKey[kind] ? patient.listsReviewed[reviewedKey[kind]] : undefined}
        />
      ))}
    </Stack>
  );
}

function EntryGroup({
  kind,
  entries,
  reviewedOn,
}: {
  kind: Kind;
  entries: ClinicalEntry[];
  reviewedOn?: string;
}) {
  const titleId = `entries-${kind}`;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id={titleId}>
          {kindTitles[kind]}{' '}
          <Text span c="dimmed" fz="sm" fw={400}>
            ({entries.length})
          </Text>
        </Title>
        {reviewedOn ? (
          <Text size="xs" c="dimmed">
            List reviewed {formatDate(reviewedOn)}
          </Text>
        ) : null}
      </Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          None recorded.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{kind === 'observation' ? 'Observation' : 'Name'}</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Dates</Table.Th>
                {kind === 'observation' ? <Table.Th>Value</Table.Th> : null}
                <Table.Th>Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {entry.display}
                    </Text>
                    {entry.bodySites.length > 0 ? (
                      <Text size="xs" c="dimmed">
                        {entry.bodySites.join(', ')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColor(entry.status)} size="sm">
                      {entry.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateRange(entry)}</Table.Td>
                  {kind === 'observation' ? <Table.Td>{entry.value ?? '—'}</Table.Td> : null}
                  <Table.Td>{sourceLabels[entry.source]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function dateRange(entry: ClinicalEntry): string {
  if (!entry.startDate && !entry.endDate) return '—';
  if (entry.startDate && !entry.endDate) return `Since ${formatDate(entry.startDate)}`;
  if (!entry.startDate && entry.endDate) return `Until ${formatDate(entry.endDate)}`;
  return `${formatDate(entry.startDate)} – ${formatDate(entry.endDate)}`;
}

function statusColor(status: string): string {
  const s = status.toLowerCase();
  if (['active', 'current', 'confirmed', 'final'].includes(s)) return 'blue';
  if (['resolved', 'completed', 'stopped', 'inactive', 'remission'].includes(s)) return 'gray';
  if (['entered-in-error', 'refuted'].includes(s)) return 'red';
  return 'grape';
}
