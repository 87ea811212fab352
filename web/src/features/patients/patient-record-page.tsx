import { PatientMessagesPanel } from '../messages/patient-messages-panel';
import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { PatientRecord } from '@needlepoint/core/contracts/patients';
import {
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
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { PatientPhotosPanel } from '../photos/patient-photos-panel';
import { PatientPlansPanel } from '../plans/patient-plans-panel';
import { PatientScreeningPanel } from '../screening/patient-screening-panel';
import { RequirePermission } from '../shell/require-permission';
import { EditDetailsModal } from './edit-details-modal';
import { EntryModal, RemoveEntryModal } from './entry-modal';
import { HealthAnswers } from './health-answers';
import { IntakeAndConsents } from './intake-and-consents';
import { ArchiveModal, InviteModal, MergeModal } from './patient-actions';
import { PatientDetails } from './patient-details';
import { PatientHistoryPanel } from './patient-history';
import { PossibleDuplicates } from './possible-duplicates';
import { kindSingular, kindTitles, statusLabel } from './patient-labels';

const route = getRouteApi('/staff/patients/$patientId');

type Kind = ClinicalEntry['kind'];
export type PatientTab = 'record' | 'screening' | 'plans' | 'photos' | 'history' | 'intake' | 'messages';

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

type Dialog =
  | { type: 'details' }
  | { type: 'archive' }
  | { type: 'merge'; suggested?: { id: string; birthDate: string } }
  | { type: 'invite' }
  | { type: 'entry'; kind: Kind; entry?: ClinicalEntry }
  | { type: 'remove'; entry: ClinicalEntry };

function PatientRecordView() {
  const { patientId } = route.useParams();
  const { tab: tabParam } = route.useSearch();
  const navigate = useNavigate();
  const { can } = useSession();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const record = useApi(
    (signal) => api.get<typeof PatientRecord>(`/api/patients/${patientId}`, undefined, signal),
    [patientId],
  );
  const back = (
    <AnchorLink to="/patients" size="sm">
      ← All patients
    </AnchorLink>
  );

  if (record.status === 'error' && !record.data) {
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
  const editable = can('patient:write') && !patient.mergedInto;
  const canScreen = can('screening:read');
  const tab: PatientTab = tabParam === 'screening' && !canScreen ? 'record' : (tabParam ?? 'record');
  const setTab = (next: string | null) =>
    void navigate({
      to: '/patients/$patientId',
      params: { patientId },
      search: next && next !== 'record' ? { tab: next as PatientTab } : {},
      replace: true,
    });
  const saved = (p: PatientRecordType, message?: string) => {
    record.setData(p);
    setDialog(null);
    if (message) notifications.show({ color: 'green', message });
  };
  const reload = () => {
    setDialog(null);
    record.reload();
  };

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={`${patient.givenName} ${patient.familyName}`}
        description={
          <Group gap="xs" component="span">
            <span>
              Born {formatDate(patient.birthDate)} · Record updated {formatDateTime(patient.updatedAt)}
            </span>
            {patient.archived ? (
              <Badge color="gray" variant="light">
                Archived
              </Badge>
            ) : null}
            {patient.deceased ? (
              <Badge color="dark" variant="light">
                Deceased{patient.deceasedDate ? ` ${patient.deceasedDate}` : ''}
              </Badge>
            ) : null}
          </Group>
        }
        actions={
          editable ? (
            <Group gap="xs">
              <Button variant="default" onClick={() => setDialog({ type: 'invite' })}>
                Invite to portal
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default">More actions</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog({ type: 'merge' })}>Merge a duplicate…</Menu.Item>
                  <Menu.Item
                    color={patient.archived ? undefined : 'red'}
                    onClick={() => setDialog({ type: 'archive' })}
                  >
                    {patient.archived ? 'Restore from archive…' : 'Archive patient…'}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ) : null
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
      {!patient.mergedInto ? (
        <PossibleDuplicates
          patientId={patient.id}
          editable={editable}
          onMerge={(other) => setDialog({ type: 'merge', suggested: other })}
        />
      ) : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="record">Record</Tabs.Tab>
          {canScreen ? <Tabs.Tab value="screening">Screening</Tabs.Tab> : null}
          {can('plan:read') ? <Tabs.Tab value="plans">Plans</Tabs.Tab> : null}
          <Tabs.Tab value="photos">Photos</Tabs.Tab>
          <Tabs.Tab value="intake">Intake and consents</Tabs.Tab>
          <Tabs.Tab value="messages">Messages</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="record">
          <Stack gap="lg">
            <Paper
              withBorder
              p={{ base: 'md', sm: 'lg' }}
              radius="md"
              component="section"
              aria-labelledby="details-title"
            >
              <Group justify="space-between" mb="md" gap="xs">
                <Title order={2} fz="lg" id="details-title">
                  Details
                </Title>
                {editable ? (
                  <Button variant="light" size="sm" onClick={() => setDialog({ type: 'details' })}>
                    Edit details
                  </Button>
                ) : null}
              </Group>
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
                editable={editable}
                onAdd={() => setDialog({ type: 'entry', kind })}
                onCorrect={(entry) => setDialog({ type: 'entry', kind, entry })}
                onRemove={(entry) => setDialog({ type: 'remove', entry })}
              />
            ))}
            <HealthAnswers
              patient={patient}
              editable={editable}
              onSaved={(p) => saved(p, 'Health questions saved.')}
              onReload={reload}
            />
          </Stack>
        </Tabs.Panel>
        {canScreen ? (
          <Tabs.Panel value="screening">
            <PatientScreeningPanel patientId={patient.id} recordVersion={patient.version} />
          </Tabs.Panel>
        ) : null}
        {can('plan:read') ? (
          <Tabs.Panel value="plans">
            <PatientPlansPanel patientId={patient.id} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="photos">
          <PatientPhotosPanel patientId={patient.id} />
        </Tabs.Panel>
        <Tabs.Panel value="intake">
          <IntakeAndConsents patientId={patient.id} />
        </Tabs.Panel>
        <Tabs.Panel value="messages">
          <PatientMessagesPanel patientId={patient.id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <PatientHistoryPanel patientId={patient.id} version={patient.version} />
        </Tabs.Panel>
      </Tabs>

      {dialog?.type === 'details' ? (
        <EditDetailsModal
          patient={patient}
          onClose={() => setDialog(null)}
          onSaved={(p) => saved(p, 'Details saved.')}
          onReload={reload}
        />
      ) : null}
      {dialog?.type === 'entry' ? (
        <EntryModal
          patientId={patient.id}
          kind={dialog.kind}
          {...(dialog.entry ? { entry: dialog.entry } : {})}
          onClose={() => setDialog(null)}
          onSaved={(p) =>
            saved(p, dialog.entry ? 'Correction saved.' : `${capitalise(kindSingular[dialog.kind])} added.`)
          }
        />
      ) : null}
      {dialog?.type === 'remove' ? (
        <RemoveEntryModal
          patientId={patient.id}
          entry={dialog.entry}
          onClose={() => setDialog(null)}
          onSaved={(p) => saved(p, 'Entry removed.')}
        />
      ) : null}
      {dialog?.type === 'archive' ? (
        <ArchiveModal
          patient={patient}
          onClose={() => setDialog(null)}
          onSaved={(p) => saved(p, p.archived ? 'Patient archived.' : 'Patient restored.')}
        />
      ) : null}
      {dialog?.type === 'merge' ? (
        <MergeModal
          patient={patient}
          {...(dialog.suggested ? { suggested: dialog.suggested } : {})}
          onClose={() => setDialog(null)}
          onSaved={(p) => saved(p, 'Duplicate merged into this record.')}
          onReload={reload}
        />
      ) : null}
      {dialog?.type === 'invite' ? <InviteModal patient={patient} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function EntryGroup({
  kind,
  entries,
  reviewedOn,
  editable,
  onAdd,
  onCorrect,
  onRemove,
}: {
  kind: Kind;
  entries: ClinicalEntry[];
  reviewedOn?: string | undefined;
  editable: boolean;
  onAdd: () => void;
  onCorrect: (entry: ClinicalEntry) => void;
  onRemove: (entry: ClinicalEntry) => void;
}) {
  const titleId = `entries-${kind}`;
  const [showRemoved, setShowRemoved] = useState(false);
  const removed = entries.filter((e) => e.status === 'entered-in-error');
  const shown = showRemoved ? entries : entries.filter((e) => e.status !== 'entered-in-error');
  const current = entries.length - removed.length;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id={titleId}>
          {kindTitles[kind]}{' '}
          <Text span c="dimmed" fz="sm" fw={400}>
            ({current})
          </Text>
        </Title>
        <Group gap="sm">
          {reviewedOn ? (
            <Text size="xs" c="dimmed">
              List confirmed complete {formatDate(reviewedOn)}
            </Text>
          ) : null}
          {editable ? (
            <Button variant="light" size="sm" onClick={onAdd}>
              Add {kindSingular[kind]}
            </Button>
          ) : null}
        </Group>
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          None recorded.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table verticalSpacing="xs" data-testid={`entries-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{kind === 'observation' ? 'Observation' : 'Name'}</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Dates</Table.Th>
                {kind === 'observation' ? <Table.Th>Value</Table.Th> : null}
                <Table.Th>Source</Table.Th>
                {editable ? (
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((entry) => {
                const isRemoved = entry.status === 'entered-in-error';
                return (
                  <Table.Tr key={entry.id} c={isRemoved ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={500} td={isRemoved ? 'line-through' : undefined}>
                        {entry.display}
                      </Text>
                      {entry.review ? (
                        <Text size="xs" c="orange" data-testid="entry-review">
                          Needs review: {entry.review}
                        </Text>
                      ) : null}
                      {entry.bodySites.length > 0 ? (
                        <Text size="xs" c="dimmed">
                          {entry.bodySites.join(', ')}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor(entry.status)} size="sm">
                        {statusLabel(kind, entry.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateRange(entry)}</Table.Td>
                    {kind === 'observation' ? <Table.Td>{entry.value ?? '—'}</Table.Td> : null}
                    <Table.Td>{sourceLabels[entry.source]}</Table.Td>
                    {editable ? (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            onClick={() => onCorrect(entry)}
                            aria-label={`Correct ${entry.display}`}
                          >
                            Correct
                          </Button>
                          {!isRemoved ? (
                            <Button
                              variant="subtle"
                              color="red"
                              size="compact-sm"
                              onClick={() => onRemove(entry)}
                              aria-label={`Remove ${entry.display}`}
                            >
                              Remove
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {removed.length > 0 ? (
        <Button variant="subtle" size="compact-xs" mt="xs" onClick={() => setShowRemoved((s) => !s)}>
          {showRemoved ? 'Hide removed entries' : `Show removed entries (${removed.length})`}
        </Button>
      ) : null}
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
