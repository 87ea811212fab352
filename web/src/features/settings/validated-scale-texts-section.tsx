import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ValidatedScaleTextDto, ValidatedScaleTextList } from '@needlepoint/core/contracts/outcomes';
import { scales } from '@needlepoint/core/outcomes/scales';
import {
  textKeysOf,
  translatableScaleIds,
  validatedTextIssues,
  type TranslatableScaleId,
} from '@needlepoint/core/outcomes/validated-texts';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { useSession } from '../../lib/session';

/** Under the outcomes keys, so a save also refreshes what the portal shows patients. */
const textsKey = [...keys.outcomes.all, 'validated-texts'] as const;

/**
 * The clinic's licensed validated Spanish text of the patient scales (ADR 067, ADR 069). Without one, patients who
 * read the portal in Spanish see the English items with a note saying why.
 */
export function ValidatedScaleTextsSection() {
  const editable = useSession().can('clinic:write');
  const list = useApiQuery(textsKey, (signal) =>
    api.get<typeof ValidatedScaleTextList>('/api/validated-scale-texts', undefined, signal),
  );
  const [editing, setEditing] = useState<TranslatableScaleId | null>(null);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      maw={900}
      mt="xl"
      component="section"
      aria-labelledby="scale-texts-title"
    >
      <Stack gap="sm">
        <Title order={2} fz="lg" id="scale-texts-title">
          Validated Spanish text of the patient scales
        </Title>
        <Text size="sm">
          A scale’s wording is part of the instrument: only a published, validated translation you hold a
          licence for can replace the English. Enter it exactly as licensed, with its source. Until then,
          patients who read the portal in Spanish answer the English items, with a note in Spanish saying why.
        </Text>
        {list.isError ? (
          <ErrorAlert
            error={list.error}
            title="Could not load the scale texts"
            onRetry={() => void list.refetch()}
          />
        ) : !list.data ? (
          <Loading />
        ) : (
          translatableScaleIds.map((scaleId) => {
            const current = list.data.texts.find((x) => x.scaleId === scaleId && x.language === 'es');
            return (
              <Group
                key={scaleId}
                justify="space-between"
                align="flex-start"
                data-testid={`scale-text-${scaleId}`}
              >
                <div>
                  <Text fw={600}>{scales[scaleId].name}</Text>
                  {current ? (
                    <>
                      <Badge color="teal" variant="light" size="sm">
                        Spanish, version {current.version}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        Saved {formatDateTime(current.createdAt)}
                        {current.createdByName ? ` by ${current.createdByName}` : ''} · Source:{' '}
                        {current.source}
                      </Text>
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      No validated Spanish text: shown in English with a note.
                    </Text>
                  )}
                </div>
                {editable ? (
                  <Button variant="light" onClick={() => setEditing(scaleId)}>
                    {current ? 'Save a new version' : 'Enter the Spanish text'}
                  </Button>
                ) : null}
              </Group>
            );
          })
        )}
      </Stack>
      {editing && list.data ? (
        <ValidatedTextModal
          scaleId={editing}
          current={list.data.texts.find((x) => x.scaleId === editing && x.language === 'es')}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Paper>
  );
}

/** Enters a new version of one scale's validated Spanish text: every text of the scale, and the source. */
export function ValidatedTextModal({
  scaleId,
  current,
  onClose,
}: {
  scaleId: TranslatableScaleId;
  current: ValidatedScaleTextDto | undefined;
  onClose: () => void;
}) {
  const scale = scales[scaleId];
  const [texts, setTexts] = useState<Record<string, string>>(current?.texts ?? {});
  const [source, setSource] = useState(current?.source ?? '');
  const [missing, setMissing] = useState<string[]>([]);
  const save = useApiMutation({
    mutationFn: () =>
      api.post<typeof ValidatedScaleTextDto>('/api/validated-scale-texts', {
        scaleId,
        language: 'es',
        texts,
        source: source.trim(),
      }),
    invalidates: [keys.outcomes.all],
    onSuccess: (saved) => {
      notifications.show({
        color: 'green',
        message: `Version ${saved.version} of the Spanish ${scale.shortName} saved.`,
      });
      onClose();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const issues = validatedTextIssues(scale, texts).map((issue) => issue.split(':')[0]!);
    setMissing(issues);
    if (issues.length === 0 && source.trim().length >= 10) save.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={`Validated Spanish text: ${scale.shortName}`} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.error ? <ErrorAlert error={save.error} title="Not saved" /> : null}
          {missing.length > 0 ? (
            <Alert color="red" variant="light">
              Every text the patient reads needs its validated wording ({missing.length} missing).
            </Alert>
          ) : null}
          <Textarea
            label="Licence and source"
            description="Who validated the translation, where it is published, and your licence to use it."
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={
              source.trim().length > 0 && source.trim().length < 10
                ? 'Name the licence and the source'
                : undefined
            }
            autosize
            minRows={2}
            required
          />
          {textKeysOf(scale).map(({ key, english }) => (
            <TextInput
              key={key}
              label={english}
              lang="es"
              value={texts[key] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setTexts((all) => ({ ...all, [key]: value }));
              }}
              error={missing.includes(key) ? 'Enter the validated wording' : undefined}
              required
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={source.trim().length < 10}>
              {current ? `Save version ${current.version + 1}` : 'Save version 1'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
