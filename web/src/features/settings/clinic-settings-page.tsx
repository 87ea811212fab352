import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClinicSettings } from '@needlepoint/core/contracts/clinic';
import type { UpdateClinicSettingsRequest } from '@needlepoint/core/contracts/clinic';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { useApiMutation } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useClinicSettings } from '../staff-shared';
import { RequirePermission } from '../shell/require-permission';
import { ValidatedScaleTextsSection } from './validated-scale-texts-section';

type Field =
  | 'name'
  | 'timeZone'
  | 'phone'
  | 'email'
  | 'address'
  | 'sessionTimeoutMinutes'
  | 'sessionLifetimeHours'
  | 'rescheduleNoticeHours';
type Values = Pick<ClinicSettings, Field>;

export function ClinicSettingsPage() {
  return (
    <RequirePermission permission="clinic:read">
      <ClinicSettingsView />
    </RequirePermission>
  );
}

function ClinicSettingsView() {
  const settings = useClinicSettings();
  return (
    <>
      <PageHeader title="Clinic settings" description="How the clinic appears to staff and patients." />
      {settings.isError && !settings.data ? (
        <ErrorAlert
          error={settings.error}
          title="Could not load the settings"
          onRetry={() => void settings.refetch()}
        />
      ) : settings.data ? (
        <SettingsForm settings={settings.data} />
      ) : (
        <Loading />
      )}
      <ValidatedScaleTextsSection />
    </>
  );
}

function valuesOf(s: ClinicSettings): Values {
  return {
    name: s.name,
    timeZone: s.timeZone,
    phone: s.phone,
    email: s.email,
    address: s.address,
    sessionTimeoutMinutes: s.sessionTimeoutMinutes,
    sessionLifetimeHours: s.sessionLifetimeHours,
    rescheduleNoticeHours: s.rescheduleNoticeHours,
  };
}

function SettingsForm({ settings }: { settings: ClinicSettings }) {
  const session = useSession();
  const editable = session.can('clinic:write');
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  // The time zone and booking rules are read by the schedule, Today and the audit log: all read again.
  const save = useApiMutation({
    mutationFn: (body: UpdateClinicSettingsRequest) =>
      api.put<typeof ClinicSettings>('/api/clinic/settings', body),
    invalidates: [keys.clinic.all, keys.schedule.all, keys.audit.all],
  });
  useEffect(() => setValues(valuesOf(settings)), [settings]);

  const timeZones = useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes(settings.timeZone) ? zones : [settings.timeZone, ...zones];
  }, [settings.timeZone]);

  const original = valuesOf(settings);
  const changes: UpdateClinicSettingsRequest = {};
  for (const key of Object.keys(values) as Field[]) {
    if (values[key] !== original[key]) Object.assign(changes, { [key]: values[key] });
  }
  const dirty = Object.keys(changes).length > 0;

  function set<K extends Field>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) next.name = 'Enter the clinic name';
    const minutes = values.sessionTimeoutMinutes;
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) {
      next.sessionTimeoutMinutes = 'Between 5 and 1440 minutes';
    }
    const hours = values.sessionLifetimeHours;
    if (!Number.isInteger(hours) || hours < 1 || hours > 720) {
      next.sessionLifetimeHours = 'Between 1 and 720 hours';
    }
    const notice = values.rescheduleNoticeHours;
    if (!Number.isInteger(notice) || notice < 0 || notice > 336) {
      next.rescheduleNoticeHours = 'Between 0 and 336 hours';
    }
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0 || !dirty) return;
    try {
      await save.mutateAsync(changes);
      notifications.show({ color: 'green', message: 'Clinic settings saved.' });
      if (changes.name !== undefined) await session.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const fields: Partial<Record<Field, string>> = {};
        for (const key of Object.keys(values) as Field[]) {
          const message = error.fieldError(key);
          if (message)
            fields[key] = key === 'email' ? 'Enter a valid email address, or leave it empty' : message;
        }
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error);
      } else {
        setFormError(error);
      }
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={760}>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Clinic settings">
        <Stack gap="md">
          {!editable ? (
            <Alert variant="light" color="blue" data-testid="settings-read-only">
              Only the clinic owner can change these settings.
            </Alert>
          ) : null}
          {formError ? <ErrorAlert error={formError} title="Settings not saved" /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Clinic name"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              required={editable}
              readOnly={!editable}
              variant={editable ? 'default' : 'filled'}
            />
            <Select
              label="Time zone"
              description="Appointments and the audit log use this time."
              data={timeZones}
              value={values.timeZone}
              onChange={(zone) => zone && set('timeZone', zone)}
              error={errors.timeZone}
              searchable
              allowDeselect={false}
              readOnly={!editable}
              variant={editable ? 'default' : 'filled'}
              nothingFoundMessage="No time zone with that name"
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              label="Phone"
              type="tel"
              value={values.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.phone}
              readOnly={!editable}
              variant={editable ? 'default' : 'filled'}
            />
            <TextInput
              label="Email"
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
              readOnly={!editable}
              variant={editable ? 'default' : 'filled'}
            />
          </SimpleGrid>
          <Textarea
            label="Address"
            autosize
            minRows={2}
            value={values.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={errors.address}
            readOnly={!editable}
            variant={editable ? 'default' : 'filled'}
          />
          <NumberInput
            label="Sign out after inactivity (minutes)"
            description="Staff and patients are signed out after this many minutes without activity."
            min={5}
            max={1440}
            allowDecimal={false}
            value={values.sessionTimeoutMinutes}
            onChange={(v) => set('sessionTimeoutMinutes', typeof v === 'number' ? v : Number.NaN)}
            error={errors.sessionTimeoutMinutes}
            readOnly={!editable}
            variant={editable ? 'default' : 'filled'}
            maw={320}
          />
          <NumberInput
            label="Sign out after (hours), however active"
            description="Every session ends this many hours after signing in; then sign in again."
            min={1}
            max={720}
            allowDecimal={false}
            value={values.sessionLifetimeHours}
            onChange={(v) => set('sessionLifetimeHours', typeof v === 'number' ? v : Number.NaN)}
            error={errors.sessionLifetimeHours}
            readOnly={!editable}
            variant={editable ? 'default' : 'filled'}
            maw={320}
          />
          <NumberInput
            label="Patients may move a session online until (hours before it)"
            description="Closer to the session, the portal asks them to call the clinic."
            min={0}
            max={336}
            allowDecimal={false}
            value={values.rescheduleNoticeHours}
            onChange={(v) => set('rescheduleNoticeHours', typeof v === 'number' ? v : Number.NaN)}
            error={errors.rescheduleNoticeHours}
            readOnly={!editable}
            variant={editable ? 'default' : 'filled'}
            maw={320}
          />
          {editable ? (
            <Group justify="space-between" gap="sm">
              <span style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>
                Last changed {formatDateTime(settings.updatedAt, settings.timeZone)}
              </span>
              <Group gap="sm">
                <Button
                  variant="default"
                  disabled={!dirty || save.isPending}
                  onClick={() => setValues(original)}
                >
                  Undo changes
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!dirty}>
                  Save settings
                </Button>
              </Group>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
