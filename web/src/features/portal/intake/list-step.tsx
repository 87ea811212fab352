import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useT, type MessageKey } from '../../../i18n/i18n';
import { ChoiceGroup } from './choices';
import { listQuestions } from './intake-labels';
import type { IntakeDraft } from './intake-model';
import type { StepProps } from './step-questions';

export type ListKey = 'medications' | 'conditions' | 'allergies' | 'recentTreatments';

/** "Do you have any…?" with the rows below when the answer is yes. */
export function ListStep<T>({
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
