import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { UnsubscribeView } from '@needlepoint/core/contracts/messages';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { AreaMessages, Translations, useErrorText, useT } from '../../i18n/i18n';
import { messagesCatalogs } from './messages-catalogs';
import { CenteredCard } from '../auth/centered-card';

const route = getRouteApi('/unsubscribe/$token');

/** The link at the foot of a tip or reminder email: one button turns non-essential messages off. */
export function UnsubscribePage() {
  return (
    <Translations>
      <AreaMessages catalogs={messagesCatalogs}>
        <Unsubscribe />
      </AreaMessages>
    </Translations>
  );
}

function Unsubscribe() {
  const t = useT();
  const errorText = useErrorText();
  const { token } = route.useParams();
  const path = `/api/messages/unsubscribe/${encodeURIComponent(token)}`;
  const view = useApi((signal) => api.get<typeof UnsubscribeView>(path, undefined, signal), [token]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      view.setData(await api.post<typeof UnsubscribeView>(path, {}));
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredCard size={460}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        <Stack gap="md">
          <Title order={1} fz={24}>
            {t('messages.unsubscribe.title')}
          </Title>
          {view.status === 'error' ? (
            <Text>{t('messages.unsubscribe.invalid')}</Text>
          ) : !view.data ? (
            <Loading />
          ) : done || !view.data.nonEssential ? (
            <Text data-testid="unsubscribed">
              {t('messages.unsubscribe.done', { clinic: view.data.clinicName })}
            </Text>
          ) : (
            <>
              <Text>{t('messages.unsubscribe.body', { clinic: view.data.clinicName })}</Text>
              {error ? (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              ) : null}
              <Button onClick={() => void stop()} loading={busy}>
                {t('messages.unsubscribe.confirm')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </CenteredCard>
  );
}
