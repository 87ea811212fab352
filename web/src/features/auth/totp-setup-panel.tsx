import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Code, Group, List, Stack, Text, TextInput } from '@mantine/core';
import type { TotpEnableResponse, TotpSetupResponse } from '@needlepoint/core/contracts/auth';
import type { CurrentUser } from '@needlepoint/core/contracts/auth';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { QrCode } from '../../components/qr-code';
import { api, ApiError } from '../../lib/api';
import { RecoveryCodesList } from './recovery-codes-list';

/** `ABCD EFGH IJKL …`: easier to copy by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Starts two-factor setup, shows the key as a QR code and as text (and the otpauth link), turns two-factor
 * sign-in on once a code from the app matches, then shows the one-time recovery codes until they are saved.
 */
export function TotpSetupPanel({ onEnabled }: { onEnabled: (user: CurrentUser) => void }) {
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
      setCodeError('Enter the 6 digits shown in your authenticator app');
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    try {
      setEnabled(await api.post<typeof TotpEnableResponse>('/api/auth/totp/enable', { code }));
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'AUTH_TOTP_INVALID' || error.fieldError('code'))) {
        setCodeError('That code does not match. Check the time on your phone and enter the current code.');
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
        <Alert color="green" variant="light" title="Two-factor sign-in is on">
          Save these recovery codes now: they are shown only once. If you lose your phone, each code signs you
          in once in place of the 6-digit code.
        </Alert>
        <RecoveryCodesList codes={enabled.recoveryCodes} account={enabled.user.email} />
        <Group>
          <Button onClick={() => onEnabled(enabled.user)}>I have saved my recovery codes</Button>
        </Group>
      </Stack>
    );
  }

  if (setupError) return <ErrorAlert error={setupError} title="Could not start setup" onRetry={start} />;
  if (!setup) return <Loading label="Preparing your setup key…" />;

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>
          Install an authenticator app on your phone (for example Google Authenticator or Aegis).
        </List.Item>
        <List.Item>Add an account in the app and scan the QR code, or type in the setup key below.</List.Item>
        <List.Item>Enter the 6-digit code the app shows.</List.Item>
      </List>
      <QrCode value={setup.otpauthUri} label="QR code for your authenticator app" />
      <div>
        <Text size="sm" fw={600} id="totp-secret-label">
          Setup key
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
          Spaces do not matter. Keep this key private.
        </Text>
      </div>
      <div>
        <Text size="sm" fw={600} id="totp-uri-label">
          Setup link
        </Text>
        <Code
          block
          aria-labelledby="totp-uri-label"
          style={{ userSelect: 'all', wordBreak: 'break-all', whiteSpace: 'normal' }}
        >
          {setup.otpauthUri}
        </Code>
        <Anchor href={setup.otpauthUri} size="sm" mt={4} display="inline-block">
          Open in authenticator app (on this device)
        </Anchor>
      </div>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {submitError ? (
            <ErrorAlert error={submitError} title="Could not turn on two-factor sign-in" />
          ) : null}
          <TextInput
            label="6-digit code"
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
              Turn on two-factor sign-in
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
