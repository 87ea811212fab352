import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ScreeningSettingsView } from '@needlepoint/core/contracts/screening';
import type { UpdateScreeningSettingsRequest } from '@needlepoint/core/contracts/screening';
import { severities } from '@needlepoint/core/knowledge/knowledge.schema';
import { ScreeningSettings, type ScreeningSettingKey } from '@needlepoint/core/knowledge/settings';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';

const titles: Record<ScreeningSettingKey, string> = {
  isotretinoinWaitMonths: 'Wait after isotretinoin (months)',
  topicalRetinoidHoldDays: 'Pause topical retinoids before a session (days)',
  neurotoxinIntervalDays: 'Wait after botulinum toxin (days)',
  fillerIntervalDays: 'Wait after dermal filler (days)',
  peelOrLaserIntervalDays: 'Wait after a peel or laser (days)',
  rosaceaSeverity: 'Rosacea',
  keloidSeverity: 'Keloid or raised-scar tendency',
  activeAcneSeverity: 'Active acne',
  breastfeedingSeverity: 'Breastfeeding',
  hba1cThresholdPercent: 'HbA1c counted as uncontrolled diabetes (%)',
  hba1cMaxAgeMonths: 'Oldest HbA1c still counted (months)',
  chemotherapyWindowMonths: 'Defer after chemotherapy (months)',
  radiotherapyDeferMonths: 'Defer after radiotherapy to the area (months)',
  hsvHistoryLookbackYears: 'Cold-sore history counted (years)',
  pregnancyStatusMaxAgeDays: 'Pregnancy answer valid for (days)',
  breastfeedingStatusMaxAgeDays: 'Breastfeeding answer valid for (days)',
  childbearingAgeMin: 'Ask about pregnancy from age',
  childbearingAgeMax: 'Ask about pregnancy until age',
};

const severityWords: Record<string, string> = {
  precaution: 'Precaution (treat with care)',
  review: 'Review (a provider decides)',
  clearance: 'Clearance (prescriber or specialist agrees)',
  defer: 'Defer (wait, then screen again)',
  contraindicated: 'Do not treat',
};

type Value = number | string;
type Overrides = Partial<Record<ScreeningSettingKey, Value>>;

function bounds(key: ScreeningSettingKey): { min?: number; max?: number; integer: boolean } {
  const inner = (ScreeningSettings.shape[key] as unknown as { unwrap(): unknown }).unwrap() as {
    minValue?: number | null;
    maxValue?: number | null;
    isInt?: boolean;
  };
  return {
    ...(typeof inner.minValue === 'number' ? { min: inner.minValue } : {}),
    ...(typeof inner.maxValue === 'number' ? { max: inner.maxValue } : {}),
    integer: inner.isInt ?? true,
  };
}

function show(key: ScreeningSettingKey, value: Value | undefined): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? (severityWords[value] ?? value) : String(value);
}

export function ScreeningSettingsPage() {
  return (
    <RequirePermission permission="clinic:read">
      <ScreeningSettingsLoader />
    </RequirePermission>
  );
}

function ScreeningSettingsLoader() {
  const view = useApiQuery(keys.clinic.screening, (signal) =>
    api.get<typeof ScreeningSettingsView>('/api/clinic/screening-settings', undefined, signal),
  );
  return (
    <>
      <PageHeader
        title="Screening rules"
        description="Where clinical sources disagree, screening uses the clinic’s choice. Each default and its reason is shown."
      />
      {view.isError && !view.data ? (
        <ErrorAlert
          error={view.error}
          title="Could not load the screening settings"
          onRetry={() => void view.refetch()}
        />
      ) : view.data ? (
        <SettingsForm view={view.data} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function SettingsForm({ view }: { view: ScreeningSettingsView }) {
  const editable = useSession().can('clinic:write');
  const [overrides, setOverrides] = useState<Overrides>(view.overrides as Overrides);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ScreeningSettingKey | 'reason', string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  // New screenings use the rules; the work list and each patient's screening are read again.
  const save = useApiMutation({
    mutationFn: (body: UpdateScreeningSettingsRequest) =>
      api.put<typeof ScreeningSettingsView>('/api/clinic/screening-settings', body),
    invalidates: [keys.clinic.screening, keys.screening.queue],
  });
  const busy = save.isPending;
  useEffect(() => setOverrides(view.overrides), [view]);
  const settingKeys = Object.keys(view.defaults) as ScreeningSettingKey[];
  const dirty = JSON.stringify(overrides) !== JSON.stringify(view.overrides);

  function setValue(key: ScreeningSettingKey, value: Value | undefined) {
    setOverrides((o) => {
      const next = { ...o };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (reason.trim().length < 3) next.reason = 'Say why the clinic changes these rules';
    for (const key of settingKeys) {
      const v = overrides[key];
      if (typeof v === 'number' || v === undefined) {
        const b = bounds(key);
        if (
          typeof v === 'number' &&
          ((b.min !== undefined && v < b.min) || (b.max !== undefined && v > b.max))
        )
          next[key] = `Between ${b.min} and ${b.max}`;
      }
    }
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    try {
      await save.mutateAsync({ overrides, reason: reason.trim() } as UpdateScreeningSettingsRequest);
      setReason('');
      notifications.show({ color: 'green', message: 'Screening rules saved. New screenings use them.' });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const fields: typeof errors = {};
        for (const key of [...settingKeys, 'reason' as const]) {
          const message = error.fieldError(key);
          if (message) fields[key] = message;
        }
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFormError(error);
      } else setFormError(error);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Screening rules">
      <Stack gap="md" maw={900}>
        {!editable ? (
          <Alert variant="light" color="blue" data-testid="settings-read-only">
            Only the clinic owner can change these rules.
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          Settings version {view.version} · knowledge version {view.knowledgeVersion}
          {view.changedAt
            ? ` · last changed ${formatDateTime(view.changedAt)}${view.changedByName ? ` by ${view.changedByName}` : ''}`
            : ' · clinic uses the defaults'}
          {view.reason ? ` · reason: “${view.reason}”` : ''}
        </Text>
        {formError ? <ErrorAlert error={formError} title="Rules not saved" /> : null}
        {settingKeys.map((key) => {
          const doc = view.docs[key];
          const defaultValue = view.defaults[key] as Value;
          const overridden = overrides[key] !== undefined;
          const current = overrides[key] ?? defaultValue;
          const b = bounds(key);
          const inputId = `setting-${key}`;
          return (
            <Paper
              key={key}
              withBorder
              radius="md"
              p={{ base: 'sm', sm: 'md' }}
              component="section"
              aria-labelledby={`${inputId}-title`}
            >
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" align="flex-start">
                  <Title order={2} fz="md" id={`${inputId}-title`}>
                    {titles[key] ?? key}
                  </Title>
                  <Badge variant="light" color={overridden ? 'grape' : 'gray'}>
                    {overridden ? 'Clinic’s own value' : 'Default'}
                  </Badge>
                </Group>
                {doc ? <Text size="sm">{doc.description}</Text> : null}
                <Text size="sm">
                  <Text span fw={600}>
                    Default: {show(key, defaultValue)}.{' '}
                  </Text>
                  {doc?.whyThisDefault}
                  {doc && doc.sources.length > 0 ? (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (sources {doc.sources.join(', ')})
                    </Text>
                  ) : null}
                </Text>
                <Group gap="sm" align="flex-end">
                  {typeof defaultValue === 'string' ? (
                    <NativeSelect
                      id={inputId}
                      label="Clinic value"
                      value={String(current)}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setValue(key, v === defaultValue && !overridden ? undefined : v);
                      }}
                      data={severities.map((s) => ({ value: s, label: severityWords[s] ?? s }))}
                      disabled={!editable}
                      error={errors[key]}
                      w={{ base: '100%', xs: 360 }}
                    />
                  ) : (
                    <NumberInput
                      id={inputId}
                      label="Clinic value"
                      value={current}
                      onChange={(v) => setValue(key, typeof v === 'number' ? v : undefined)}
                      {...(b.min !== undefined ? { min: b.min } : {})}
                      {...(b.max !== undefined ? { max: b.max } : {})}
                      allowDecimal={!b.integer}
                      readOnly={!editable}
                      variant={editable ? 'default' : 'filled'}
                      error={errors[key]}
                      w={180}
                    />
                  )}
                  {editable && overridden ? (
                    <Button variant="subtle" onClick={() => setValue(key, undefined)}>
                      Use the default
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Paper>
          );
        })}
        {editable ? (
          <Paper withBorder radius="md" p="md" style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
            <Stack gap="sm">
              <Textarea
                label="Reason for the change"
                description="Kept with the settings version; every screening records which version it used."
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
                autosize
                minRows={1}
                required
              />
              <Group justify="flex-end" gap="sm">
                <Button
                  variant="default"
                  disabled={!dirty || busy}
                  onClick={() => setOverrides(view.overrides)}
                >
                  Undo changes
                </Button>
                <Button type="submit" loading={busy} disabled={!dirty}>
                  Save rules
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : null}
      </Stack>
    </form>
  );
}
