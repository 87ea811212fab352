import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RecoveryCodesResponse, RecoveryCodeStatus } from '@needlepoint/core/contracts/auth';
import type { Ok } from '@needlepoint/core/contracts/common';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { api } from '../../lib/api';
import { useSession, useUser } from '../../lib/session';
import { useApiMutation, useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { RecoveryCodesList } from './recovery-codes-list';
import { TotpSetupPanel } from './totp-setup-panel';
import { Translations, useErrorText, useT } from '../../i18n/i18n';
import { securityCatalogs } from './auth-translations';
import { LazyAreaMessages } from '../../i18n/lazy-area-messages';

const minLength = 10;

/**
 * Any signed-in user: change the password, turn on two-factor sign-in. In the portal's translations (a patient
 * reads it in their language); `StaffSecurityPage` gives staff the same page in English.
 */
export function SecurityPage() {
  return (
    <LazyAreaMessages catalogs={securityCatalogs}>
      <Security />
    </LazyAreaMessages>
  );
}

/** The staff app's page: the same words, from the catalogs, in English (staff screens stay English). */
export function StaffSecurityPage() {
  return (
    <Translations>
      <SecurityPage />
    </Translations>
  );
}

function Security() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <Stack gap="lg" maw={640}>
        <ChangePasswordCard />
        <TwoFactorCard />
      </Stack>
    </>
  );
}

type PasswordErrors = Partial<Record<'currentPassword' | 'newPassword' | 'confirm', string>>;

function ChangePasswordCard() {
  const t = useT();
  const errorText = useErrorText();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const change = useApiMutation({
    mutationFn: () => api.post<typeof Ok>('/api/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      notifications.show({
        color: 'green',
        title: t('security.password.changed'),
        message: t('security.password.changedBody'),
      });
    },
    onError: (error) => {
      if (error.code === 'AUTH_PASSWORD_INCORRECT') {
        setErrors({ currentPassword: t('security.password.wrongCurrent') });
      } else if (error.fields.length > 0) {
        setErrors(
          error.fieldError('currentPassword')
            ? { currentPassword: errorText(error) }
            : { newPassword: errorText(error) },
        );
      } else {
        setFormError(error);
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: PasswordErrors = {};
    if (!currentPassword) next.currentPassword = t('security.password.enterCurrent');
    if (newPassword.length < minLength)
      next.newPassword = t('security.password.tooShort', { min: minLength });
    if (confirm !== newPassword) next.confirm = t('security.password.mismatch');
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length === 0) change.mutate();
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="pw-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="lg" id="pw-title">
            {t('security.password.title')}
          </Title>
          {formError ? <ErrorAlert error={formError} title={t('security.password.notChanged')} /> : null}
          <PasswordInput
            label={t('security.password.current')}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
            required
          />
          <PasswordInput
            label={t('security.password.new')}
            description={t('security.password.hint', { min: minLength })}
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.currentTarget.value)}
            error={errors.newPassword}
            required
          />
          <PasswordInput
            label={t('security.password.again')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            required
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('security.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function TwoFactorCard() {
  const t = useT();
  const session = useSession();
  const user = useUser();
  const [settingUp, setSettingUp] = useState(false);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="tf-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="lg" id="tf-title">
            {t('security.twoFactor.title')}
          </Title>
          <Badge color={user.totpEnabled ? 'green' : 'gray'} variant="light">
            {user.totpEnabled ? t('security.twoFactor.on') : t('security.twoFactor.off')}
          </Badge>
        </Group>
        {user.totpEnabled ? (
          <>
            <Text size="sm">{t('security.twoFactor.onBody')}</Text>
            <RecoveryCodesSection />
          </>
        ) : settingUp ? (
          <TotpSetupPanel
            onEnabled={(next) => {
              session.signedIn(next);
              setSettingUp(false);
              notifications.show({ color: 'green', message: t('security.twoFactor.turnedOn') });
            }}
          />
        ) : (
          <>
            <Alert variant="light" color="blue">
              {t('security.twoFactor.why')}
            </Alert>
            <Group>
              <Button onClick={() => setSettingUp(true)}>{t('security.twoFactor.setUp')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** How many recovery codes are left, and a new set (after the password) that replaces the old one. */
function RecoveryCodesSection() {
  const t = useT();
  const user = useUser();
  const status = useApiQuery(keys.account.recoveryCodes, (signal) =>
    api.get<typeof RecoveryCodeStatus>('/api/auth/recovery-codes', undefined, signal),
  );
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [formError, setFormError] = useState<unknown>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const make = useApiMutation({
    mutationFn: () => api.post<typeof RecoveryCodesResponse>('/api/auth/recovery-codes', { password }),
    invalidates: [keys.account.recoveryCodes],
    onSuccess: (made) => {
      setCodes(made.recoveryCodes);
      setPassword('');
    },
    onError: (error) => {
      if (error.code === 'AUTH_PASSWORD_INCORRECT') setPasswordError(t('security.recovery.wrongPassword'));
      else setFormError(error);
    },
  });

  function close() {
    setAsking(false);
    setPassword('');
    setPasswordError(undefined);
    setFormError(null);
    setCodes(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setPasswordError(t('security.recovery.enterPassword'));
      return;
    }
    setPasswordError(undefined);
    setFormError(null);
    make.mutate();
  }

  const left = status.data;
  return (
    <>
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="recovery-codes-left">
          {left
            ? left.total === 0
              ? t('security.recovery.none')
              : t('security.recovery.left', { remaining: left.remaining, total: left.total })
            : t('security.recovery.loading')}
        </Text>
        <Button variant="default" size="xs" onClick={() => setAsking(true)}>
          {t('security.recovery.make')}
        </Button>
      </Group>
      <Modal opened={asking} onClose={close} title={t('security.recovery.modalTitle')}>
        {codes ? (
          <Stack gap="md">
            <Alert color="green" variant="light">
              {t('security.recovery.oldGone')}
            </Alert>
            <RecoveryCodesList codes={codes} account={user.email} />
            <Group justify="flex-end">
              <Button onClick={close}>{t('security.recovery.done')}</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text size="sm">{t('security.recovery.confirm')}</Text>
              {formError ? <ErrorAlert error={formError} title={t('security.recovery.notMade')} /> : null}
              <PasswordInput
                label={t('security.recovery.password')}
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordError}
                required
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('security.recovery.cancel')}
                </Button>
                <Button type="submit" loading={make.isPending}>
                  {t('security.recovery.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
