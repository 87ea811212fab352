import { useState, type FormEvent } from 'react';
import { Button, Group, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import {
  reviewedLists,
  type Answers,
  type ListsReviewed,
  type PatientRecord,
} from '@needlepoint/core/contracts/patients';
import { answerLabels } from '@needlepoint/core/knowledge/answer-labels';
import { answerKeys, type AnswerKey } from '@needlepoint/core/knowledge/knowledge.schema';
import { SectionCard } from '../../components/section-card';
import { formatDate } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { todayIso } from '../../lib/clinic-time';
import { capitalise, listLabels } from './patient-labels';
import { SaveError, savePatient } from './save-patient';

const answerWords: Record<string, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };

/** The intake's yes/no/unknown questions and the dates each list was confirmed complete. */
export function HealthAnswers({
  patient,
  editable,
  onSaved,
  onReload,
}: {
  patient: PatientRecord;
  editable: boolean;
  onSaved: (p: PatientRecord) => void;
  onReload: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const answered = answerKeys.filter((k) => patient.answers[k]).length;
  return (
    <SectionCard titleId="answers-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id="answers-title">
          Health questions{' '}
          <Text span c="dimmed" fz="sm" fw={400}>
            ({answered} of {answerKeys.length} answered)
          </Text>
        </Title>
        {editable && !editing ? (
          <Button variant="light" size="sm" onClick={() => setEditing(true)}>
            Edit answers
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <AnswersForm
          patient={patient}
          onCancel={() => setEditing(false)}
          onSaved={(p) => {
            setEditing(false);
            onSaved(p);
          }}
          onReload={onReload}
        />
      ) : (
        <Stack gap="sm">
          <Group gap="lg">
            {reviewedLists.map((l) => (
              <Text size="sm" key={l}>
                <Text span fw={600}>
                  {listLabels[l]} list confirmed complete:{' '}
                </Text>
                {patient.listsReviewed[l] ? formatDate(patient.listsReviewed[l]) : 'not yet'}
              </Text>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4} data-testid="answers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Question</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th>Answered</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {answerKeys.map((k) => {
                  const a = patient.answers[k];
                  return (
                    <Table.Tr key={k}>
                      <Table.Td>{capitalise(answerLabels[k])}</Table.Td>
                      <Table.Td fw={a?.value === 'yes' ? 700 : undefined}>
                        {a ? (
                          answerWords[a.value]
                        ) : (
                          <Text span c="dimmed" size="sm">
                            Not asked
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{a?.date ? formatDate(a.date) : '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </SectionCard>
  );
}

function AnswersForm({
  patient,
  onCancel,
  onSaved,
  onReload,
}: {
  patient: PatientRecord;
  onCancel: () => void;
  onSaved: (p: PatientRecord) => void;
  onReload: () => void;
}) {
  const [answers, setAnswers] = useState<Answers>(patient.answers);
  const [lists, setLists] = useState<ListsReviewed>(patient.listsReviewed);
  // The record page shows the saved record and reads what depends on it again.
  const save = useApiMutation({
    mutationFn: (changes: { answers: Answers; listsReviewed: ListsReviewed }) =>
      savePatient(patient, changes),
    onSuccess: onSaved,
  });
  const today = todayIso();

  function setAnswer(key: AnswerKey, value: string) {
    setAnswers((current) => {
      const next = { ...current };
      if (value === 'not-asked') delete next[key];
      else if (current[key]?.value !== value)
        next[key] = { value: value as 'yes' | 'no' | 'unknown', date: today };
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const cleanLists = Object.fromEntries(Object.entries(lists).filter(([, v]) => v)) as ListsReviewed;
    save.mutate({ answers, listsReviewed: cleanLists });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Health questions">
      <Stack gap="md">
        {save.error ? <SaveError error={save.error} title="Answers not saved" onReload={onReload} /> : null}
        <Text size="sm" c="dimmed">
          “Unknown” and “Not asked” are never taken as “No”: screening asks for them.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="sm">
          {answerKeys.map((k) => (
            <Radio.Group
              key={k}
              label={capitalise(answerLabels[k])}
              value={answers[k]?.value ?? 'not-asked'}
              onChange={(v) => setAnswer(k, v)}
            >
              <Group gap="md" mt={6}>
                <Radio value="yes" label="Yes" />
                <Radio value="no" label="No" />
                <Radio value="unknown" label="Unknown" />
                <Radio value="not-asked" label="Not asked" />
              </Group>
            </Radio.Group>
          ))}
        </SimpleGrid>
        <div>
          <Text fw={600} size="sm">
            Lists confirmed complete
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            The date the patient confirmed the list holds everything (an empty confirmed list means “none”).
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {reviewedLists.map((l) => (
              <Group key={l} gap={6} align="flex-end" wrap="nowrap">
                <TextInput
                  label={`${listLabels[l]} list`}
                  type="date"
                  value={lists[l] ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setLists((v) => ({ ...v, [l]: value }));
                  }}
                  style={{ flex: 1 }}
                />
                <Button
                  variant="default"
                  onClick={() => setLists((v) => ({ ...v, [l]: today }))}
                  aria-label={`${listLabels[l]} list confirmed today`}
                >
                  Today
                </Button>
              </Group>
            ))}
          </SimpleGrid>
        </div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save answers
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
