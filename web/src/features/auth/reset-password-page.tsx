import { useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { Ok } from '@needlepoint/core/contracts/common';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { CenteredCard } from './centered-card';
import { Translations, useT } from '../../i18n/i18n';
import { DeviceLanguageChoice, authCatalogs, signInCatalogs } from './auth-translations';
import { LazyAreaMessages } from '../../i18n/lazy-area-messages';
import { LinkProblem, NewPasswordForm } from './new-password-form';
import { useNewPasswordLabels } from './new-password-labels';

const route = getRouteApi('/reset-password');

/** The link from a password reset email: a new password, then sign in with it (every other session has ended). */
export function ResetPasswordPage() {
  return (
    <Translations>
      <LazyAreaMessages catalogs={signInCatalogs}>
        <LazyAreaMessages catalogs={authCatalogs}>
          <ResetPassword />
        </LazyAreaMessages>
      </LazyAreaMessages>
    </Translations>
  );
}

function ResetPassword() {
  const t = useT();
  const labels = useNewPasswordLabels();
  const { token } = route.useSearch();
  const [done, setDone] = useState(false);
  const link = useApi(
    (signal) =>
      token
        ? api.get<typeof Ok>(`/api/auth/password-reset/${encodeURIComponent(token)}`, undefined, signal)
        : Promise.reject(new ApiError({ code: 'AUTH_TOKEN_INVALID', message: '', status: 404 })),
    [token],
  );

  async function save(password: string) {
    await api.post<typeof Ok>(`/api/auth/password-reset/${encodeURIComponent(token ?? '')}`, { password });
    setDone(true);
  }

  return (
    <CenteredCard size={460} aside={<DeviceLanguageChoice />}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {done ? (
          <Stack gap="md" role="status">
            <Title order={1} fz={26}>
              {t('auth.reset.doneTitle')}
            </Title>
            <Text>{t('auth.reset.done')}</Text>
            <AnchorLink to="/sign-in" size="md">
              {t('auth.goToSignIn')}
            </AnchorLink>
          </Stack>
        ) : link.status === 'error' ? (
          <LinkProblem error={link.error} texts={labels.link} />
        ) : link.data ? (
          <NewPasswordForm
            title={t('auth.reset.title')}
            intro={t('auth.reset.intro')}
            submitLabel={t('auth.reset.submit')}
            save={save}
            labels={labels}
          />
        ) : (
          <Loading label={t('auth.reset.opening')} />
        )}
      </Paper>
    </CenteredCard>
  );
}
