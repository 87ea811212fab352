import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Ok } from '@needlepoint/core/contracts/common';
import type { InvitationView } from '@needlepoint/core/contracts/portal';
import { Loading } from '../../components/loading';
import { api, ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { AnchorLink } from '../../components/router-links';
import { CenteredCard } from '../auth/centered-card';
import { NewPasswordForm } from '../auth/new-password-form';
import { AreaMessages, Translations, useErrorText, useT } from '../../i18n/i18n';
import en from '../../i18n/welcome/en.json';
import es from '../../i18n/welcome/es.json';

const welcomeCatalogs = { en, es };

const route = getRouteApi('/portal/welcome');

/** The link from the clinic's invitation email: the patient chooses a password and lands in the portal. */
export function PortalWelcomePage() {
  return (
    <Translations>
      <AreaMessages catalogs={welcomeCatalogs}>
        <Welcome />
      </AreaMessages>
    </Translations>
  );
}

function Welcome() {
  const t = useT();
  const { token } = route.useSearch();
  const invitation = useApi(
    (signal) =>
      token
        ? api.get<typeof InvitationView>(
            `/api/portal/invitations/${encodeURIComponent(token)}`,
            undefined,
            signal,
          )
        : Promise.reject(new ApiError({ code: 'PORTAL_INVITATION_INVALID', message: '', status: 404 })),
    [token],
  );

  return (
    <CenteredCard size={460}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {invitation.status === 'error' ? (
          <InvitationProblem error={invitation.error} onRetry={invitation.reload} />
        ) : invitation.data ? (
          <SetPasswordForm token={token ?? ''} invitation={invitation.data} />
        ) : (
          <Loading label={t('welcome.opening')} />
        )}
      </Paper>
    </CenteredCard>
  );
}

function InvitationProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const code = error instanceof ApiError ? error.code : '';
  const title =
    code === 'PORTAL_INVITATION_EXPIRED'
      ? t('welcome.expired')
      : code === 'PORTAL_INVITATION_INVALID'
        ? t('welcome.invalid')
        : t('welcome.failed');
  return (
    <Stack gap="md" data-testid="invitation-problem">
      <Title order={1} fz={24}>
        {title}
      </Title>
      {code === 'PORTAL_INVITATION_EXPIRED' ? (
        <Text>{t('welcome.expiredBody')}</Text>
      ) : code === 'PORTAL_INVITATION_INVALID' ? (
        <Text>{t('welcome.invalidBody')}</Text>
      ) : (
        <>
          <Alert color="red" variant="light" role="alert">
            {errorText(error)}
          </Alert>
          <Button variant="default" onClick={onRetry}>
            {t('common.tryAgain')}
          </Button>
        </>
      )}
      <AnchorLink to="/sign-in" size="md">
        {t('welcome.signIn')}
      </AnchorLink>
    </Stack>
  );
}

function SetPasswordForm({ token, invitation }: { token: string; invitation: InvitationView }) {
  const t = useT();
  const errorText = useErrorText();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <NewPasswordForm
      title={t('welcome.title', { name: invitation.givenName })}
      intro={
        <>
          {t('welcome.intro', { clinic: invitation.clinicName })}
          <Text size="sm" mt="md" component="span" display="block">
            {t.rich('welcome.email', { b: (chunks) => <strong>{chunks}</strong>, email: invitation.email })}
          </Text>
        </>
      }
      submitLabel={t('welcome.submit')}
      labels={{
        password: t('welcome.password'),
        passwordHint: (min) => t('welcome.passwordHint', { min }),
        confirm: t('welcome.confirm'),
        tooShort: (min) => t('welcome.tooShort', { min }),
        mismatch: t('welcome.mismatch'),
        errorText,
      }}
      save={async (password) => {
        await api.post<typeof Ok>(`/api/portal/invitations/${encodeURIComponent(token)}/accept`, {
          password,
        });
        await session.refresh();
        await navigate({ to: '/portal', replace: true });
      }}
      problem={(error, retry) =>
        error.code.startsWith('PORTAL_INVITATION_') ? (
          <InvitationProblem error={error} onRetry={retry} />
        ) : null
      }
    />
  );
}
