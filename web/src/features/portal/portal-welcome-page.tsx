import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { Ok } from '@needlepoint/core/contracts/common';
import { InvitationView } from '@needlepoint/core/contracts/portal';
import { Loading } from '../../components/loading';
import { api, ApiError, messageOf } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { AnchorLink } from '../../components/router-links';
import { CenteredCard } from '../auth/centered-card';

const route = getRouteApi('/portal/welcome');

const minLength = 10;

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
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (password.length < minLength) next.password = `Use at least ${minLength} characters`;
    if (!next.password && confirm !== password) next.confirm = 'The two passwords are not the same';
    setErrors(next);
    setFormError(null);
    if (next.password || next.confirm) return;
    setBusy(true);
    try {
      await api.post(`/api/portal/invitations/${encodeURIComponent(token)}/accept`, Ok, { password });
      await session.refresh();
      await navigate({ to: '/portal', replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.fieldError('password')) {
        setErrors({ password: error.fieldError('password') });
      } else {
        setFormError(error);
      }
      setBusy(false);
    }
  }

  if (formError instanceof ApiError && formError.code.startsWith('PORTAL_INVITATION_')) {
    return <InvitationProblem error={formError} onRetry={() => setFormError(null)} />;
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="welcome-title">
      <Stack gap="md">
        <div>
          <Title order={1} fz={26} id="welcome-title">
            Welcome, {invitation.givenName}
          </Title>
          <Text mt={6}>
            {invitation.clinicName} has invited you to your patient page. Choose a password to finish setting
            it up.
          </Text>
        </div>
        <Text size="sm">
          You will sign in with <strong>{invitation.email}</strong>.
        </Text>
        {formError ? (
          <Alert color="red" variant="light" role="alert">
            {messageOf(formError)}
          </Alert>
        ) : null}
        <PasswordInput
          label="New password"
          description={`At least ${minLength} characters. A short sentence is easy to remember.`}
          autoComplete="new-password"
          size="md"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
          autoFocus
        />
        <PasswordInput
          label="Type the password again"
          autoComplete="new-password"
          size="md"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errors.confirm}
          required
        />
        <Button type="submit" size="md" loading={busy} fullWidth>
          Set password and continue
        </Button>
      </Stack>
    </form>
  );
}
