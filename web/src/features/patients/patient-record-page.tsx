import { PatientMessagesPanel } from '../messages/patient-messages-panel';
import { useState } from 'react';
import { Badge, Button, Group, Menu, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  entryKinds,
  type ClinicalEntry,
  type PatientRecord as PatientRecordType,
} from '@needlepoint/core/contracts/patients';
import { AnchorLink } from '../../components/router-links';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { useCacheWrite, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
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
import { usePatientRecord } from '../staff-shared';
import { PatientHistoryPanel } from './patient-history';
import { PossibleDuplicates } from './possible-duplicates';
import { kindSingular } from './patient-labels';
import { EntryGroup } from './clinical-entry-group';

const route = getRouteApi('/staff/patients/$patientId');

type Kind = ClinicalEntry['kind'];
export type PatientTab = 'record' | 'screening' | 'plans' | 'photos' | 'history' | 'intake' | 'messages';

const reviewedKey: Partial<Record<Kind, keyof PatientRecordType['listsReviewed']>> = {
  condition: 'conditions',
  medication: 'medications',
  allergy: 'allergies',
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
  const record = usePatientRecord(patientId);
  const write = useCacheWrite();
  const invalidate = useInvalidate();
  const back = (
    <AnchorLink to="/patients" size="sm">
      ← All patients
    </AnchorLink>
  );

  if (record.isError && !record.data) {
    // An id that names no patient of this clinic is PATIENT_NOT_FOUND; a link whose id is not an id fails its schema.
    const missing =
      record.error instanceof ApiError &&
      (record.error.code === 'PATIENT_NOT_FOUND' || record.error.code === 'VALIDATION_FAILED');
    return (
      <Stack>
        {back}
        {missing ? (
          <ErrorAlert
            title="Patient not found"
            error={
              new ApiError({
                code: 'PATIENT_NOT_FOUND',
                status: 404,
                message: 'There is no patient with this link in your clinic.',
              })
            }
          />
        ) : (
          <ErrorAlert
            error={record.error}
            title="Could not load this patient"
            onRetry={() => void record.refetch()}
          />
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
  // A saved record is shown at once; what depends on it (history, lists, the screening of its answers) reads again.
  const changed = [keys.patients.all, keys.screening.patient(patientId), keys.screening.queue] as const;
  const saved = (p: PatientRecordType, message?: string) => {
    write(keys.patients.record(patientId), p);
    invalidate(...changed);
    setDialog(null);
    if (message) notifications.show({ color: 'green', message });
  };
  const reload = () => {
    setDialog(null);
    invalidate(...changed);
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
          <PatientHistoryPanel patientId={patient.id} />
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
