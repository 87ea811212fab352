import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { SessionResponse } from '@needlepoint/core/contracts/auth';
import { api, ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { CenteredCard } from './centered-card';
import type { SetupStatus } from '@needlepoint/core/contracts/setup';
import { DemoBanner } from '../../components/demo-banner';
import { useApi } from '../../lib/use-api';
import { Redirect } from '../../components/redirect';
import { AnchorLink } from '../../components/router-links';
import { Translations, useErrorText, useT } from '../../i18n/i18n';
import { DeviceLanguageChoice, signInCatalogs, withDeviceLanguage } from './auth-translations';
import { LazyAreaMessages } from '../../i18n/lazy-area-messages';

const route = getRouteApi('/sign-in');

type FieldErrors = Partial<Record<'email' | 'password' | 'totp' | 'recoveryCode', string>>;

/**
 * Email and password, then the 6-digit code (or a one-time recovery code) when the account has two-factor
 * sign-in. Shared by staff and patients, so it speaks the language chosen on this device (else the browser's),
 * with a switch on the page.
 */
export function SignInPage() {
  return (
    <Translations>
      <LazyAreaMessages catalogs={signInCatalogs}>
        <SignIn />
      </LazyAreaMessages>
    </Translations>
  );
}

function SignIn() {
  const t = useT();
  const errorText = useErrorText();
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
    if (!email.trim()) errors.email = t('auth.signIn.enterEmail');
    if (!password) errors.password = t('auth.signIn.enterPassword');
    if (step === 'code' && useRecovery && !recoveryCode.trim()) {
      errors.recoveryCode = t('auth.signIn.enterRecovery');
    }
    if (step === 'code' && !useRecovery && !/^\d{6}$/.test(totp.trim())) {
      errors.totp = t('auth.signIn.enterTotp');
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
      session.signedIn(await withDeviceLanguage(user));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_TOTP_REQUIRED') {
        setStep('code');
      } else if (error instanceof ApiError && error.code === 'AUTH_RECOVERY_CODE_INVALID') {
        setFieldErrors({ recoveryCode: errorText(error) });
      } else if (error instanceof ApiError && error.code === 'AUTH_TOTP_INVALID') {
        setTotp('');
        setFieldErrors({ totp: errorText(error) });
      } else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setFieldErrors({
          email: error.fieldError('email') ? t('auth.signIn.enterEmail') : undefined,
          password: error.fieldError('password') ? t('auth.signIn.enterPassword') : undefined,
          totp: error.fieldError('totp') ? t('auth.signIn.enterTotp') : undefined,
        });
        if (error.fields.length === 0) setFormError(errorText(error));
      } else {
        setFormError(errorText(error));
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
    <CenteredCard aside={<DeviceLanguageChoice />}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <div>
              <Title order={1} fz={26} id="sign-in-title">
                {t('auth.signIn.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {step === 'code' ? t('auth.signIn.twoFactorOn') : t('auth.signIn.intro')}
              </Text>
            </div>
            {setup.data?.demo ? <DemoBanner /> : null}
            {session.endedReason && !formError ? (
              <Alert color="blue" variant="light" role="status">
                {t('auth.signIn.sessionEnded')}
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
                  label={t('auth.email')}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldErrors.email}
                  required
                  autoFocus
                />
                <PasswordInput
                  label={t('auth.password')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldErrors.password}
                  required
                />
              </>
            ) : (
              <>
                <Text size="sm">{t('auth.signIn.as', { email })}</Text>
                {useRecovery ? (
                  <TextInput
                    label={t('auth.signIn.recoveryCode')}
                    description={t('auth.signIn.recoveryHelp')}
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
                    label={t('auth.signIn.code')}
                    description={t('auth.signIn.codeHelp')}
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
                  {useRecovery ? t('auth.signIn.useCode') : t('auth.signIn.useRecovery')}
                </Anchor>
              </>
            )}
            <Button type="submit" loading={busy} fullWidth>
              {step === 'code' ? t('auth.signIn.verify') : t('auth.signIn.submit')}
            </Button>
            {step === 'credentials' ? (
              <AnchorLink to="/forgot-password" size="sm">
                {t('auth.signIn.forgot')}
              </AnchorLink>
            ) : null}
            {step === 'code' ? (
              <Anchor component="button" type="button" size="sm" onClick={startOver}>
                {t('auth.signIn.otherAccount')}
              </Anchor>
            ) : null}
          </Stack>
        </form>
      </Paper>
    </CenteredCard>
  );
}
