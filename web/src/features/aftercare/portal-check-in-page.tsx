import {
  Button,
  Checkbox,
  Chip,
  Group,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  rednessTrends,
  swellingLevels,
  symptomFlags,
  type RednessTrend,
  type SwellingLevel,
  type SymptomFlag,
} from '@needlepoint/core/aftercare/check-in';
import { symptomGroups } from '@needlepoint/core/aftercare/questions';
import type { CheckInDto, PortalAftercare } from '@needlepoint/core/contracts/aftercare';
import type { MessageKey } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { AreaMessages, useT } from '../../i18n/i18n';
import en from '../../i18n/check-in/en.json';
import es from '../../i18n/check-in/es.json';
import { TriageAdvice } from './triage-advice';
import { UrgencyBadge } from './urgency';

export const checkInCatalogs = { en, es };

/** The patient's symptom check-in: a short phone form, the advice shown at once. */
export function PortalCheckInPage() {
  return (
    <AreaMessages catalogs={checkInCatalogs}>
      <CheckInPage />
    </AreaMessages>
  );
}

function CheckInPage() {
  const t = useT();
  const state = useApiQuery(keys.aftercare.portal, (signal) =>
    api.get<typeof PortalAftercare>('/api/portal/check-ins', undefined, signal),
  );
  const [result, setResult] = useState<CheckInDto | null>(null);
  const invalidate = useInvalidate();

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('checkIn.title')}
        </Title>
        {state.data?.treatment ? (
          <Text c="dimmed" mt={4} data-testid="check-in-day">
            {t('checkIn.day', {
              day: state.data.treatment.daysSinceTreatment,
              date: formatDateTime(state.data.treatment.startsAt),
            })}
          </Text>
        ) : null}
      </div>
      {state.isError ? (
        <ErrorAlert
          error={state.error}
          title={t('checkIn.loadFailed')}
          onRetry={() => void state.refetch()}
        />
      ) : null}
      {state.isPending ? <Loading /> : null}
      {state.data && !state.data.treatment ? (
        <Paper withBorder radius="md" p="md">
          <Text>{t('checkIn.notYet')}</Text>
        </Paper>
      ) : null}
      {result ? (
        <Stack gap="md">
          <TriageAdvice triage={result.triage} />
          <Text size="sm" c="dimmed">
            {t('checkIn.sent')}
          </Text>
          <Button
            variant="default"
            onClick={() => {
              setResult(null);
              void state.refetch();
            }}
          >
            {t('checkIn.again')}
          </Button>
        </Stack>
      ) : state.data?.treatment ? (
        <CheckInForm
          appointmentId={state.data.treatment.appointmentId}
          day={state.data.treatment.daysSinceTreatment}
          painDay1={
            state.data.checkIns.find(
              (c) => c.appointmentId === state.data?.treatment?.appointmentId && c.daysSinceTreatment === 1,
            )?.answers.painNow ?? null
          }
          onDone={(sent) => {
            setResult(sent);
            // The home page's card and timeline no longer ask for this check-in.
            invalidate(keys.aftercare.portal);
          }}
        />
      ) : null}
      {state.data && state.data.checkIns.length > 0 ? (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="earlier">
          <Title order={2} fz="lg" id="earlier" mb="xs">
            {t('checkIn.history')}
          </Title>
          <Stack gap="xs">
            {state.data.checkIns.map((c) => (
              <Group key={c.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {t('checkIn.historyRow', {
                    day: c.daysSinceTreatment,
                    date: formatDateTime(c.submittedAt),
                  })}
                </Text>
                <UrgencyBadge
                  urgency={c.triage.urgency}
                  size="sm"
                  label={t(`triage.urgency.${c.triage.urgency}`)}
                />
              </Group>
            ))}
          </Stack>
        </Paper>
      ) : null}
      <AnchorLink to="/portal" size="sm">
        {t('common.backHome')}
      </AnchorLink>
    </Stack>
  );
}

const painScores = Array.from({ length: 11 }, (_, i) => String(i));

function CheckInForm({
  appointmentId,
  day,
  painDay1: knownPainDay1,
  onDone,
}: {
  appointmentId: string;
  day: number;
  painDay1: number | null;
  onDone: (result: CheckInDto) => void;
}) {
  const t = useT();
  const [flags, setFlags] = useState<Record<SymptomFlag, boolean>>(
    () => Object.fromEntries(symptomFlags.map((f) => [f, false])) as Record<SymptomFlag, boolean>,
  );
  const [trend, setTrend] = useState<RednessTrend | null>(null);
  const [swelling, setSwelling] = useState<SwellingLevel | null>(null);
  const [painNow, setPainNow] = useState<string | null>(null);
  const [painDay1, setPainDay1] = useState<string | null>(
    knownPainDay1 === null ? null : String(knownPainDay1),
  );
  const [temperature, setTemperature] = useState<number | string>('');
  const [notes, setNotes] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const askTrend = day >= 1;
  const askPainDay1 = day >= 2;

  // An urgent sign is sent at once: the advice matters more than the remaining answers.
  const urgentSign = symptomGroups.slice(0, 2).some((group) => group.flags.some((flag) => flags[flag]));
  const missing = urgentSign
    ? []
    : [
        ...(askTrend && !trend ? ['trend'] : []),
        ...(!swelling ? ['swelling'] : []),
        ...(painNow === null ? ['painNow'] : []),
        ...(askPainDay1 && painDay1 === null ? ['painDay1'] : []),
      ];

  async function submit() {
    setAttempted(true);
    if (missing.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<typeof CheckInDto>('/api/portal/check-ins', {
        appointmentId,
        ...flags,
        ...(trend ? { rednessTrend: trend } : {}),
        swelling,
        painNow: painNow === null ? null : Number(painNow),
        ...(painDay1 !== null ? { painDay1: Number(painDay1) } : {}),
        temperatureC: typeof temperature === 'number' ? temperature : null,
        notes: notes.trim() || null,
      });
      onDone(result);
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const needed = (key: string) => (attempted && missing.includes(key) ? t('common.chooseOne') : undefined);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      data-testid="check-in-form"
    >
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="lg">
            {t('checkIn.tick')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('checkIn.tickHint')}
          </Text>
          <Stack gap="md">
            {symptomGroups.map((group) => (
              <fieldset key={group.id} style={{ border: 0, margin: 0, padding: 0 }}>
                <Text component="legend" fw={600} size="sm" mb={6}>
                  {t(`checkIn.group.${group.id}` as MessageKey)}
                </Text>
                <Stack gap={10}>
                  {group.flags.map((flag) => (
                    <Checkbox
                      key={flag}
                      size="md"
                      label={t(`checkIn.flag.${flag}`)}
                      checked={flags[flag]}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        setFlags((f) => ({ ...f, [flag]: checked }));
                      }}
                      data-testid={`flag-${flag}`}
                    />
                  ))}
                </Stack>
              </fieldset>
            ))}
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Stack gap="lg">
            {askTrend ? (
              <Radio.Group
                label={t('checkIn.trend.label')}
                value={trend ?? ''}
                onChange={(v) => setTrend(v as RednessTrend)}
                error={needed('trend')}
                data-testid="redness-trend"
              >
                <Stack gap={10} mt={6}>
                  {rednessTrends.map((trend) => (
                    <Radio key={trend} size="md" value={trend} label={t(`checkIn.trend.${trend}`)} />
                  ))}
                </Stack>
              </Radio.Group>
            ) : null}
            <Radio.Group
              label={t('checkIn.swelling.label')}
              value={swelling ?? ''}
              onChange={(v) => setSwelling(v as SwellingLevel)}
              error={needed('swelling')}
              data-testid="swelling"
            >
              <Group gap="md" mt={6}>
                {swellingLevels.map((s) => (
                  <Radio key={s} size="md" value={s} label={t(`checkIn.swelling.${s}`)} />
                ))}
              </Group>
            </Radio.Group>
            <PainScale
              label={t('checkIn.painNow')}
              value={painNow}
              onChange={setPainNow}
              error={needed('painNow')}
              testId="pain-now"
            />
            {askPainDay1 ? (
              <PainScale
                label={t('checkIn.painDay1')}
                value={painDay1}
                onChange={setPainDay1}
                error={needed('painDay1')}
                testId="pain-day1"
              />
            ) : null}
            <NumberInput
              label={t('checkIn.temperature')}
              description={t('checkIn.temperatureHint')}
              value={temperature}
              onChange={setTemperature}
              min={30}
              max={45}
              step={0.1}
              decimalScale={1}
              inputMode="decimal"
              data-testid="temperature"
            />
            <Textarea
              label={t('checkIn.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
            />
          </Stack>
        </Paper>
        {attempted && missing.length > 0 ? (
          <Text c="red.8" size="sm" role="alert">
            {t('checkIn.answerMarked')}
          </Text>
        ) : null}
        {error ? <ErrorAlert error={error} title={t('checkIn.sendFailed')} /> : null}
        <Button type="submit" size="lg" loading={busy} data-testid="check-in-submit">
          {t('checkIn.send')}
        </Button>
      </Stack>
    </form>
  );
}

function PainScale({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string | null;
  onChange: (v: string) => void;
  error: string | undefined;
  testId: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} data-testid={testId}>
      <Text size="sm" fw={500} mb={6}>
        {label}
      </Text>
      <Chip.Group multiple={false} value={value ?? ''} onChange={(v) => onChange(v)}>
        <Group gap={6}>
          {painScores.map((score) => (
            <Chip key={score} value={score} size="md" radius="sm">
              {score}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error ? (
        <Text c="red.8" size="xs" mt={4}>
          {error}
        </Text>
      ) : null}
    </div>
  );
}
