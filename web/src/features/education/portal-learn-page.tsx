import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import type { PortalArticleList } from '@needlepoint/core/contracts/education';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { AreaMessages, useErrorText, useT } from '../../i18n/i18n';
import { useLocaleChoice } from '../../i18n/locale';
import { api } from '../../lib/api';
import { useUser } from '../../lib/session';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { learnCatalogs } from './learn-messages';

/** The clinic's education library in the patient's language: the list of articles. */
export function PortalLearnPage() {
  return (
    <AreaMessages catalogs={learnCatalogs}>
      <LearnList />
    </AreaMessages>
  );
}

function LearnList() {
  const t = useT();
  const errorText = useErrorText();
  const user = useUser();
  const { locale } = useLocaleChoice();
  const list = useApiQuery(keys.portal.articles(locale), (signal) =>
    api.get<typeof PortalArticleList>('/api/portal/articles', { language: locale }, signal),
  );
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('learn.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('learn.intro', { clinic: user.clinicName })}
        </Text>
      </div>
      {list.isError ? (
        <Alert color="red" variant="light" role="alert" title={t('learn.loadFailed')}>
          {errorText(list.error)}
        </Alert>
      ) : !list.data ? (
        <Loading />
      ) : list.data.articles.length === 0 ? (
        <Text c="dimmed">{t('learn.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.articles.map((article) => (
            <Paper key={article.slug} component="li" withBorder radius="md" p="md">
              <AnchorLink
                to="/portal/learn/$slug"
                params={{ slug: article.slug }}
                fw={700}
                size="lg"
                data-testid={`article-${article.slug}`}
              >
                {article.title}
              </AnchorLink>
              {article.summary ? (
                <Text size="sm" c="dimmed" mt={4}>
                  {article.summary}
                </Text>
              ) : null}
            </Paper>
          ))}
        </Stack>
      )}
      <AnchorLink to="/portal" size="sm">
        {t('common.backHome')}
      </AnchorLink>
    </Stack>
  );
}
