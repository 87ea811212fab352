import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { SessionResponse } from '@needlepoint/core/contracts/auth';
import { api, ApiError, messageOf } from '../../lib/api';
import { useSession } from '../../lib/session';
import { CenteredCard } from './centered-card';
import type { SetupStatus } from '@needlepoint/core/contracts/setup';
import { DemoBanner } from '../../components/demo-banner';
import { useApi } from '../../lib/use-api';
import { Redirect } from '../../components/redirect';
import { AnchorLink } from '../../components/router-links';

const route = getRouteApi('/sign-in');

type FieldErrors = Partial<Record<'email' | 'password' | 'totp' | 'recoveryCode', string>>;

/**
 * Email and password, then the 6-digit code (or a one-time recovery code) when the account has two-factor
 * sign-in.
 */
export function SignInPage() {
  const session = useSession();
  const { redirect } = route.useSearch();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [step, setStep] = useState<'credentials' | 'code'>('credentials');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setup = useApi((signal) => api.get<typeof SetupStatus>('/api/setup', undefined, signal), []);

  // A database without a clinic: the first-run set-up instead.
  if (setup.data?.needed && !session.user) return <Redirect to="/setup" />;

  // Signed in (now or already): home decides where each role starts, enrolment included.
  if (session.user) {
    if (session.user.totpSetupRequired) return <Redirect to="/two-factor-setup" />;
    return redirect ? <Redirect href={redirect} /> : <Redirect to="/" />;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    if (step === 'code' && useRecovery && !recoveryCode.trim()) {
      errors.recoveryCode = 'Enter one of your recovery codes';
    }
    if (step === 'code' && !useRecovery && !/^\d{6}$/.test(totp.trim())) {
      errors.totp = 'Enter the 6 digits shown in your authenticator app';
    }
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;

    setBusy(true);
    try {
      const { user } = await api.post<typeof SessionResponse>('/api/auth/login', {
        email: email.trim(),
        password,
        ...(step === 'code'
          ? useRecovery
            ? { recoveryCode: recoveryCode.trim() }
            : { totp: totp.trim() }
          : {}),
      });
      session.signedIn(user);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_TOTP_REQUIRED') {
        setStep('code');
      } else if (error instanceof ApiError && error.code === 'AUTH_RECOVERY_CODE_INVALID') {
        setFieldErrors({ recoveryCode: 'That recovery code did not work. Each code works only once.' });
      } else if (error instanceof ApiError && error.code === 'AUTH_TOTP_INVALID') {
        setTotp('');
        setFieldErrors({ totp: 'That code did not work. Enter the current code from your app.' });
      } else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setFieldErrors({
          email: error.fieldError('email') ? 'Enter a valid email address' : undefined,
          password: error.fieldError('password'),
          totp: error.fieldError('totp') ? 'Enter the 6 digits shown in your authenticator app' : undefined,
        });
        if (error.fields.length === 0) setFormError(error.message);
      } else {
        setFormError(signInMessage(error));
        if (error instanceof ApiError && error.code === 'AUTH_TOO_MANY_ATTEMPTS') setStep('credentials');
      }
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    setStep('credentials');
    setTotp('');
    setRecoveryCode('');
    setUseRecovery(false);
    setPassword('');
    setFieldErrors({});
    setFormError(null);
  }

  return (
    <CenteredCard>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <div>
              <Title order={1} fz={26} id="sign-in-title">
                Sign in
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {step === 'code'
                  ? 'Two-factor sign-in is on for this account.'
                  : 'Needlepoint for clinic staff and patients.'}
              </Text>
            </div>
            {setup.data?.demo ? <DemoBanner /> : null}
            {session.endedReason && !formError ? (
              <Alert color="blue" variant="light" role="status">
                {session.endedReason}
              </Alert>
            ) : null}
            {formError ? (
              <Alert color="red" variant="light" role="alert" data-testid="sign-in-error">
                {formError}
              </Alert>
            ) : null}
            {step === 'credentials' ? (
              <>
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldErrors.email}
                  required
                  autoFocus
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldErrors.password}
                  required
                />
              </>
            ) : (
              <>
                <Text size="sm">
                  Signing in as <strong>{email}</strong>.
                </Text>
                {useRecovery ? (
                  <TextInput
                    label="Recovery code"
                    description="One of the codes you saved when you turned on two-factor sign-in. Each works once."
                    autoComplete="off"
                    spellCheck={false}
                    value={recoveryCode}
                    onChange={(e) => setRecoveryCode(e.currentTarget.value)}
                    error={fieldErrors.recoveryCode}
                    required
                    autoFocus
                  />
                ) : (
                  <TextInput
                    label="6-digit code"
                    description="Open your authenticator app and enter the code shown for Needlepoint."
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    value={totp}
                    onChange={(e) => setTotp(e.currentTarget.value.replace(/\D/g, ''))}
                    error={fieldErrors.totp}
                    required
                    autoFocus
                    styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
                  />
                )}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setUseRecovery((v) => !v);
                    setFieldErrors({});
                  }}
                >
                  {useRecovery ? 'Use the 6-digit code instead' : 'Lost your phone? Use a recovery code'}
                </Anchor>
              </>
            )}
            <Button type="submit" loading={busy} fullWidth>
              {step === 'code' ? 'Verify and sign in' : 'Sign in'}
            </Button>
            {step === 'credentials' ? (
              <AnchorLink to="/forgot-password" size="sm">
                Forgot password?
              </AnchorLink>
            ) : null}
            {step === 'code' ? (
              <Anchor component="button" type="button" size="sm" onClick={startOver}>
                Use a different account
              </Anchor>
            ) : null}
          </Stack>
        </form>
      </Paper>
    </CenteredCard>
  );
}

function signInMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error);
  switch (error.code) {
    case 'AUTH_INVALID_CREDENTIALS':
      return 'The email or password is not correct.';
    case 'AUTH_TOO_MANY_ATTEMPTS':
      return sentence(error.message);
    case 'RATE_LIMITED':
      return 'Too many sign-in attempts from this device. Wait a minute, then try again.';
    default:
      return error.message;
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
