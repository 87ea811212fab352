import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ArticleHistory, ArticleList, ArticleVersion } from '@needlepoint/core/contracts/education';
import type {
  ArticleSummary,
  ArticleVersion as ArticleVersionType,
} from '@needlepoint/core/contracts/education';
import { localeNames, type Locale } from '@needlepoint/core/i18n/locale';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Markdown } from '../../components/markdown';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';

/** The clinic's education library: the articles patients read in the portal, in English and Spanish. */
export function EducationPage() {
  return (
    <RequirePermission permission="education:edit">
      <EducationView />
    </RequirePermission>
  );
}

function EducationView() {
  const list = useApiQuery(keys.education.articles, (signal) =>
    api.get<typeof ArticleList>('/api/education/articles', undefined, signal),
  );
  const [editing, setEditing] = useState<{ slug: string; language: Locale } | null>(null);
  const articles = list.data?.articles;
  const slugs = [...new Set((articles ?? []).map((a) => a.slug))];
  return (
    <>
      <PageHeader
        title="Education library"
        description="Plain-language articles patients read under Learn in the portal, in their language. Each save keeps the earlier versions."
      />
      {list.isError && !articles ? (
        <ErrorAlert
          error={list.error}
          title="Could not load the library"
          onRetry={() => void list.refetch()}
        />
      ) : !articles ? (
        <Loading />
      ) : (
        <Paper withBorder radius="md" maw={1000}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="education-articles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Article</Table.Th>
                  <Table.Th>English</Table.Th>
                  <Table.Th>Spanish</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {slugs.map((slug) => (
                  <Table.Tr key={slug}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {articles.find((a) => a.slug === slug && a.language === 'en')?.title ?? slug}
                      </Text>
                      <Text size="xs" c="dimmed">
                        /portal/learn/{slug}
                      </Text>
                    </Table.Td>
                    {(['en', 'es'] as const).map((language) => (
                      <Table.Td key={language}>
                        <LanguageCell
                          article={articles.find((a) => a.slug === slug && a.language === language)}
                          onEdit={() => setEditing({ slug, language })}
                          label={`Edit ${localeNames[language]}: ${slug}`}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing ? (
        <ArticleEditor
          slug={editing.slug}
          language={editing.language}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function LanguageCell({
  article,
  onEdit,
  label,
}: {
  article: ArticleSummary | undefined;
  onEdit: () => void;
  label: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      {article ? (
        <>
          <Text size="sm">v{article.version}</Text>
          <Badge size="sm" variant="light" color={article.published ? 'green' : 'gray'}>
            {article.published ? 'Published' : 'Hidden'}
          </Badge>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Not written
        </Text>
      )}
      <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={label}>
        {article ? 'Edit' : 'Write'}
      </Button>
    </Group>
  );
}

interface Draft {
  title: string;
  summary: string;
  body: string;
  published: boolean;
}

function ArticleEditor({
  slug,
  language,
  onClose,
  onSaved,
}: {
  slug: string;
  language: Locale;
  onClose: () => void;
  onSaved: () => void;
}) {
  const history = useApiQuery(keys.education.history(`${slug}/${language}`), (signal) =>
    api
      .get<typeof ArticleHistory>(`/api/education/articles/${slug}/${language}`, undefined, signal)
      .catch((error: unknown) => {
        // An article not yet written in this language starts empty.
        if (error instanceof ApiError && error.code === 'EDUCATION_ARTICLE_NOT_FOUND')
          return { versions: [] };
        throw error;
      }),
  );
  const versions = history.data?.versions;
  const current = versions?.[0];
  const [draft, setDraft] = useState<Draft | null>(null);
  const [viewing, setViewing] = useState<ArticleVersionType | null>(null);
  const form: Draft | null =
    draft ??
    (versions
      ? current
        ? { title: current.title, summary: current.summary, body: current.body, published: current.published }
        : { title: '', summary: '', body: '', published: true }
      : null);

  // The library list and the portal's Learn pages show the new version.
  const saving = useApiMutation({
    mutationFn: (body: Draft & { baseVersion: number }) =>
      api.put<typeof ArticleVersion>(`/api/education/articles/${slug}/${language}`, body),
    invalidates: [keys.education.all],
    onSuccess: (saved) => {
      notifications.show({ message: `Saved as version ${saved.version}`, color: 'green' });
      onSaved();
    },
  });
  const error = saving.error;
  function save() {
    if (form) saving.mutate({ ...form, baseVersion: current?.version ?? 0 });
  }

  return (
    <Modal
      opened
      onClose={onClose}
      size="90rem"
      title={`${localeNames[language]} · ${slug}`}
      data-testid="article-editor"
    >
      {history.isError ? (
        <ErrorAlert
          error={history.error}
          title="Could not load the article"
          onRetry={() => void history.refetch()}
        />
      ) : !form || !versions ? (
        <Loading />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <TextInput
                label="Title"
                value={form.title}
                onChange={(e) => setDraft({ ...form, title: e.currentTarget.value })}
                required
                maxLength={200}
              />
              <TextInput
                label="Summary"
                description="One line under the title in the list"
                value={form.summary}
                onChange={(e) => setDraft({ ...form, summary: e.currentTarget.value })}
                maxLength={500}
              />
              <Textarea
                label="Text (Markdown)"
                description="## for a heading, - for a list, **bold**. Raw HTML is shown as text."
                value={form.body}
                onChange={(e) => setDraft({ ...form, body: e.currentTarget.value })}
                autosize
                minRows={12}
                maxRows={28}
                styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
                required
              />
              <Checkbox
                label="Published: patients see it under Learn"
                checked={form.published}
                onChange={(e) => setDraft({ ...form, published: e.currentTarget.checked })}
              />
              {error ? <ErrorAlert error={error} title="Could not save" /> : null}
              <Group>
                <Button onClick={save} loading={saving.isPending} disabled={!form.title.trim() || !form.body}>
                  Save as version {(current?.version ?? 0) + 1}
                </Button>
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="md">
              <Paper withBorder radius="md" p="md">
                <Text size="xs" c="dimmed" mb={4}>
                  {viewing ? `Version ${viewing.version}` : 'Preview'}
                </Text>
                <Title order={2} fz="lg" mb="xs">
                  {(viewing ?? form).title}
                </Title>
                <Markdown text={(viewing ?? form).body} />
                {viewing ? (
                  <Group mt="sm">
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => {
                        setDraft({
                          title: viewing.title,
                          summary: viewing.summary,
                          body: viewing.body,
                          published: viewing.published,
                        });
                        setViewing(null);
                      }}
                    >
                      Use this version's text
                    </Button>
                    <Button size="compact-sm" variant="default" onClick={() => setViewing(null)}>
                      Back to preview
                    </Button>
                  </Group>
                ) : null}
              </Paper>
              <div>
                <Title order={3} fz="md" mb="xs">
                  Versions
                </Title>
                <Stack gap={4} data-testid="article-versions">
                  {versions.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      Not saved yet.
                    </Text>
                  ) : null}
                  {versions.map((v) => (
                    <Group key={v.version} gap="xs" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant={viewing?.version === v.version ? 'filled' : 'subtle'}
                        onClick={() => setViewing(v)}
                      >
                        v{v.version}
                      </Button>
                      <Text size="xs">
                        {formatDateTime(v.updatedAt)} · {v.savedBy ?? 'Needlepoint default'}
                        {v.published ? '' : ' · hidden'}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </div>
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Modal>
  );
}
