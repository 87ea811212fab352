import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import type { Article } from '@needlepoint/core/contracts/education';
import { Loading } from '../../components/loading';
import { Markdown } from '../../components/markdown';
import { AnchorLink } from '../../components/router-links';
import { AreaMessages, useErrorText, useT } from '../../i18n/i18n';
import { useLocaleChoice } from '../../i18n/locale';
import { api, ApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { learnCatalogs } from './learn-messages';

/** One article of the clinic's library, its Markdown shown as text elements (no HTML is run). */
export function PortalArticlePage() {
  return (
    <AreaMessages catalogs={learnCatalogs}>
      <ArticleView />
    </AreaMessages>
  );
}

function ArticleView() {
  const t = useT();
  const errorText = useErrorText();
  const { slug = '' } = useParams({ strict: false });
  const { locale } = useLocaleChoice();
  const article = useApiQuery(keys.portal.article(slug, locale), (signal) =>
    api.get<typeof Article>(`/api/portal/articles/${slug}`, { language: locale }, signal),
  );
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal/learn" size="sm">
        ← {t('learn.back')}
      </AnchorLink>
      {article.isError ? (
        <Alert
          color={article.error instanceof ApiError && article.error.status === 404 ? 'gray' : 'red'}
          variant="light"
          role="alert"
        >
          {article.error instanceof ApiError && article.error.status === 404
            ? t('learn.notFound')
            : errorText(article.error)}
        </Alert>
      ) : !article.data ? (
        <Loading />
      ) : (
        <Paper
          withBorder
          radius="md"
          p={{ base: 'md', sm: 'lg' }}
          component="article"
          lang={article.data.language}
        >
          <Title order={1} fz={{ base: 24, sm: 28 }} mb={4}>
            {article.data.title}
          </Title>
          <Text size="xs" c="dimmed" mb="md">
            {t('learn.updated', { date: formatDate(article.data.updatedAt) })}
          </Text>
          <Markdown text={article.data.body} size="md" />
        </Paper>
      )}
      <Text size="sm" c="dimmed">
        {t('learn.questions')}
      </Text>
    </Stack>
  );
}
