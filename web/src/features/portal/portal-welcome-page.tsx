import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Ok } from '@needlepoint/core/contracts/common';
import { InvitationView } from '@needlepoint/core/contracts/portal';
import { Loading } from '../../components/loading';
import { api, ApiError, messageOf } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { AnchorLink } from '../../components/router-links';
import { CenteredCard } from '../auth/centered-card';
import { NewPasswordForm } from '../auth/new-password-form';

const route = getRouteApi('/portal/welcome');

/** The link from the clinic's invitation email: the patient chooses a password and lands in the portal. */
export function PortalWelcomePage() {
  const { token } = route.useSearch();
  const invitation = useApi(
    (signal) =>
      token
        ? api.get(`/api/portal/invitations/${encodeURIComponent(token)}`, InvitationView, undefined, signal)
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
          <Loading label="Opening your invitation…" />
        )}
      </Paper>
    </CenteredCard>
  );
}

function InvitationProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const code = error instanceof ApiError ? error.code : '';
  const title =
    code === 'PORTAL_INVITATION_EXPIRED'
      ? 'This invitation link has expired'
      : code === 'PORTAL_INVITATION_INVALID'
        ? 'This invitation link does not work'
        : 'We could not open your invitation';
  return (
    <Stack gap="md" data-testid="invitation-problem">
      <Title order={1} fz={24}>
        {title}
      </Title>
      {code === 'PORTAL_INVITATION_EXPIRED' ? (
        <Text>
          Invitation links work for 7 days. Please ask the clinic to send you a new link — they can do it
          while you are on the phone.
        </Text>
      ) : code === 'PORTAL_INVITATION_INVALID' ? (
        <Text>
          The link may already have been used, or it was copied only in part. If you have already set your
          password, sign in below. Otherwise, please ask the clinic for a new link.
        </Text>
      ) : (
        <>
          <Alert color="red" variant="light" role="alert">
            {messageOf(error)}
          </Alert>
          <Button variant="default" onClick={onRetry}>
            Try again
          </Button>
        </>
      )}
      <AnchorLink to="/sign-in" size="md">
        Go to sign in
      </AnchorLink>
    </Stack>
  );
}

function SetPasswordForm({ token, invitation }: { token: string; invitation: InvitationView }) {
  const session = useSession();
  const navigate = useNavigate();
  return (
    <NewPasswordForm
      title={`Welcome, ${invitation.givenName}`}
      intro={
        <>
          {invitation.clinicName} has invited you to your patient page. Choose a password to finish setting it
          up.
          <Text size="sm" mt="md" component="span" display="block">
            You will sign in with <strong>{invitation.email}</strong>.
          </Text>
        </>
      }
      submitLabel="Set password and continue"
      save={async (password) => {
        await api.post(`/api/portal/invitations/${encodeURIComponent(token)}/accept`, Ok, { password });
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
