import { useState } from 'react';
import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { roleLabels, staffRoles, type StaffRole } from '@needlepoint/core/auth/roles';
import type { StaffUser, StaffUserList } from '@needlepoint/core/contracts/users';
import { staffInvitationStatusLabels, type UpdateStaffUserRequest } from '@needlepoint/core/contracts/users';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { api, messageOf } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useUser } from '../../lib/session';
import { useApiMutation, useApiQuery, useInvalidate } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RequirePermission } from '../shell/require-permission';
import { AddUserModal } from './add-user-modal';

export function UsersPage() {
  return (
    <RequirePermission permission="users:manage">
      <UsersView />
    </RequirePermission>
  );
}

function isLocked(user: StaffUser, now: number): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

function UsersView() {
  const me = useUser();
  const list = useApiQuery(keys.users.list, (signal) =>
    api.get<typeof StaffUserList>('/api/users', undefined, signal),
  );
  const invalidate = useInvalidate();
  const [adding, setAdding] = useState(false);
  const [deactivating, setDeactivating] = useState<StaffUser | null>(null);
  const now = Date.now();

  const change = useApiMutation({
    mutationFn: ({
      user,
      change,
    }: {
      user: StaffUser;
      change: UpdateStaffUserRequest | 'resend';
      done: string;
    }) =>
      change === 'resend'
        ? api.post<typeof StaffUser>(`/api/users/${user.id}/invitation`)
        : api.patch<typeof StaffUser>(`/api/users/${user.id}`, change),
    invalidates: [keys.users.list],
    onSuccess: (_saved, { done }) => notifications.show({ color: 'green', message: done }),
    onError: (error) => notifications.show({ color: 'red', title: 'Not changed', message: messageOf(error) }),
  });
  const pending = change.isPending ? change.variables.user.id : null;
  const update = (user: StaffUser, to: UpdateStaffUserRequest | 'resend', done: string) =>
    change.mutate({ user, change: to, done });

  return (
    <>
      <PageHeader
        title="Users"
        description="Staff who can sign in to this clinic."
        actions={<Button onClick={() => setAdding(true)}>Add staff user</Button>}
      />
      {list.isError && !list.data ? (
        <ErrorAlert error={list.error} title="Could not load users" onRetry={() => void list.refetch()} />
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" data-testid="user-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Two-factor</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.users.map((user) => {
                const self = user.id === me.id;
                const locked = isLocked(user, now);
                const busy = pending === user.id;
                const invitation = user.invitation;
                const invited = invitation !== null && invitation.status !== 'accepted';
                return (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {user.name}
                        {self ? (
                          <Text span c="dimmed" fw={400}>
                            {' '}
                            (you)
                          </Text>
                        ) : null}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Role of ${user.name}`}
                        size="xs"
                        value={user.role}
                        disabled={self || busy || !user.active}
                        data={staffRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
                        onChange={(e) => {
                          const role = e.currentTarget.value as StaffRole;
                          update(user, { role }, `${user.name} is now ${roleLabels[role]}.`);
                        }}
                        w={140}
                      />
                    </Table.Td>
                    <Table.Td>
                      {!user.active ? (
                        <Badge color="gray" variant="light">
                          Deactivated
                        </Badge>
                      ) : invited ? (
                        <Stack gap={2} align="flex-start">
                          <Badge color={invitation.status === 'expired' ? 'orange' : 'blue'} variant="light">
                            {staffInvitationStatusLabels[invitation.status]}
                          </Badge>
                          <Text size="xs" c="dimmed">
                            {invitation.status === 'expired' ? 'Expired' : 'Link works until'}{' '}
                            {formatDateTime(invitation.expiresAt)}
                          </Text>
                        </Stack>
                      ) : locked ? (
                        <Badge color="orange" variant="light">
                          Locked
                        </Badge>
                      ) : (
                        <Badge color="green" variant="light">
                          Active
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{user.totpEnabled ? 'On' : 'Off'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {invited && user.active ? (
                          <Button
                            size="xs"
                            variant="light"
                            loading={busy}
                            aria-label={`Resend invitation to ${user.name}`}
                            onClick={() =>
                              update(user, 'resend', `A new invitation was sent to ${user.email}.`)
                            }
                          >
                            Resend invitation
                          </Button>
                        ) : null}
                        {locked ? (
                          <Button
                            size="xs"
                            variant="light"
                            loading={busy}
                            onClick={() => update(user, { unlock: true }, `${user.name} can sign in again.`)}
                          >
                            Unlock
                          </Button>
                        ) : null}
                        {self ? null : user.active ? (
                          <Button
                            size="xs"
                            variant="default"
                            loading={busy}
                            aria-label={`Deactivate ${user.name}`}
                            onClick={() => setDeactivating(user)}
                          >
                            Deactivate
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="default"
                            loading={busy}
                            aria-label={`Reactivate ${user.name}`}
                            onClick={() => update(user, { active: true }, `${user.name} can sign in again.`)}
                          >
                            Reactivate
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={deactivating ? `Deactivate ${deactivating.name}?` : ''}
      >
        <Text size="sm">
          They will be signed out and can no longer sign in. Their name stays in the audit log. You can
          reactivate them later.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setDeactivating(null)} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => {
              const user = deactivating;
              setDeactivating(null);
              if (user) update(user, { active: false }, `${user.name} was deactivated.`);
            }}
          >
            Deactivate
          </Button>
        </Group>
      </Modal>
      {adding ? (
        <AddUserModal
          onClose={() => setAdding(false)}
          onCreated={(user) => {
            setAdding(false);
            invalidate(keys.users.list);
            notifications.show({
              color: 'green',
              message: `${user.name} was added. An invitation was sent to ${user.email}.`,
            });
          }}
        />
      ) : null}
      <Stack mt="md">
        <Text size="xs" c="dimmed">
          Owners must use two-factor sign-in. A user is locked for 15 minutes after 5 wrong passwords; unlock
          lets them try again at once.
        </Text>
      </Stack>
    </>
  );
}
