import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../../lib/format';
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
import { answerAt } from './intake-steps';

const notAnswered = 'Not answered';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={value === notAnswered ? 600 : 400} c={value === notAnswered ? 'red.8' : undefined}>
        {value}
      </Text>
    </div>
  );
}

const yesNoRows = (draft: IntakeDraft, questions: Question[]) =>
  questions
    .filter((q) => q.path !== 'pregnancy.planningPregnancy' || answerAt(draft, q.path))
    .map((q) => {
      const value = answerAt(draft, q.path);
      return <Row key={q.path} label={q.label} value={value ? yesNoText[value] : notAnswered} />;
    });

const listText = (answer: string | undefined, none: string, items: string[]) =>
  answer === 'listed'
    ? items.length
      ? items.join('; ')
      : notAnswered
    : answer === 'none'
      ? none
      : answer === 'unknown'
        ? 'Not sure'
        : notAnswered;

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
  const sections: Partial<Record<StepId, React.ReactNode>> = {
    about: (
      <>
        <Row
          label="Sex recorded at birth"
          value={sexOptions.find((o) => o.value === draft.patient.sexAtBirth)?.label ?? notAnswered}
        />
        <Row
          label="Skin type"
          value={skinTypeOptions.find((o) => o.value === draft.patient.fitzpatrick)?.label ?? notAnswered}
        />
      </>
    ),
    concerns: (
      <>
        <Row
          label="What you would like to improve"
          value={draft.concerns.map((c) => concernLabels[c]).join(', ') || 'Nothing chosen'}
        />
        <Row
          label="Areas"
          value={draft.requestedAreas.map((a) => areaLabels[a]).join(', ') || 'Nothing chosen'}
        />
      </>
    ),
    pregnancy: yesNoRows(draft, pregnancyQuestions),
    skin: (
      <>
        {yesNoRows(draft, skinQuestions)}
        {draft.skin.sunburnOrTan === 'yes' && draft.skin.sunburnOrTanDate ? (
          <Row label="Date of sunburn or tan" value={formatDate(draft.skin.sunburnOrTanDate)} />
        ) : null}
        {draft.concerns.includes('vitiligo') ? yesNoRows(draft, [vitiligoQuestion]) : null}
      </>
    ),
    health: yesNoRows(draft, healthQuestions),
    medications: (
      <Row
        label="Medicines"
        value={listText(
          draft.medications.answer,
          'I take no medicines',
          draft.medications.items.map(
            (m) =>
              `${m.name || '(no name)'}${m.status === 'stopped' ? ' (stopped)' : m.status === 'current' ? ' (taking now)' : ''}`,
          ),
        )}
      />
    ),
    conditions: (
      <Row
        label="Health conditions"
        value={listText(
          draft.conditions.answer,
          'No health conditions',
          draft.conditions.items.map(
            (c) => `${c.name || '(no name)'}${c.status === 'past' ? ' (past)' : ''}`,
          ),
        )}
      />
    ),
    allergies: (
      <>
        {yesNoRows(draft, allergyQuestions)}
        <Row
          label="Other allergies"
          value={listText(
            draft.allergies.answer,
            'No allergies',
            draft.allergies.items.map((a) => a.substance || '(not named)'),
          )}
        />
      </>
    ),
    treatments: (
      <Row
        label="Treatments"
        value={listText(
          draft.recentTreatments.answer,
          'No treatments',
          draft.recentTreatments.items.map(
            (t) => `${t.type ? treatmentLabels[t.type] : '(kind not chosen)'}${t.date ? `, ${t.date}` : ''}`,
          ),
        )}
      />
    ),
  };
  const stepsWithProblems = new Set(Object.keys(problems).map(stepOfPath));
  return (
    <Stack gap="md">
      <Text>Please check your answers. You can change anything before you send it.</Text>
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
                {s.title}
              </Title>
              <Button
                variant="subtle"
                size="sm"
                onClick={() => onEdit(s.id)}
                aria-label={`Change: ${s.title}`}
              >
                Change
              </Button>
            </Group>
            <Stack gap="xs">{sections[s.id]}</Stack>
          </Paper>
        ))}
    </Stack>
  );
}
