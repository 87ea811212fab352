import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { OutcomeScoreDto, OwnOutcomesDto } from '@needlepoint/core/contracts/outcomes';
import type { ScaleId } from '@needlepoint/core/outcomes/scale.schema';
import { scales } from '@needlepoint/core/outcomes/scales';
import { defaultOutcomeSettings } from '@needlepoint/core/outcomes/settings';
import { withValidatedText } from '@needlepoint/core/outcomes/validated-texts';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { itemErrors, ScaleForm, type ScaleDraft } from './scale-form';
import { AreaMessages, useT } from '../../i18n/i18n';
import { useLocaleChoice } from '../../i18n/locale';
import en from '../../i18n/results/en.json';
import es from '../../i18n/results/es.json';

const resultsCatalogs = { en, es };

/** ICU select keys take no hyphen: `follow-up` is `followUp` in the messages. */
const icuTimepoint = (timepoint: string) => (timepoint === 'follow-up' ? 'followUp' : timepoint);

type OwnPlan = OwnOutcomesDto['plans'][number];

/** The patient's own scores (phone first): how the treated area looks to them, and how satisfied they are. */
export function PortalScoresPage() {
  return (
    <AreaMessages catalogs={resultsCatalogs}>
      <ScoresView />
    </AreaMessages>
  );
}

function ScoresView() {
  const t = useT();
  const own = useApiQuery(keys.outcomes.own, (signal) =>
    api.get<typeof OwnOutcomesDto>('/api/portal/outcomes', undefined, signal),
  );
  const plans = own.data?.plans.filter((p) => p.scales.length > 0) ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('results.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('results.intro')}
        </Text>
      </div>
      {own.isError ? (
        <ErrorAlert error={own.error} title={t('results.loadFailed')} onRetry={() => void own.refetch()} />
      ) : !own.data ? (
        <Loading />
      ) : plans.length === 0 ? (
        <Paper withBorder p="md" radius="md">
          <Text>{t('results.nothing')}</Text>
        </Paper>
      ) : (
        plans.map((plan) => (
          <PlanSection key={plan.planId} plan={plan} validatedTexts={own.data.validatedTexts} />
        ))
      )}
    </Stack>
  );
}

type ValidatedTexts = OwnOutcomesDto['validatedTexts'];

function PlanSection({ plan, validatedTexts }: { plan: OwnPlan; validatedTexts: ValidatedTexts }) {
  const t = useT();
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={plan.name}
      data-testid="portal-scores-plan"
    >
      <Title order={2} fz="lg">
        {plan.name}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('results.countsAs', {
          timepoint: t('results.timepoint', {
            timepoint: icuTimepoint(plan.nextTimepoint),
            session: plan.nextSessionNumber ?? '',
          }),
        })}
      </Text>
      <Stack gap="lg">
        {plan.scales.map((id) => (
          <OwnScale key={id} plan={plan} scaleId={id} validatedTexts={validatedTexts} />
        ))}
      </Stack>
    </Paper>
  );
}

function OwnScale({
  plan,
  scaleId,
  validatedTexts,
}: {
  plan: OwnPlan;
  scaleId: ScaleId;
  validatedTexts: ValidatedTexts;
}) {
  const t = useT();
  const { locale } = useLocaleChoice();
  // The clinic's licensed validated translation in the patient's language, when it has entered one (ADR 069).
  const validated = validatedTexts.find((v) => v.scaleId === scaleId && v.language === locale);
  const scale = validated ? withValidatedText(scales[scaleId], validated.texts) : scales[scaleId];
  const inEnglish = locale !== 'en' && !validated;
  const [draft, setDraft] = useState<ScaleDraft>({});
  const previous = plan.scores.filter((s) => s.scaleId === scaleId);
  const save = useApiMutation({
    mutationFn: () =>
      api.post<typeof OutcomeScoreDto>('/api/portal/outcomes', {
        planId: plan.planId,
        scaleId,
        values: Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)),
      }),
    invalidates: [keys.outcomes.own],
    onSuccess: () => {
      setDraft({});
      notifications.show({ color: 'green', message: t('results.saved') });
    },
  });
  const error = save.error;
  const saving = save.isPending;
  return (
    <Stack gap="sm" data-testid={`own-scale-${scaleId}`}>
      <Title order={3} fz="md">
        {scale.name}
      </Title>
      {previous.length > 0 ? (
        <Group gap={6}>
          {previous.map((s) => (
            <Badge key={s.id} variant="light" size="lg" radius="sm" tt="none">
              {t('results.timepoint', {
                timepoint: icuTimepoint(s.timepoint),
                session: s.sessionNumber ?? '',
              })}{' '}
              · {formatDate(s.scoredAt)}: {s.total}
            </Badge>
          ))}
        </Group>
      ) : null}
      {inEnglish ? (
        // No validated translation is stored: the items stay in the language the scale was validated in (ADR 067).
        <Text size="sm" c="dimmed" data-testid="scale-original-language">
          {t('results.originalLanguage')}
        </Text>
      ) : null}
      <div lang={inEnglish ? 'en' : undefined} data-testid="scale-items">
        <ScaleForm
          scale={scale}
          settings={defaultOutcomeSettings}
          draft={draft}
          onChange={setDraft}
          errors={error instanceof ApiError ? itemErrors(error.fields) : {}}
          forPatient
        />
      </div>
      {error ? <ErrorAlert error={error} title={t('results.notSaved')} /> : null}
      <Button onClick={() => save.mutate()} loading={saving} size="md" fullWidth>
        {t('results.send')}
      </Button>
    </Stack>
  );
}
