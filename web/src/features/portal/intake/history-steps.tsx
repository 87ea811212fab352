import { NativeSelect, TextInput } from '@mantine/core';
import type { Area } from '@needlepoint/core/knowledge/knowledge.schema';
import { useT } from '../../../i18n/i18n';
import { ChoiceGroup, CheckGroup } from './choices';
import { allergyQuestions, areaOptions, treatmentLabels } from './intake-labels';
import type { AllergyDraft, ConditionDraft, TreatmentDraft, TreatmentType } from './intake-model';
import { Questions, type StepProps } from './step-questions';
import { ListStep } from './list-step';

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
