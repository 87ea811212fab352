import { Paper, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useT } from '../../../i18n/i18n';
import { ChoiceGroup, CheckGroup } from './choices';
import {
  areaOptions,
  concernLabels,
  healthQuestions,
  pregnancyQuestions,
  sexOptions,
  skinQuestions,
  skinTypeOptions,
  vitiligoQuestion,
} from './intake-labels';
import type { Concern } from './intake-model';
import { Questions, type StepProps } from './step-questions';

export function AboutStep({ draft, update, problems }: StepProps) {
  const t = useT();
  return (
    <>
      <ChoiceGroup
        path="patient.sexAtBirth"
        legend={t('intake.about.sex')}
        description={t('intake.about.sex.description')}
        options={sexOptions}
        columns={2}
        value={draft.patient.sexAtBirth}
        onChange={(sexAtBirth) => update((d) => ({ ...d, patient: { ...d.patient, sexAtBirth } }))}
        error={problems['patient.sexAtBirth']}
      />
      <ChoiceGroup
        path="patient.fitzpatrick"
        legend={t('intake.about.skin')}
        description={t('intake.about.skin.description')}
        options={skinTypeOptions}
        value={draft.patient.fitzpatrick}
        onChange={(fitzpatrick) => update((d) => ({ ...d, patient: { ...d.patient, fitzpatrick } }))}
        error={problems['patient.fitzpatrick']}
      />
    </>
  );
}

export function ConcernsStep({ draft, update, problems }: StepProps) {
  const t = useT();
  const concerns = Object.entries(concernLabels).map(([value, label]) => ({
    value: value as Concern,
    label,
  }));
  return (
    <>
      <CheckGroup
        path="concerns"
        legend={t('intake.concerns.improve')}
        description={t('intake.concerns.chooseAll')}
        options={concerns}
        value={draft.concerns}
        onChange={(value) => update((d) => ({ ...d, concerns: value }))}
        error={problems.concerns}
      />
      {draft.concerns.includes('other') ? (
        <Textarea
          label={t('intake.concerns.otherNotes')}
          size="md"
          autosize
          minRows={2}
          value={draft.concernNotes ?? ''}
          onChange={(e) => {
            const concernNotes = e.currentTarget.value;
            update((d) => ({ ...d, concernNotes }));
          }}
        />
      ) : null}
      <CheckGroup
        path="requestedAreas"
        legend={t('intake.concerns.areas')}
        description={t('intake.concerns.chooseAll')}
        options={areaOptions}
        columns={2}
        value={draft.requestedAreas}
        onChange={(value) => update((d) => ({ ...d, requestedAreas: value }))}
        error={problems.requestedAreas}
      />
    </>
  );
}

export function PregnancyStep(props: StepProps) {
  return <Questions {...props} questions={pregnancyQuestions} />;
}

export function SkinStep(props: StepProps) {
  const { draft, update, problems } = props;
  const t = useT();
  return (
    <>
      <Questions {...props} questions={skinQuestions} />
      {draft.skin.sunburnOrTan === 'yes' ? (
        <TextInput
          type="date"
          size="md"
          label={t('intake.skin.sunburnDate')}
          value={draft.skin.sunburnOrTanDate ?? ''}
          onChange={(e) => {
            const sunburnOrTanDate = e.currentTarget.value;
            update((d) => ({ ...d, skin: { ...d.skin, sunburnOrTanDate } }));
          }}
          error={problems['skin.sunburnOrTanDate']}
          data-path="skin.sunburnOrTanDate"
        />
      ) : null}
      {draft.concerns.includes('vitiligo') ? <Questions {...props} questions={[vitiligoQuestion]} /> : null}
    </>
  );
}

export function HealthStep(props: StepProps) {
  const { draft, update, problems } = props;
  const t = useT();
  return (
    <>
      <Questions {...props} questions={healthQuestions} />
      {draft.health.diabetes === 'yes' ? (
        <Paper withBorder p="md" radius="md" bg="gray.0">
          <Stack gap="sm">
            <Text fw={600}>{t('intake.health.hba1c.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('intake.health.hba1c.help')}
            </Text>
            <TextInput
              size="md"
              label={t('intake.health.hba1c.result')}
              inputMode="decimal"
              value={draft.health.hba1cPercent ?? ''}
              onChange={(e) => {
                const hba1cPercent = e.currentTarget.value;
                update((d) => ({ ...d, health: { ...d.health, hba1cPercent } }));
              }}
              error={problems['health.latestHba1c.percent'] ?? problems['health.latestHba1c']}
              data-path="health.latestHba1c.percent"
            />
            <TextInput
              size="md"
              type="date"
              label={t('intake.health.hba1c.date')}
              value={draft.health.hba1cDate ?? ''}
              onChange={(e) => {
                const hba1cDate = e.currentTarget.value;
                update((d) => ({ ...d, health: { ...d.health, hba1cDate } }));
              }}
              error={problems['health.latestHba1c.date']}
              data-path="health.latestHba1c.date"
            />
          </Stack>
        </Paper>
      ) : null}
    </>
  );
}
