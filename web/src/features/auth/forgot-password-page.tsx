import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Ok } from '@needlepoint/core/contracts/common';
import { AnchorLink } from '../../components/router-links';
import { api } from '../../lib/api';
import { Translations, useErrorText, useT } from '../../i18n/i18n';
import { DeviceLanguageChoice, authCatalogs, signInCatalogs } from './auth-translations';
import { LazyAreaMessages } from '../../i18n/lazy-area-messages';
import { CenteredCard } from './centered-card';

/**
 * "Forgot password?" for staff and patients: the answer is the same whether or not an account exists, so the page
 * tells nobody which emails have one.
 */
export function ForgotPasswordPage() {
  return (
    <Translations>
      <LazyAreaMessages catalogs={signInCatalogs}>
        <LazyAreaMessages catalogs={authCatalogs}>
          <ForgotPassword />
        </LazyAreaMessages>
      </LazyAreaMessages>
    </Translations>
  );
}

function ForgotPassword() {
  const t = useT();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailError(t('auth.forgot.enterEmail'));
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    try {
      await api.post<typeof Ok>('/api/auth/password-reset', { email: email.trim() });
      setSent(email.trim());
    } catch (error) {
      setFormError(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard aside={<DeviceLanguageChoice />}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {sent ? (
          <Stack gap="md" role="status">
            <Title order={1} fz={26}>
              {t('auth.forgot.sentTitle')}
            </Title>
            <Text data-testid="reset-sent">
              {t.rich('auth.forgot.sent', { email: sent, b: (chunks) => <strong>{chunks}</strong> })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('auth.forgot.nothing')}
            </Text>
            <AnchorLink to="/sign-in" size="md">
              {t('auth.backToSignIn')}
            </AnchorLink>
          </Stack>
        ) : (
          <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="forgot-title">
            <Stack gap="md">
              <div>
                <Title order={1} fz={26} id="forgot-title">
                  {t('auth.forgot.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('auth.forgot.intro')}
                </Text>
              </div>
              {formError ? (
                <Alert color="red" variant="light" role="alert">
                  {formError}
                </Alert>
              ) : null}
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={emailError}
                required
                autoFocus
              />
              <Button type="submit" loading={busy} fullWidth>
                {t('auth.forgot.send')}
              </Button>
              <AnchorLink to="/sign-in" size="sm">
                {t('auth.backToSignIn')}
              </AnchorLink>
            </Stack>
          </form>
        )}
      </Paper>
    </CenteredCard>
  );
}
