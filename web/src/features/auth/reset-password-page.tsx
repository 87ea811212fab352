import { useState } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { Ok } from '@needlepoint/core/contracts/common';
import { Loading } from '../../components/loading';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError } from '../../lib/api';
import { useApi } from '../../lib/use-api';
import { CenteredCard } from './centered-card';
import { LinkProblem, NewPasswordForm } from './new-password-form';

const route = getRouteApi('/reset-password');

/** The link from a password reset email: a new password, then sign in with it (every other session has ended). */
export function ResetPasswordPage() {
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
    <CenteredCard size={460}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {done ? (
          <Stack gap="md" role="status">
            <Title order={1} fz={26}>
              Your password is changed
            </Title>
            <Text>
              Any device that was signed in to your account has been signed out. Sign in with your new
              password.
            </Text>
            <AnchorLink to="/sign-in" size="md">
              Go to sign in
            </AnchorLink>
          </Stack>
        ) : link.status === 'error' ? (
          <LinkProblem error={link.error} />
        ) : link.data ? (
          <NewPasswordForm
            title="Choose a new password"
            intro="Your old password stops working once you save the new one."
            submitLabel="Save new password"
            save={save}
          />
        ) : (
          <Loading label="Opening your link…" />
        )}
      </Paper>
    </CenteredCard>
  );
}
