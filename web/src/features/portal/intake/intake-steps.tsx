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
  Problems,
  TreatmentDraft,
  TreatmentType,
  YesNo,
} from './intake-model';

export interface StepProps {
  draft: IntakeDraft;
  update: (change: (draft: IntakeDraft) => IntakeDraft) => void;
  problems: Problems;
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
  return (
    <>
      {questions.map((q) => (
        <YesNoQuestion
          key={q.path}
          path={q.path}
          legend={q.label}
          description={q.description}
          value={answerAt(draft, q.path)}
          onChange={(value) => update((d) => withAnswer(d, q.path, value))}
          error={problems[q.path]}
        />
      ))}
    </>
  );
}

export function AboutStep({ draft, update, problems }: StepProps) {
  return (
    <>
      <ChoiceGroup
        path="patient.sexAtBirth"
        legend="Sex recorded at birth"
        description="Some medicines and treatments work differently by sex. You can choose not to say."
        options={sexOptions}
        columns={2}
        value={draft.patient.sexAtBirth}
        onChange={(sexAtBirth) => update((d) => ({ ...d, patient: { ...d.patient, sexAtBirth } }))}
        error={problems['patient.sexAtBirth']}
      />
      <ChoiceGroup
        path="patient.fitzpatrick"
        legend="Which best describes your skin?"
        description="How your skin reacts to the sun helps your provider choose safe settings."
        options={skinTypeOptions}
        value={draft.patient.fitzpatrick}
        onChange={(fitzpatrick) => update((d) => ({ ...d, patient: { ...d.patient, fitzpatrick } }))}
        error={problems['patient.fitzpatrick']}
      />
    </>
  );
}

export function ConcernsStep({ draft, update, problems }: StepProps) {
  const concerns = Object.entries(concernLabels).map(([value, label]) => ({
    value: value as Concern,
    label,
  }));
  return (
    <>
      <CheckGroup
        path="concerns"
        legend="What would you like to improve?"
        description="Choose all that apply."
        options={concerns}
        value={draft.concerns}
        onChange={(value) => update((d) => ({ ...d, concerns: value }))}
        error={problems.concerns}
      />
      {draft.concerns.includes('other') ? (
        <Textarea
          label="Tell us what else you would like to improve"
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
        legend="Which areas would you like treated?"
        description="Choose all that apply."
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
  return (
    <>
      <Questions {...props} questions={skinQuestions} />
      {draft.skin.sunburnOrTan === 'yes' ? (
        <TextInput
          type="date"
          size="md"
          label="When was the sunburn or tan, roughly?"
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
  return (
    <>
      <Questions {...props} questions={healthQuestions} />
      {draft.health.diabetes === 'yes' ? (
        <Paper withBorder p="md" radius="md" bg="gray.0">
          <Stack gap="sm">
            <Text fw={600}>Your latest HbA1c blood test (optional)</Text>
            <Text size="sm" c="dimmed">
              If you know it, it helps your provider. Leave it empty if you don't.
            </Text>
            <TextInput
              size="md"
              label="HbA1c result (%)"
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
              label="Date of the test"
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
  addLabel: string;
  itemTitle: (index: number) => string;
  renderItem: (item: T, index: number, change: (item: T) => void) => React.ReactNode;
}) {
  const q = listQuestions[list];
  const current = draft[list] as { answer?: IntakeDraft[ListKey]['answer']; items: T[] };
  const set = (next: { answer?: IntakeDraft[ListKey]['answer']; items: T[] }) =>
    update((d) => ({ ...d, [list]: next }));
  return (
    <>
      <ChoiceGroup
        path={`${list}.answer`}
        legend={q.label}
        description={q.description}
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
              aria-label={itemTitle(index)}
              data-testid={`${list}-item`}
            >
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{itemTitle(index)}</Text>
                  <Button
                    variant="subtle"
                    color="red"
                    size="sm"
                    onClick={() => set({ ...current, items: current.items.filter((_, i) => i !== index) })}
                    aria-label={`Remove ${itemTitle(index).toLowerCase()}`}
                  >
                    Remove
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
            {addLabel}
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
      label="Name of the medicine"
      description="Start typing and choose from the list, or type the name as it is on the box."
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
  return (
    <ListStep<MedicationDraft>
      {...props}
      list="medications"
      blank={() => ({ name: '', status: 'current' })}
      addLabel="Add another medicine"
      itemTitle={(i) => `Medicine ${i + 1}`}
      renderItem={(m, i, change) => {
        const p = (k: string) => problems[`medications.items.${i}.${k}`];
        return (
          <>
            <MedicineName value={m} onChange={change} error={p('name')} />
            <ChoiceGroup
              path={`medications.items.${i}.status`}
              legend="Do you still take it?"
              options={[
                { value: 'current', label: 'Yes, I take it now' },
                { value: 'stopped', label: 'No, I have stopped' },
                { value: 'unknown', label: 'Not sure' },
              ]}
              value={m.status}
              onChange={(status) => change({ ...m, status })}
              error={p('status')}
            />
            <Group grow align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                type="month"
                size="md"
                label="Started (month)"
                description="If you know"
                value={m.started ?? ''}
                onChange={(e) => change({ ...m, started: e.currentTarget.value })}
                error={p('started')}
                miw={150}
              />
              {m.status === 'stopped' ? (
                <TextInput
                  type="month"
                  size="md"
                  label="Stopped (month)"
                  description="If you know"
                  value={m.stopped ?? ''}
                  onChange={(e) => change({ ...m, stopped: e.currentTarget.value })}
                  error={p('stopped')}
                  miw={150}
                />
              ) : null}
            </Group>
            <YesNoQuestion
              path={`medications.items.${i}.prescribed`}
              legend="Was it prescribed by a doctor?"
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
  return (
    <ListStep<ConditionDraft>
      {...props}
      list="conditions"
      blank={() => ({ name: '', status: 'current' })}
      addLabel="Add another condition"
      itemTitle={(i) => `Condition ${i + 1}`}
      renderItem={(c, i, change) => {
        const p = (k: string) => problems[`conditions.items.${i}.${k}`];
        return (
          <>
            <TextInput
              size="md"
              label="Name of the condition"
              value={c.name}
              onChange={(e) => change({ ...c, name: e.currentTarget.value })}
              error={p('name')}
            />
            <ChoiceGroup
              path={`conditions.items.${i}.status`}
              legend="Do you still have it?"
              options={[
                { value: 'current', label: 'Yes, I have it now' },
                { value: 'past', label: 'No, it was in the past' },
                { value: 'unknown', label: 'Not sure' },
              ]}
              value={c.status}
              onChange={(status) => change({ ...c, status })}
              error={p('status')}
            />
            <TextInput
              size="md"
              label="Since when? (year)"
              description="If you know, for example 2019"
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
  return (
    <>
      <Questions {...props} questions={allergyQuestions} />
      <ListStep<AllergyDraft>
        {...props}
        list="allergies"
        blank={() => ({ substance: '' })}
        addLabel="Add another allergy"
        itemTitle={(i) => `Allergy ${i + 1}`}
        renderItem={(a, i, change) => (
          <>
            <TextInput
              size="md"
              label="What are you allergic to?"
              value={a.substance}
              onChange={(e) => change({ ...a, substance: e.currentTarget.value })}
              error={problems[`allergies.items.${i}.substance`]}
            />
            <TextInput
              size="md"
              label="What happens? (optional)"
              description="For example a rash, swelling or breathing problems"
              value={a.reaction ?? ''}
              onChange={(e) => change({ ...a, reaction: e.currentTarget.value })}
            />
          </>
        )}
      />
    </>
  );
}

const treatmentOptions = [
  { value: '', label: 'Choose…' },
  ...Object.entries(treatmentLabels).map(([value, label]) => ({ value, label })),
];

export function TreatmentsStep(props: StepProps) {
  const { problems } = props;
  return (
    <ListStep<TreatmentDraft>
      {...props}
      list="recentTreatments"
      blank={() => ({ areas: [] })}
      addLabel="Add another treatment"
      itemTitle={(i) => `Treatment ${i + 1}`}
      renderItem={(t, i, change) => {
        const p = (k: string) => problems[`recentTreatments.items.${i}.${k}`];
        return (
          <>
            <NativeSelect
              size="md"
              label="Kind of treatment"
              data={treatmentOptions}
              value={t.type ?? ''}
              onChange={(e) => {
                const type = e.currentTarget.value as TreatmentType | '';
                const { type: _old, ...rest } = t;
                change(type ? { ...rest, type } : rest);
              }}
              error={p('type')}
            />
            <TextInput
              size="md"
              label="Details (optional)"
              description="For example the product or what was done"
              value={t.name ?? ''}
              onChange={(e) => change({ ...t, name: e.currentTarget.value })}
            />
            <TextInput
              type="month"
              size="md"
              label="When? (month)"
              description="If you know"
              value={t.date ?? ''}
              onChange={(e) => change({ ...t, date: e.currentTarget.value })}
              error={p('date')}
            />
            <CheckGroup<Area>
              path={`recentTreatments.items.${i}.areas`}
              legend="Where on the body?"
              options={areaOptions}
              columns={2}
              value={t.areas}
              onChange={(value) => change({ ...t, areas: value })}
              error={p('areas')}
            />
          </>
        );
      }}
    />
  );
}
