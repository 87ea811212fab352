import { useEffect, useState } from 'react';
import { Autocomplete, Group, Text, TextInput } from '@mantine/core';
import type { z } from 'zod';
import type { DrugSuggestions } from '@needlepoint/core/contracts/portal';
import { api } from '../../../lib/api';
import { useT } from '../../../i18n/i18n';
import { ChoiceGroup, YesNoQuestion } from './choices';
import type { MedicationDraft } from './intake-model';
import type { StepProps } from './step-questions';
import { ListStep } from './list-step';

/** Medicine names as the patient types, from the clinic's knowledge base; anything else can be typed freely. */
export function MedicineName({
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
