import { useEffect, useState } from 'react';
import {
  Autocomplete,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { z } from 'zod';
import type { DrugSuggestions } from '@needlepoint/core/contracts/portal';
import { areas, type Area } from '@needlepoint/core/knowledge/knowledge.schema';
import { api } from '../../../lib/api';
import { useT, type MessageKey } from '../../../i18n/i18n';
import { ChoiceGroup, CheckGroup, YesNoQuestion } from './choices';
import {
  allergyQuestions,
  areaLabels,
  concernLabels,
  healthQuestions,
  listQuestions,
  pregnancyQuestions,
  sexOptions,
  skinQuestions,
  skinTypeOptions,
  treatmentLabels,
  vitiligoQuestion,
  type Question,
} from './intake-labels';
import type {
  AllergyDraft,
  Concern,
  ConditionDraft,
  IntakeDraft,
  MedicationDraft,
  TreatmentDraft,
  TreatmentType,
  YesNo,
} from './intake-model';

export interface StepProps {
  draft: IntakeDraft;
  update: (change: (draft: IntakeDraft) => IntakeDraft) => void;
  /** Problems by record path, in the patient's language. */
  problems: Record<string, string>;
}

const areaOptions = areas.map((value) => ({ value, label: areaLabels[value] }));

type Section = 'pregnancy' | 'skin' | 'health';

export function answerAt(draft: IntakeDraft, path: string): YesNo | undefined {
  const [section, key] = path.split('.') as [Section, string];
  return (draft[section] as Record<string, YesNo | undefined>)[key];
}

function withAnswer(draft: IntakeDraft, path: string, value: YesNo): IntakeDraft {
  const [section, key] = path.split('.') as [Section, string];
  return { ...draft, [section]: { ...draft[section], [key]: value } };
}

function Questions({ questions, draft, update, problems }: StepProps & { questions: Question[] }) {
  const t = useT();
  return (
    <>
      {questions.map((q) => (
        <YesNoQuestion
          key={q.path}
          path={q.path}
          legend={t(q.label)}
          description={q.description ? t(q.description) : undefined}
          value={answerAt(draft, q.path)}
          onChange={(value) => update((d) => withAnswer(d, q.path, value))}
          error={problems[q.path]}
        />
      ))}
    </>
  );
}

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

type ListKey = 'medications' | 'conditions' | 'allergies' | 'recentTreatments';

/** "Do you have any…?" with the rows below when the answer is yes. */
function ListStep<T>({
  list,
  draft,
  update,
  problems,
  blank,
  addLabel,
  itemTitle,
  renderItem,
}: StepProps & {
  list: ListKey;
  blank: () => T;
  addLabel: MessageKey;
  itemTitle: MessageKey;
  renderItem: (item: T, index: number, change: (item: T) => void) => React.ReactNode;
}) {
  const t = useT();
  const q = listQuestions[list];
  const titleOf = (index: number) => t(itemTitle, { number: index + 1 });
  const current = draft[list] as { answer?: IntakeDraft[ListKey]['answer']; items: T[] };
  const set = (next: { answer?: IntakeDraft[ListKey]['answer']; items: T[] }) =>
    update((d) => ({ ...d, [list]: next }));
  return (
    <>
      <ChoiceGroup
        path={`${list}.answer`}
        legend={t(q.label)}
        description={t(q.description)}
        options={q.options}
        value={current.answer}
        onChange={(answer) =>
          set({
            answer,
            items: answer === 'listed' && current.items.length === 0 ? [blank()] : current.items,
          })
        }
        error={problems[`${list}.answer`] ?? problems[list]}
      />
      {current.answer === 'listed' ? (
        <Stack gap="md">
          {current.items.map((item, index) => (
            <Paper
              key={index}
              withBorder
              p="md"
              radius="md"
              component="section"
              aria-label={titleOf(index)}
              data-testid={`${list}-item`}
            >
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{titleOf(index)}</Text>
                  <Button
                    variant="subtle"
                    color="red"
                    size="sm"
                    onClick={() => set({ ...current, items: current.items.filter((_, i) => i !== index) })}
                    aria-label={t('intake.list.removeItem', { item: titleOf(index).toLowerCase() })}
                  >
                    {t('intake.list.remove')}
                  </Button>
                </Group>
                {renderItem(item, index, (next) =>
                  set({ ...current, items: current.items.map((it, i) => (i === index ? next : it)) }),
                )}
              </Stack>
            </Paper>
          ))}
          {problems[`${list}.items`] ? (
            <Text c="red.8" fw={600} size="sm">
              {problems[`${list}.items`]}
            </Text>
          ) : null}
          <Button
            variant="light"
            size="md"
            onClick={() => set({ ...current, items: [...current.items, blank()] })}
          >
            {t(addLabel)}
          </Button>
        </Stack>
      ) : null}
    </>
  );
}

/** Medicine names as the patient types, from the clinic's knowledge base; anything else can be typed freely. */
function MedicineName({
  value,
  onChange,
  error,
}: {
  value: MedicationDraft;
  onChange: (value: MedicationDraft) => void;
  error?: string | undefined;
}) {
  const t = useT();
  const [suggestions, setSuggestions] = useState<z.infer<typeof DrugSuggestions>['suggestions']>([]);
  const query = value.name.trim();
  useEffect(() => {
    if (query.length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.get<typeof DrugSuggestions>('/api/drugs', { q: query.slice(0, 60) }, controller.signal).then(
        (r) => setSuggestions(r.suggestions),
        () => setSuggestions([]),
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  const byName = new Map(suggestions.map((s) => [s.name, s]));
  return (
    <Autocomplete
      label={t('intake.medicine.name')}
      description={t('intake.medicine.name.description')}
      size="md"
      value={value.name}
      data={[...byName.keys()]}
      filter={({ options }) => options}
      onChange={(name) => {
        const picked = byName.get(name);
        onChange({
          ...value,
          name,
          rxnorm: picked?.rxnorm ?? null,
          ...(picked ? { generic: picked.generic } : { generic: undefined }),
        });
      }}
      renderOption={({ option }) => {
        const s = byName.get(option.value);
        return (
          <div>
            <Text size="md">{option.value}</Text>
            {s && s.generic.toLowerCase() !== s.name.toLowerCase() ? (
              <Text size="xs" c="dimmed">
                {s.generic}
              </Text>
            ) : null}
          </div>
        );
      }}
      error={error}
      autoComplete="off"
    />
  );
}

export function MedicationsStep(props: StepProps) {
  const { problems } = props;
  const t = useT();
  return (
    <ListStep<MedicationDraft>
      {...props}
      list="medications"
      blank={() => ({ name: '', status: 'current' })}
      addLabel="intake.medicine.add"
      itemTitle="intake.medicine.item"
      renderItem={(m, i, change) => {
        const p = (k: string) => problems[`medications.items.${i}.${k}`];
        return (
          <>
            <MedicineName value={m} onChange={change} error={p('name')} />
            <ChoiceGroup
              path={`medications.items.${i}.status`}
              legend={t('intake.medicine.stillTake')}
              options={[
                { value: 'current', label: 'intake.medicine.current' },
                { value: 'stopped', label: 'intake.medicine.stopped' },
                { value: 'unknown', label: 'intake.notSure' },
              ]}
              value={m.status}
              onChange={(status) => change({ ...m, status })}
              error={p('status')}
            />
            <Group grow align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                type="month"
                size="md"
                label={t('intake.medicine.started')}
                description={t('intake.ifYouKnow')}
                value={m.started ?? ''}
                onChange={(e) => change({ ...m, started: e.currentTarget.value })}
                error={p('started')}
                miw={150}
              />
              {m.status === 'stopped' ? (
                <TextInput
                  type="month"
                  size="md"
                  label={t('intake.medicine.stoppedMonth')}
                  description={t('intake.ifYouKnow')}
                  value={m.stopped ?? ''}
                  onChange={(e) => change({ ...m, stopped: e.currentTarget.value })}
                  error={p('stopped')}
                  miw={150}
                />
              ) : null}
            </Group>
            <YesNoQuestion
              path={`medications.items.${i}.prescribed`}
              legend={t('intake.medicine.prescribed')}
              value={m.prescribed}
              onChange={(prescribed) => change({ ...m, prescribed })}
              error={p('prescribed')}
            />
          </>
        );
      }}
    />
  );
}

export function ConditionsStep(props: StepProps) {
  const { problems } = props;
  const t = useT();
  return (
    <ListStep<ConditionDraft>
      {...props}
      list="conditions"
      blank={() => ({ name: '', status: 'current' })}
      addLabel="intake.condition.add"
      itemTitle="intake.condition.item"
      renderItem={(c, i, change) => {
        const p = (k: string) => problems[`conditions.items.${i}.${k}`];
        return (
          <>
            <TextInput
              size="md"
              label={t('intake.condition.name')}
              value={c.name}
              onChange={(e) => change({ ...c, name: e.currentTarget.value })}
              error={p('name')}
            />
            <ChoiceGroup
              path={`conditions.items.${i}.status`}
              legend={t('intake.condition.stillHave')}
              options={[
                { value: 'current', label: 'intake.condition.current' },
                { value: 'past', label: 'intake.condition.past' },
                { value: 'unknown', label: 'intake.notSure' },
              ]}
              value={c.status}
              onChange={(status) => change({ ...c, status })}
              error={p('status')}
            />
            <TextInput
              size="md"
              label={t('intake.condition.since')}
              description={t('intake.condition.since.description')}
              inputMode="numeric"
              value={c.since ?? ''}
              onChange={(e) => change({ ...c, since: e.currentTarget.value })}
              error={p('since')}
            />
          </>
        );
      }}
    />
  );
}

export function AllergiesStep(props: StepProps) {
  const { problems } = props;
  const t = useT();
  return (
    <>
      <Questions {...props} questions={allergyQuestions} />
      <ListStep<AllergyDraft>
        {...props}
        list="allergies"
        blank={() => ({ substance: '' })}
        addLabel="intake.allergy.add"
        itemTitle="intake.allergy.item"
        renderItem={(a, i, change) => (
          <>
            <TextInput
              size="md"
              label={t('intake.allergy.substance')}
              value={a.substance}
              onChange={(e) => change({ ...a, substance: e.currentTarget.value })}
              error={problems[`allergies.items.${i}.substance`]}
            />
            <TextInput
              size="md"
              label={t('intake.allergy.reaction')}
              description={t('intake.allergy.reaction.description')}
              value={a.reaction ?? ''}
              onChange={(e) => change({ ...a, reaction: e.currentTarget.value })}
            />
          </>
        )}
      />
    </>
  );
}

export function TreatmentsStep(props: StepProps) {
  const { problems } = props;
  const t = useT();
  const treatmentOptions = [
    { value: '', label: t('intake.treatments.choose') },
    ...Object.entries(treatmentLabels).map(([value, label]) => ({ value, label: t(label) })),
  ];
  return (
    <ListStep<TreatmentDraft>
      {...props}
      list="recentTreatments"
      blank={() => ({ areas: [] })}
      addLabel="intake.treatments.add"
      itemTitle="intake.treatments.item"
      renderItem={(treatment, i, change) => {
        const p = (k: string) => problems[`recentTreatments.items.${i}.${k}`];
        return (
          <>
            <NativeSelect
              size="md"
              label={t('intake.treatments.kind')}
              data={treatmentOptions}
              value={treatment.type ?? ''}
              onChange={(e) => {
                const type = e.currentTarget.value as TreatmentType | '';
                const { type: _old, ...rest } = treatment;
                change(type ? { ...rest, type } : rest);
              }}
              error={p('type')}
            />
            <TextInput
              size="md"
              label={t('intake.treatments.details')}
              description={t('intake.treatments.details.description')}
              value={treatment.name ?? ''}
              onChange={(e) => change({ ...treatment, name: e.currentTarget.value })}
            />
            <TextInput
              type="month"
              size="md"
              label={t('intake.treatments.when')}
              description={t('intake.ifYouKnow')}
              value={treatment.date ?? ''}
              onChange={(e) => change({ ...treatment, date: e.currentTarget.value })}
              error={p('date')}
            />
            <CheckGroup<Area>
              path={`recentTreatments.items.${i}.areas`}
              legend={t('intake.treatments.where')}
              options={areaOptions}
              columns={2}
              value={treatment.areas}
              onChange={(value) => change({ ...treatment, areas: value })}
              error={p('areas')}
            />
          </>
        );
      }}
    />
  );
}
