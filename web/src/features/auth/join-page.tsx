import { Paper, Text } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { roleLabels } from '@needlepoint/core/auth/roles';
import type { Ok } from '@needlepoint/core/contracts/common';
import type { StaffInvitationView } from '@needlepoint/core/contracts/users';
import { Loading } from '../../components/loading';
import { api, ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { CenteredCard } from './centered-card';
import { LinkProblem, NewPasswordForm } from './new-password-form';

const route = getRouteApi('/join');

/**
 * The link from a staff invitation email: the new staff member chooses their password and is signed in (an owner
 * then sets up two-factor sign-in before anything else).
 */
export function JoinPage() {
  const { token } = route.useSearch();
  const session = useSession();
  const navigate = useNavigate();
  const invitation = useApi(
    (signal) =>
      token
        ? api.get<typeof StaffInvitationView>(
            `/api/staff-invitations/${encodeURIComponent(token)}`,
            undefined,
            signal,
          )
        : Promise.reject(new ApiError({ code: 'AUTH_TOKEN_INVALID', message: '', status: 404 })),
    [token],
  );

  async function save(password: string) {
    await api.post<typeof Ok>(`/api/staff-invitations/${encodeURIComponent(token ?? '')}/accept`, {
      password,
    });
    await session.refresh();
    await navigate({ to: '/', replace: true });
  }

  const view = invitation.data;
  return (
    <CenteredCard size={460}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {invitation.status === 'error' ? (
          <LinkProblem error={invitation.error} kind="invitation" />
        ) : view ? (
          <NewPasswordForm
            title={`Welcome, ${view.name}`}
            intro={
              <>
                {view.clinicName} has added you as {roleLabels[view.role].toLowerCase()}. Choose a password to
                sign in as <strong>{view.email}</strong>.
                {view.role === 'owner' ? (
                  <Text span> Next you will set up two-factor sign-in with your phone.</Text>
                ) : null}
              </>
            }
            submitLabel="Set password and sign in"
            save={save}
          />
        ) : (
          <Loading label="Opening your invitation…" />
        )}
      </Paper>
    </CenteredCard>
  );
}
