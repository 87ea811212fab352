import { Group, TextInput } from '@mantine/core';
import { useT } from '../../../i18n/i18n';
import { ChoiceGroup, YesNoQuestion } from './choices';
import type { MedicationDraft } from './intake-model';
import type { StepProps } from './step-questions';
import { ListStep } from './list-step';
import { DrugTypeAhead } from '../../drugs/drug-type-ahead';

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
            <DrugTypeAhead
              label={t('intake.medicine.name')}
              description={t('intake.medicine.name.description')}
              uncodedHint={t('intake.medicine.uncoded')}
              size="md"
              value={{ name: m.name, rxnorm: m.rxnorm ?? null, generic: m.generic }}
              onChange={(drug) =>
                change({
                  ...m,
                  name: drug.name,
                  rxnorm: drug.rxnorm,
                  ...(drug.generic ? { generic: drug.generic } : { generic: undefined }),
                })
              }
              error={p('name')}
            />
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
