import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Collapse,
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
import type { ConsentDocument, ConsentDocumentList } from '@needlepoint/core/contracts/consents';
import type { ConsentDocument as ConsentDocumentType } from '@needlepoint/core/contracts/consents';
import { consentKinds, type ConsentKind } from '@needlepoint/core/consents/kinds';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useSession } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { consentKindLabels } from '../patients/consent-labels';
import { RequirePermission } from '../shell/require-permission';
import { Markdown } from '../../components/markdown';

export function ConsentDocumentsPage() {
  return (
    <RequirePermission permission="clinic:read">
      <ConsentDocumentsView />
    </RequirePermission>
  );
}

function ConsentDocumentsView() {
  const editable = useSession().can('clinic:write');
  const list = useApiQuery(keys.clinic.consentDocuments, (signal) =>
    api.get<typeof ConsentDocumentList>('/api/consent-documents', undefined, signal),
  );
  const [publishing, setPublishing] = useState<{ kind: ConsentKind; current?: ConsentDocumentType } | null>(
    null,
  );
  const documents = list.data?.documents;
  return (
    <>
      <PageHeader
        title="Consent documents"
        description="What patients read and sign in the portal. Publishing a new version keeps every earlier one."
      />
      {list.isError && !documents ? (
        <ErrorAlert
          error={list.error}
          title="Could not load the consent documents"
          onRetry={() => void list.refetch()}
        />
      ) : !documents ? (
        <Loading />
      ) : (
        <Stack gap="md" maw={900}>
          {!editable ? (
            <Alert variant="light" color="blue" data-testid="settings-read-only">
              Only the clinic owner can publish consent documents.
            </Alert>
          ) : null}
          {consentKinds.map((kind) => {
            const versions = documents.filter((d) => d.kind === kind).sort((a, b) => b.version - a.version);
            const current = versions.find((d) => d.current) ?? versions[0];
            return (
              <KindCard
                key={kind}
                kind={kind}
                current={current}
                older={versions.filter((v) => v !== current)}
                editable={editable}
                onPublish={() => setPublishing({ kind, ...(current ? { current } : {}) })}
              />
            );
          })}
        </Stack>
      )}
      {publishing ? (
        <PublishModal
          kind={publishing.kind}
          {...(publishing.current ? { current: publishing.current } : {})}
          onClose={() => setPublishing(null)}
          onPublished={(doc) => {
            setPublishing(null);
            notifications.show({
              color: 'green',
              message: `Version ${doc.version} of “${doc.title}” published.`,
            });
          }}
        />
      ) : null}
    </>
  );
}

function KindCard({
  kind,
  current,
  older,
  editable,
  onPublish,
}: {
  kind: ConsentKind;
  current: ConsentDocumentType | undefined;
  older: ConsentDocumentType[];
  editable: boolean;
  onPublish: () => void;
}) {
  const [open, setOpen] = useState(false);
  const bodyId = `consent-body-${kind}`;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby={`${bodyId}-title`}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={2} fz="lg" id={`${bodyId}-title`}>
              {consentKindLabels[kind]}
            </Title>
            {current ? (
              <Text size="sm">
                {current.title}{' '}
                <Badge variant="light" size="sm">
                  version {current.version}
                </Badge>{' '}
                <Badge variant="light" size="sm" color={current.spanish ? 'teal' : 'gray'}>
                  {current.spanish ? 'English and Spanish' : 'English only'}
                </Badge>
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Not published yet: patients cannot sign this consent.
              </Text>
            )}
          </div>
          {editable ? (
            <Button variant="light" onClick={onPublish}>
              {current ? 'Publish a new version' : 'Publish'}
            </Button>
          ) : null}
        </Group>
        {current ? (
          <>
            <Text size="xs" c="dimmed">
              Published {formatDateTime(current.createdAt)}
              {current.createdByName ? ` by ${current.createdByName}` : ''} · SHA-256{' '}
              {current.bodySha256.slice(0, 12)}…
            </Text>
            <Group gap="xs">
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => setOpen((o) => !o)}
                aria-expanded={open}
                aria-controls={bodyId}
              >
                {open ? 'Hide the text' : 'Read the text'}
              </Button>
            </Group>
            <Collapse expanded={open} id={bodyId}>
              <Stack gap="xs">
                <Paper bg="var(--mantine-color-gray-light)" p="sm" radius="sm">
                  <Markdown text={current.body} />
                </Paper>
                {current.spanish ? (
                  <Paper bg="var(--mantine-color-gray-light)" p="sm" radius="sm" lang="es">
                    <Text fw={600} size="sm">
                      <span lang="en">Spanish:</span> {current.spanish.title}
                    </Text>
                    <Markdown text={current.spanish.body} />
                  </Paper>
                ) : (
                  <Text size="xs" c="dimmed">
                    No Spanish text: patients who read the portal in Spanish see the English text, with a note
                    saying the clinic has it only in English.
                  </Text>
                )}
              </Stack>
            </Collapse>
          </>
        ) : null}
        {older.length > 0 ? (
          <Text size="xs" c="dimmed">
            Earlier versions:{' '}
            {older.map((d) => `version ${d.version} (${formatDateTime(d.createdAt)})`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function PublishModal({
  kind,
  current,
  onClose,
  onPublished,
}: {
  kind: ConsentKind;
  current?: ConsentDocumentType;
  onClose: () => void;
  onPublished: (doc: ConsentDocumentType) => void;
}) {
  const [title, setTitle] = useState(current?.title ?? consentKindLabels[kind]);
  const [body, setBody] = useState(current?.body ?? '');
  const [titleEs, setTitleEs] = useState(current?.spanish?.title ?? '');
  const [bodyEs, setBodyEs] = useState(current?.spanish?.body ?? '');
  const [errors, setErrors] = useState<Partial<Record<'title' | 'body' | 'titleEs' | 'bodyEs', string>>>({});
  const [formError, setFormError] = useState<unknown>(null);
  // A new version changes every patient's consent standing (and so what can be booked).
  const publish = useApiMutation({
    mutationFn: (doc: {
      kind: ConsentKind;
      title: string;
      body: string;
      spanish?: { title: string; body: string };
    }) => api.post<typeof ConsentDocument>('/api/consent-documents', doc),
    invalidates: [keys.clinic.consentDocuments, keys.patients.all, keys.schedule.all],
  });
  const busy = publish.isPending;
  const withSpanish = titleEs.trim() !== '' || bodyEs.trim() !== '';
  const unchanged =
    current &&
    current.title === title.trim() &&
    current.body.trim() === body.trim() &&
    (current.spanish?.title ?? '') === titleEs.trim() &&
    (current.spanish?.body.trim() ?? '') === bodyEs.trim();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (title.trim().length < 3) next.title = 'Give the document a title';
    if (body.trim().length < 20) next.body = 'Write the full text of the document';
    if (withSpanish && titleEs.trim().length < 3) next.titleEs = 'Give the Spanish text a title';
    if (withSpanish && bodyEs.trim().length < 20) next.bodyEs = 'Write the full Spanish text';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    try {
      onPublished(
        await publish.mutateAsync({
          kind,
          title: title.trim(),
          body: body.trim(),
          ...(withSpanish ? { spanish: { title: titleEs.trim(), body: bodyEs.trim() } } : {}),
        }),
      );
    } catch (error) {
      // Full paths: `title` alone would also match `body.spanish.title`.
      const fields = ['body.title', 'body.body', 'body.spanish.title', 'body.spanish.body'] as const;
      if (error instanceof ApiError && fields.some((field) => error.fieldError(field))) {
        setErrors({
          title: error.fieldError('body.title'),
          body: error.fieldError('body.body'),
          titleEs: error.fieldError('body.spanish.title'),
          bodyEs: error.fieldError('body.spanish.body'),
        });
      } else setFormError(error);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Publish: ${consentKindLabels[kind]}`} size="xl">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {formError ? <ErrorAlert error={formError} title="Not published" /> : null}
          {current ? (
            <Alert color="orange" variant="light" title="Patients must consent again">
              Everyone who signed version {current.version} will show “Needs to sign the new version” and is
              asked to sign again in the portal before their next treatment. Publish a new version only when
              the text really changes.
            </Alert>
          ) : null}
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            required
            data-autofocus
          />
          <Textarea
            label="Full text"
            description="Exactly what the patient reads and signs."
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={10}
            maxRows={24}
            required
          />
          <Title order={3} fz="md" mt="sm">
            Spanish text (optional)
          </Title>
          <Text size="sm" c="dimmed">
            Patients who read the portal in Spanish read and sign this text. Leave both boxes empty for an
            English-only version: they then see the English text with a note in Spanish. A change to either
            language publishes a new version.
          </Text>
          <TextInput
            label="Spanish title"
            lang="es"
            value={titleEs}
            onChange={(e) => setTitleEs(e.currentTarget.value)}
            error={errors.titleEs}
          />
          <Textarea
            label="Spanish full text"
            description="A faithful translation of the English text above."
            lang="es"
            value={bodyEs}
            onChange={(e) => setBodyEs(e.currentTarget.value)}
            error={errors.bodyEs}
            autosize
            minRows={6}
            maxRows={24}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!!unchanged}>
              {current ? `Publish version ${current.version + 1}` : 'Publish version 1'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
