import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { DeviceList } from '@needlepoint/core/contracts/bookings';
import type { AllowList } from '@needlepoint/core/contracts/inventory';
import type { TreatmentRecordDto } from '@needlepoint/core/contracts/treatment-records';
import type { TreatmentRecordDraft } from '@needlepoint/core/treatment/record';
import type { z } from 'zod';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { ApiError, api } from '../../lib/api';
import { formatDateTime, todayIso } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { AfterSection, ChecklistSection, TopicalsSection } from './chart-sections';
import { NumbingSection } from './numbing-section';
import { DeviceSection } from './device-section';
import { ZonesSection } from './zones-section';
import { draftSectionLabels, recordStatusLabels } from './labels';
import { forgetLocalDraft, keepLocalDraft, loadLocalDraft } from './offline-drafts';

const route = getRouteApi('/staff/chart/$appointmentId');
type Record = z.output<typeof TreatmentRecordDto>;

/** Sections of two drafts that differ, in words. */
function changedSections(mine: TreatmentRecordDraft, theirs: TreatmentRecordDraft): string[] {
  return (Object.keys(mine) as (keyof TreatmentRecordDraft)[])
    .filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]))
    .map((k) => draftSectionLabels[k] ?? k);
}

/**
 * Charting a session on a tablet. Every edit is kept in IndexedDB at once; "Save" sends the whole draft with the
 * version it was made on. Without a connection the edits wait on the tablet and are sent when it returns; a save
 * refused because someone else saved first shows what differs and lets the provider choose.
 */
export function ChartPage() {
  const { appointmentId } = route.useParams();
  const { can } = useSession();
  const [record, setRecord] = useState<Record | null>(null);
  const [draft, setDraft] = useState<TreatmentRecordDraft | null>(null);
  const [pending, setPending] = useState(false);
  const [offline, setOffline] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Record | null>(null);
  const [busy, setBusy] = useState(false);
  const [devices, setDevices] = useState<z.output<typeof DeviceList>['devices']>([]);
  const [allowList, setAllowList] = useState<z.output<typeof AllowList>['products']>([]);
  const [addendum, setAddendum] = useState('');
  const recordRef = useRef<Record | null>(null);
  const draftRef = useRef<TreatmentRecordDraft | null>(null);
  const pendingRef = useRef(false);
  recordRef.current = record;
  draftRef.current = draft;
  pendingRef.current = pending;

  const accept = useCallback((next: Record) => {
    setRecord(next);
    setDraft(next.draft);
    setPending(false);
    setConflict(null);
    void forgetLocalDraft(next.id);
  }, []);

  useEffect(() => {
    let stop = false;
    void (async () => {
      try {
        const opened = await api.post<typeof TreatmentRecordDto>(
          `/api/appointments/${appointmentId}/treatment-record`,
        );
        const local = await loadLocalDraft(opened.id);
        if (stop) return;
        setRecord(opened);
        if (local && opened.status === 'draft') {
          setDraft(local.draft);
          setPending(true);
          if (local.baseVersion !== opened.version) setConflict(opened);
          else setNotice('Unsent changes from this tablet were restored: save to send them.');
        } else setDraft(opened.draft);
      } catch (e) {
        if (!stop) setLoadError(e);
      }
    })();
    void api.get<typeof DeviceList>('/api/devices').then(
      (r) => !stop && setDevices(r.devices),
      () => undefined,
    );
    void api.get<typeof AllowList>('/api/inventory/allow-list').then(
      (r) => !stop && setAllowList(r.products),
      () => undefined,
    );
    return () => {
      stop = true;
    };
  }, [appointmentId]);

  const update = useCallback((change: (d: TreatmentRecordDraft) => TreatmentRecordDraft) => {
    const current = draftRef.current;
    const base = recordRef.current;
    if (!current || !base) return;
    const next = change(current);
    draftRef.current = next;
    setDraft(next);
    setPending(true);
    setNotice(null);
    void keepLocalDraft({
      recordId: base.id,
      baseVersion: base.version,
      draft: next,
      savedAt: new Date().toISOString(),
    });
  }, []);

  const save = useCallback(async () => {
    const base = recordRef.current;
    const current = draftRef.current;
    if (!base || !current) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<typeof TreatmentRecordDto>(`/api/treatment-records/${base.id}`, {
        expectedVersion: base.version,
        draft: current,
      });
      accept(saved);
      setOffline(false);
      setNotice(`Saved at ${new Date().toLocaleTimeString()}.`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NETWORK') {
        setOffline(true);
        setNotice(null);
      } else if (e instanceof ApiError && e.code === 'TREATMENT_RECORD_CONFLICT') {
        // Show what the other device saved; nothing is overwritten until the provider chooses.
        try {
          setConflict(await api.get<typeof TreatmentRecordDto>(`/api/treatment-records/${base.id}`));
        } catch (again) {
          setError(again);
        }
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }, [accept]);

  // The connection came back: send what waited on the tablet, under the same version rule.
  useEffect(() => {
    const onOnline = () => {
      if (pendingRef.current) void save();
      else setOffline(false);
    };
    const onOffline = () => setOffline(true);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [save]);

  async function act(path: string, body: unknown, message: string) {
    if (!record) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<typeof TreatmentRecordDto>(
        `/api/treatment-records/${record.id}${path}`,
        body,
      );
      setRecord(next);
      if (!pendingRef.current) setDraft(next.draft);
      setNotice(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <ErrorAlert error={loadError} title="The record could not be opened" />;
  if (!record || !draft) return <Loading />;
  const locked = record.status === 'signed';
  const day = record.appointmentStart.slice(0, 10);

  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" align="start">
        <div>
          <Title order={2}>{record.patientName}</Title>
          <Text c="dimmed" size="sm">
            {formatDateTime(record.appointmentStart)} · {record.providerName}
            {record.planName ? ` · ${record.planName}, session ${record.sessionNumber ?? '?'}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Badge size="lg" color={locked ? 'green' : 'blue'} data-testid="record-status">
            {recordStatusLabels[record.status]}
          </Badge>
          <Anchor href={`/api/treatment-records/${record.id}/pdf`} target="_blank">
            PDF summary
          </Anchor>
        </Group>
      </Group>

      {offline ? (
        <Alert color="orange" title="No connection" data-testid="offline-notice">
          What you type is kept on this tablet{pending ? ' and will be sent when the connection returns' : ''}
          .
        </Alert>
      ) : null}
      {notice ? (
        <Text size="sm" c="green" data-testid="save-notice">
          {notice}
        </Text>
      ) : null}
      {conflict ? (
        <Alert color="red" title="Changed on another device" data-testid="conflict">
          <Text size="sm">
            Someone saved this record (version {conflict.version}) after your copy was loaded. Differences:{' '}
            {changedSections(draft, conflict.draft).join(', ') || 'none'}.
          </Text>
          <Group mt="xs">
            <Button variant="default" onClick={() => accept(conflict)}>
              Use their version
            </Button>
            <Button
              onClick={() => {
                setRecord(conflict);
                recordRef.current = conflict;
                setConflict(null);
                void keepLocalDraft({
                  recordId: conflict.id,
                  baseVersion: conflict.version,
                  draft,
                  savedAt: new Date().toISOString(),
                });
              }}
            >
              Keep mine (save again)
            </Button>
          </Group>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}

      <ChecklistSection
        record={record}
        draft={draft}
        update={update}
        locked={locked}
        canOverride={can('treatment:sign')}
        onOverride={(reason) => void act('/screening-override', { reason }, 'Override recorded.')}
        onRescreen={() => void act('/screening', {}, 'Screening run again.')}
      />
      <NumbingSection draft={draft} update={update} locked={locked} day={day} />
      <DeviceSection draft={draft} update={update} locked={locked} devices={devices} today={todayIso()} />
      <ZonesSection draft={draft} update={update} locked={locked} planZones={record.planZones} />
      <TopicalsSection draft={draft} update={update} locked={locked} allowList={allowList} />
      <AfterSection draft={draft} update={update} locked={locked} />

      {!locked ? (
        <Card withBorder>
          {record.signOffIssues.length > 0 && !pending ? (
            <Stack gap={2} mb="xs">
              <Text fw={500} size="sm">
                Before signing:
              </Text>
              {record.signOffIssues.map((i) => (
                <Text key={i.path} size="sm" c="dimmed">
                  • {i.message}
                </Text>
              ))}
            </Stack>
          ) : null}
          <Group>
            <Button onClick={() => void save()} loading={busy} disabled={!pending}>
              {pending ? 'Save' : 'Saved'}
            </Button>
            {can('treatment:sign') ? (
              <Button
                color="green"
                disabled={pending || record.signOffIssues.length > 0}
                loading={busy}
                onClick={() => void act('/sign', { expectedVersion: record.version }, 'Signed and locked.')}
              >
                Sign and lock
              </Button>
            ) : null}
          </Group>
        </Card>
      ) : (
        <Card withBorder>
          <Text size="sm">
            Signed by {record.signedByName} on {record.signedAt ? formatDateTime(record.signedAt) : ''}. The
            record is locked; later changes are addenda.
          </Text>
          {record.addenda.map((a) => (
            <Text key={a.id} size="sm" mt={4}>
              <b>{formatDateTime(a.signedAt)}</b> · {a.signedByName}: {a.text}
            </Text>
          ))}
          {can('treatment:sign') ? (
            <Group align="end" mt="xs">
              <Textarea
                label="Addendum"
                value={addendum}
                onChange={(e) => setAddendum(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button
                disabled={addendum.trim() === ''}
                onClick={() =>
                  void act('/addenda', { text: addendum }, 'Addendum signed.').then(() => setAddendum(''))
                }
              >
                Sign addendum
              </Button>
            </Group>
          ) : null}
        </Card>
      )}
    </Stack>
  );
}
