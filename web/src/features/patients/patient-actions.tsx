import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { PatientList, PatientRecord } from '@needlepoint/core/contracts/patients';
import type { PatientSummary } from '@needlepoint/core/contracts/patients';
import type { Invitation, InvitationList } from '@needlepoint/core/contracts/portal';
import { ErrorAlert } from '../../components/error-alert';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { SaveError } from './save-patient';

/** Archive hides the patient from the list (nothing is deleted); restore brings them back. */
export function ArchiveModal({
  patient,
  onClose,
  onSaved,
}: {
  patient: PatientRecord;
  onClose: () => void;
  onSaved: (p: PatientRecord) => void;
}) {
  const archiving = !patient.archived;
  // The record page shows the saved record and reads what depends on it again.
  const save = useApiMutation({
    mutationFn: () =>
      api.post<typeof PatientRecord>(`/api/patients/${patient.id}/${archiving ? 'archive' : 'restore'}`),
    onSuccess: onSaved,
  });
  const error = save.error;
  const name = `${patient.givenName} ${patient.familyName}`;
  return (
    <Modal opened onClose={onClose} title={archiving ? `Archive ${name}?` : `Restore ${name}?`}>
      <Stack gap="sm">
        {error ? <ErrorAlert error={error} title={archiving ? 'Not archived' : 'Not restored'} /> : null}
        <Text size="sm">
          {archiving
            ? 'The patient no longer shows in the patient list. Nothing is deleted: the record, its history and screenings stay, and you can restore it at any time.'
            : 'The patient shows in the patient list again.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={archiving ? 'red' : undefined}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            {archiving ? 'Archive patient' : 'Restore patient'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Finds the duplicate, shows both records side by side, and merges the duplicate into this one. */
export function MergeModal({
  patient,
  suggested,
  onClose,
  onSaved,
  onReload,
}: {
  patient: PatientRecord;
  /** A possible duplicate an import found: searched by its birth date and chosen already. */
  suggested?: { id: string; birthDate: string };
  onClose: () => void;
  onSaved: (p: PatientRecord) => void;
  onReload: () => void;
}) {
  const [text, setText] = useState(suggested?.birthDate ?? `${patient.familyName.slice(0, 4)}`);
  const [q] = useDebouncedValue(text.trim(), 300);
  const [chosenId, setChosenId] = useState<string>(suggested?.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const filters = { q, limit: 20, includeArchived: 'false' };
  const results = useApiQuery(keys.patients.search(filters), (signal) =>
    api.get<typeof PatientList>('/api/patients', filters, signal),
  );
  const candidates = (results.data?.patients ?? []).filter((p) => p.id !== patient.id);
  const chosen: PatientSummary | undefined = candidates.find((p) => p.id === chosenId);

  const merging = useApiMutation({
    mutationFn: (duplicateId: string) =>
      api.post<typeof PatientRecord>(`/api/patients/${patient.id}/merge`, {
        duplicateId,
        expectedVersion: patient.version,
      }),
    onSuccess: onSaved,
  });
  const error = merging.error;
  const busy = merging.isPending;
  function merge() {
    if (chosenId) merging.mutate(chosenId);
  }

  return (
    <Modal opened onClose={onClose} title="Merge a duplicate into this record" size="lg">
      <Stack gap="sm">
        {error ? <SaveError error={error} title="Not merged" onReload={onReload} /> : null}
        {!confirming ? (
          <>
            <Text size="sm">
              Find the duplicate record of {patient.givenName} {patient.familyName} (born{' '}
              {formatDate(patient.birthDate)}).
            </Text>
            <TextInput
              label="Search for the duplicate"
              type="search"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-autofocus
            />
            {results.status === 'error' ? <ErrorAlert error={results.error} title="Search failed" /> : null}
            <Radio.Group label="Duplicate record" value={chosenId} onChange={setChosenId}>
              <Stack gap="xs" mt={6}>
                {candidates.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {results.isFetching ? 'Searching…' : 'No other patients match.'}
                  </Text>
                ) : (
                  candidates.map((p) => (
                    <Radio
                      key={p.id}
                      value={p.id}
                      label={`${p.familyName}, ${p.givenName}`}
                      description={`Born ${formatDate(p.birthDate)}${p.email ? ` · ${p.email}` : ''}${p.phone ? ` · ${p.phone}` : ''}`}
                    />
                  ))
                )}
              </Stack>
            </Radio.Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button disabled={!chosen} onClick={() => setConfirming(true)}>
                Continue
              </Button>
            </Group>
          </>
        ) : chosen ? (
          <>
            <Alert color="orange" variant="light" title="Check before merging">
              <Text size="sm">
                <strong>
                  {chosen.givenName} {chosen.familyName}
                </strong>{' '}
                (born {formatDate(chosen.birthDate)}) will be merged into{' '}
                <strong>
                  {patient.givenName} {patient.familyName}
                </strong>{' '}
                (born {formatDate(patient.birthDate)}).
              </Text>
              <Text size="sm" mt={6}>
                Its conditions, medications and other entries, appointments and portal account move to this
                record. The duplicate is archived and points here. This cannot be undone from the app.
              </Text>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                Back
              </Button>
              <Button color="orange" loading={busy} onClick={merge}>
                Merge into this record
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}

const invitationStatusLabel = { pending: 'Waiting', accepted: 'Accepted', expired: 'Expired' } as const;

/**
 * Emails the patient, at the address on their record, a link to the portal. Staff see that it was sent (when,
 * to which address, until when), never the link itself: only the patient can set the password.
 */
export function InviteModal({ patient, onClose }: { patient: PatientRecord; onClose: () => void }) {
  const sent = useApiQuery(keys.patients.invitations(patient.id), (signal) =>
    api.get<typeof InvitationList>(`/api/patients/${patient.id}/invitations`, undefined, signal),
  );
  const invite = useApiMutation({
    mutationFn: () => api.post<typeof Invitation>(`/api/patients/${patient.id}/invitations`, {}),
    invalidates: [keys.patients.invitations(patient.id)],
  });
  const error = invite.error;
  const busy = invite.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate();
  }

  const latest = sent.data?.invitations[0];
  return (
    <Modal opened onClose={onClose} title="Invite to the patient portal" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error ? <ErrorAlert error={error} title="Invitation not sent" /> : null}
          {latest ? (
            <Alert
              color={latest.status === 'expired' ? 'gray' : 'green'}
              variant="light"
              title={latest.status === 'accepted' ? 'Invitation accepted' : 'Invitation sent'}
              role="status"
              data-testid="invitation-sent"
            >
              <Text size="sm">
                Sent to {latest.email} on {formatDateTime(latest.sentAt)}.{' '}
                {latest.status === 'accepted' && latest.acceptedAt
                  ? `The patient set their password on ${formatDateTime(latest.acceptedAt)}.`
                  : latest.status === 'expired'
                    ? `The link expired on ${formatDateTime(latest.expiresAt)}.`
                    : `The link works until ${formatDateTime(latest.expiresAt)}.`}
              </Text>
            </Alert>
          ) : null}
          {patient.email ? (
            <Text size="sm">
              The patient gets an email at <strong>{patient.email}</strong> (the address on their record) with
              a link to set a password. In the portal they fill in the health questions, sign consents and see
              their appointments. Only the patient receives the link.
            </Text>
          ) : (
            <Alert color="yellow" variant="light" title="No email address on the record">
              <Text size="sm">
                Add the patient&apos;s email address to their details first; the invitation goes only to the
                address on the record.
              </Text>
            </Alert>
          )}
          {sent.data && sent.data.invitations.length > 1 ? (
            <Text size="xs" c="dimmed">
              Earlier:{' '}
              {sent.data.invitations
                .slice(1)
                .map(
                  (i) =>
                    `${formatDateTime(i.sentAt)} to ${i.email} (${invitationStatusLabel[i.status].toLowerCase()})`,
                )
                .join('; ')}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {latest ? 'Done' : 'Cancel'}
            </Button>
            {latest?.status !== 'accepted' ? (
              <Button type="submit" loading={busy} disabled={!patient.email}>
                {latest ? 'Send again' : 'Send invitation'}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
