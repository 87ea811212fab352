import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RecoveryCodesResponse, RecoveryCodeStatus } from '@needlepoint/core/contracts/auth';
import type { Ok } from '@needlepoint/core/contracts/common';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { api, ApiError } from '../../lib/api';
import { useSession, useUser } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { RecoveryCodesList } from './recovery-codes-list';
import { TotpSetupPanel } from './totp-setup-panel';

/** Any signed-in user: change the password, turn on two-factor sign-in. */
export function SecurityPage() {
  return (
    <>
      <PageHeader title="Security" description="Your password and two-factor sign-in." />
      <Stack gap="lg" maw={640}>
        <ChangePasswordCard />
        <TwoFactorCard />
      </Stack>
    </>
  );
}

type PasswordErrors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm', string>>;

function ChangePasswordCard() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: PasswordErrors = {};
    if (!currentPassword) next.currentPassword = 'Enter your current password';
    if (newPassword.length < 10) next.newPassword = 'Use at least 10 characters';
    if (confirm !== newPassword) next.confirm = 'The two new passwords are not the same';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await api.post<typeof Ok>('/api/auth/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      notifications.show({
        color: 'green',
        title: 'Password changed',
        message: 'Any other devices signed in to your account were signed out.',
      });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        setErrors({
          currentPassword: error.fieldError('currentPassword'),
          newPassword: error.fieldError('newPassword'),
        });
        if (error.code === 'AUTH_INVALID_CREDENTIALS') {
          setErrors({ currentPassword: 'The current password is not correct' });
        }
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="pw-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="lg" id="pw-title">
            Change password
          </Title>
          {formError ? <ErrorAlert error={formError} title="Password not changed" /> : null}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
            required
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters. A few unrelated words are easy to remember and hard to guess."
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={errors.newPassword}
            required
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            required
          />
          <Group>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TwoFactorCard() {
  const session = useSession();
  const user = useUser();
  const [settingUp, setSettingUp] = useState(false);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="tf-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="lg" id="tf-title">
            Two-factor sign-in
          </Title>
          <Badge color={user.totpEnabled ? 'green' : 'gray'} variant="light">
            {user.totpEnabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        {user.totpEnabled ? (
          <>
            <Text size="sm">
              Signing in needs your password and a 6-digit code from your authenticator app. If you lose your
              phone, sign in with one of your recovery codes instead.
            </Text>
            <RecoveryCodesSection />
          </>
        ) : settingUp ? (
          <TotpSetupPanel
            onEnabled={(next) => {
              session.signedIn(next);
              setSettingUp(false);
              notifications.show({ color: 'green', message: 'Two-factor sign-in is on.' });
            }}
          />
        ) : (
          <>
            <Alert variant="light" color="blue">
              Add a code from your phone to each sign-in, so a stolen password alone cannot open your account.
            </Alert>
            <Group>
              <Button onClick={() => setSettingUp(true)}>Set up two-factor sign-in</Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** How many recovery codes are left, and a new set (after the password) that replaces the old one. */
function RecoveryCodesSection() {
  const user = useUser();
  const status = useApi(
    (signal) => api.get<typeof RecoveryCodeStatus>('/api/auth/recovery-codes', undefined, signal),
    [],
  );
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  function close() {
    setAsking(false);
    setPassword('');
    setPasswordError(undefined);
    setFormError(null);
    setCodes(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setPasswordError('Enter your password');
      return;
    }
    setPasswordError(undefined);
    setFormError(null);
    setBusy(true);
    try {
      const made = await api.post<typeof RecoveryCodesResponse>('/api/auth/recovery-codes', { password });
      setCodes(made.recoveryCodes);
      setPassword('');
      status.reload();
    } catch (error) {
      if (error instanceof ApiError && error.fieldError('password')) {
        setPasswordError('The password is not correct');
      } else {
        setFormError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const left = status.data;
  return (
    <>
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="recovery-codes-left">
          {left
            ? left.total === 0
              ? 'You have no recovery codes yet.'
              : `Recovery codes: ${left.remaining} of ${left.total} unused.`
            : 'Recovery codes…'}
        </Text>
        <Button variant="default" size="xs" onClick={() => setAsking(true)}>
          Make new recovery codes
        </Button>
      </Group>
      <Modal opened={asking} onClose={close} title="New recovery codes">
        {codes ? (
          <Stack gap="md">
            <Alert color="green" variant="light">
              Your old recovery codes no longer work. Save these now: they are shown only once.
            </Alert>
            <RecoveryCodesList codes={codes} account={user.email} />
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm">
                The codes you have now will stop working. Enter your password to continue.
              </Text>
              {formError ? <ErrorAlert error={formError} title="No new codes made" /> : null}
              <PasswordInput
                label="Your password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordError}
                required
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy}>
                  Make new codes
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
