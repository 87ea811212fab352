import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Code, Group, List, Stack, Text, TextInput } from '@mantine/core';
import type { TotpEnableResponse, TotpSetupResponse } from '@needlepoint/core/contracts/auth';
import type { CurrentUser } from '@needlepoint/core/contracts/auth';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { QrCode } from '../../components/qr-code';
import { api, ApiError } from '../../lib/api';
import { RecoveryCodesList } from './recovery-codes-list';
import { useT } from '../../i18n/i18n';

/** `ABCD EFGH IJKL …`: easier to copy by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Starts two-factor setup, shows the key as a QR code and as text (and the otpauth link), turns two-factor
 * sign-in on once a code from the app matches, then shows the one-time recovery codes until they are saved.
 */
export function TotpSetupPanel({ onEnabled }: { onEnabled: (user: CurrentUser) => void }) {
  const t = useT();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [enabled, setEnabled] = useState<TotpEnableResponse | null>(null);
  // Each setup call makes a new secret: never call it twice for one screen (React may run effects twice).
  const started = useRef(false);

  function start() {
    setSetupError(null);
    api.post<typeof TotpSetupResponse>('/api/auth/totp/setup').then(setSetup, setSetupError);
  }

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitError(null);
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('security.totp.enterCode'));
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    try {
      setEnabled(await api.post<typeof TotpEnableResponse>('/api/auth/totp/enable', { code }));
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'AUTH_TOTP_INVALID' || error.fieldError('code'))) {
        setCodeError(t('security.totp.mismatch'));
        setCode('');
      } else {
        setSubmitError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  if (enabled) {
    return (
      <Stack gap="md">
        <Alert color="green" variant="light" title={t('security.totp.onTitle')}>
          {t('security.totp.saveCodes')}
        </Alert>
        <RecoveryCodesList codes={enabled.recoveryCodes} account={enabled.user.email} />
        <Group>
          <Button onClick={() => onEnabled(enabled.user)}>{t('security.totp.saved')}</Button>
        </Group>
      </Stack>
    );
  }

  if (setupError)
    return <ErrorAlert error={setupError} title={t('security.totp.startFailed')} onRetry={start} />;
  if (!setup) return <Loading label={t('security.totp.preparing')} />;

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t('security.totp.step1')}</List.Item>
        <List.Item>{t('security.totp.step2')}</List.Item>
        <List.Item>{t('security.totp.step3')}</List.Item>
      </List>
      <QrCode value={setup.otpauthUri} label={t('security.totp.qr')} />
      <div>
        <Text size="sm" fw={600} id="totp-secret-label">
          {t('security.totp.key')}
        </Text>
        <Code
          block
          data-testid="totp-secret"
          aria-labelledby="totp-secret-label"
          fz={{ base: 'md', sm: 'lg' }}
          style={{
            userSelect: 'all',
            letterSpacing: '0.08em',
            wordBreak: 'break-word',
            whiteSpace: 'normal',
          }}
        >
          {groupSecret(setup.secret)}
        </Code>
        <Text size="xs" c="dimmed" mt={4}>
          {t('security.totp.keyNote')}
        </Text>
      </div>
      <div>
        <Text size="sm" fw={600} id="totp-uri-label">
          {t('security.totp.link')}
        </Text>
        <Code
          block
          aria-labelledby="totp-uri-label"
          style={{ userSelect: 'all', wordBreak: 'break-all', whiteSpace: 'normal' }}
        >
          {setup.otpauthUri}
        </Code>
        <Anchor href={setup.otpauthUri} size="sm" mt={4} display="inline-block">
          {t('security.totp.openApp')}
        </Anchor>
      </div>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {submitError ? <ErrorAlert error={submitError} title={t('security.totp.enableFailed')} /> : null}
          <TextInput
            label={t('security.totp.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            error={codeError}
            required
            styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('security.totp.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
