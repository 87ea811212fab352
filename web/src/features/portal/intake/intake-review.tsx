import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../../lib/format';
import { useT, type MessageKey } from '../../../i18n/i18n';
import {
  allergyQuestions,
  areaLabels,
  concernLabels,
  healthQuestions,
  pregnancyQuestions,
  sexOptions,
  skinQuestions,
  skinTypeOptions,
  treatmentLabels,
  vitiligoQuestion,
  yesNoText,
  type Question,
} from './intake-labels';
import { steps, stepOfPath, type IntakeDraft, type Problems, type StepId } from './intake-model';
import { answerAt } from './step-questions';

/** One answer; `null` when it is missing (shown in red). */
function Row({ label, value }: { label: string; value: string | null }) {
  const t = useT();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={value === null ? 600 : 400} c={value === null ? 'red.8' : undefined}>
        {value ?? t('intake.review.notAnswered')}
      </Text>
    </div>
  );
}

type T = ReturnType<typeof useT>;

const yesNoRows = (t: T, draft: IntakeDraft, questions: Question[]) =>
  questions
    .filter((q) => q.path !== 'pregnancy.planningPregnancy' || answerAt(draft, q.path))
    .map((q) => {
      const value = answerAt(draft, q.path);
      return <Row key={q.path} label={t(q.label)} value={value ? t(yesNoText[value]) : null} />;
    });

const listText = (t: T, answer: string | undefined, none: MessageKey, items: string[]) =>
  answer === 'listed'
    ? items.length
      ? items.join('; ')
      : null
    : answer === 'none'
      ? t(none)
      : answer === 'unknown'
        ? t('intake.notSure')
        : null;

/** Every answer, step by step, with a way back to change it. */
export function ReviewSummary({
  draft,
  problems,
  onEdit,
}: {
  draft: IntakeDraft;
  problems: Problems;
  onEdit: (step: StepId) => void;
}) {
  const t = useT();
  const labelOf = <V extends string>(options: { value: V; label: MessageKey }[], value: V | undefined) => {
    const label = options.find((o) => o.value === value)?.label;
    return label ? t(label) : null;
  };
  const sections: Partial<Record<StepId, React.ReactNode>> = {
    about: (
      <>
        <Row label={t('intake.about.sex')} value={labelOf(sexOptions, draft.patient.sexAtBirth)} />
        <Row
          label={t('intake.review.skinType')}
          value={labelOf(skinTypeOptions, draft.patient.fitzpatrick)}
        />
      </>
    ),
    concerns: (
      <>
        <Row
          label={t('intake.review.improve')}
          value={
            draft.concerns.map((c) => t(concernLabels[c])).join(', ') || t('intake.review.nothingChosen')
          }
        />
        <Row
          label={t('intake.review.areas')}
          value={
            draft.requestedAreas.map((a) => t(areaLabels[a])).join(', ') || t('intake.review.nothingChosen')
          }
        />
      </>
    ),
    pregnancy: yesNoRows(t, draft, pregnancyQuestions),
    skin: (
      <>
        {yesNoRows(t, draft, skinQuestions)}
        {draft.skin.sunburnOrTan === 'yes' && draft.skin.sunburnOrTanDate ? (
          <Row label={t('intake.review.sunburnDate')} value={formatDate(draft.skin.sunburnOrTanDate)} />
        ) : null}
        {draft.concerns.includes('vitiligo') ? yesNoRows(t, draft, [vitiligoQuestion]) : null}
      </>
    ),
    health: yesNoRows(t, draft, healthQuestions),
    medications: (
      <Row
        label={t('intake.review.medicines')}
        value={listText(
          t,
          draft.medications.answer,
          'intake.list.medications.none',
          draft.medications.items.map((m) => {
            const name = m.name || t('intake.review.noName');
            if (m.status === 'stopped') return t('intake.review.medicineStopped', { name });
            if (m.status === 'current') return t('intake.review.medicineCurrent', { name });
            return name;
          }),
        )}
      />
    ),
    conditions: (
      <Row
        label={t('intake.review.conditions')}
        value={listText(
          t,
          draft.conditions.answer,
          'intake.list.conditions.none',
          draft.conditions.items.map((c) => {
            const name = c.name || t('intake.review.noName');
            return c.status === 'past' ? t('intake.review.conditionPast', { name }) : name;
          }),
        )}
      />
    ),
    allergies: (
      <>
        {yesNoRows(t, draft, allergyQuestions)}
        <Row
          label={t('intake.review.otherAllergies')}
          value={listText(
            t,
            draft.allergies.answer,
            'intake.list.allergies.none',
            draft.allergies.items.map((a) => a.substance || t('intake.review.notNamed')),
          )}
        />
      </>
    ),
    treatments: (
      <Row
        label={t('intake.review.treatments')}
        value={listText(
          t,
          draft.recentTreatments.answer,
          'intake.list.treatments.none',
          draft.recentTreatments.items.map(
            (r) =>
              `${r.type ? t(treatmentLabels[r.type]) : t('intake.review.kindNotChosen')}${r.date ? `, ${r.date}` : ''}`,
          ),
        )}
      />
    ),
  };
  const stepsWithProblems = new Set(Object.keys(problems).map(stepOfPath));
  return (
    <Stack gap="md">
      <Text>{t('intake.review.intro')}</Text>
      {steps
        .filter((s) => s.id !== 'review')
        .map((s) => (
          <Paper
            key={s.id}
            withBorder
            p="md"
            radius="md"
            component="section"
            aria-labelledby={`review-${s.id}`}
            style={stepsWithProblems.has(s.id) ? { borderColor: 'var(--mantine-color-red-7)' } : undefined}
          >
            <Group justify="space-between" wrap="nowrap" mb="xs">
              <Title order={2} fz="md" id={`review-${s.id}`}>
                {t(s.title)}
              </Title>
              <Button
                variant="subtle"
                size="sm"
                onClick={() => onEdit(s.id)}
                aria-label={t('intake.review.changeStep', { step: t(s.title) })}
              >
                {t('intake.review.change')}
              </Button>
            </Group>
            <Stack gap="xs">{sections[s.id]}</Stack>
          </Paper>
        ))}
    </Stack>
  );
}
