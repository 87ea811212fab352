import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Ok } from '@needlepoint/core/contracts/common';
import { AnchorLink } from '../../components/router-links';
import { api, ApiError, messageOf } from '../../lib/api';
import { CenteredCard } from './centered-card';

/**
 * "Forgot password?" for staff and patients: the answer is the same whether or not an account exists, so the page
 * tells nobody which emails have one.
 */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailError('Enter the email address you sign in with');
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    try {
      await api.post<typeof Ok>('/api/auth/password-reset', { email: email.trim() });
      setSent(email.trim());
    } catch (error) {
      setFormError(
        error instanceof ApiError && error.code === 'RATE_LIMITED'
          ? 'Too many requests from this device. Wait a minute, then try again.'
          : messageOf(error),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        {sent ? (
          <Stack gap="md" role="status">
            <Title order={1} fz={26}>
              Check your email
            </Title>
            <Text data-testid="reset-sent">
              If an account exists for <strong>{sent}</strong>, we sent it a link to choose a new password.
              The link works once, for 60 minutes.
            </Text>
            <Text size="sm" c="dimmed">
              Nothing arrived after a few minutes? Look in your spam folder, or check the address and try
              again.
            </Text>
            <AnchorLink to="/sign-in" size="md">
              Back to sign in
            </AnchorLink>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="forgot-title">
            <Stack gap="md">
              <div>
                <Title order={1} fz={26} id="forgot-title">
                  Forgot your password?
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  Enter the email you sign in with and we will send you a link to choose a new password.
                </Text>
              </div>
              {formError ? (
                <Alert color="red" variant="light" role="alert">
                  {formError}
                </Alert>
              ) : null}
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={emailError}
                required
                autoFocus
              />
              <Button type="submit" loading={busy} fullWidth>
                Send the link
              </Button>
              <AnchorLink to="/sign-in" size="sm">
                Back to sign in
              </AnchorLink>
            </Stack>
          </form>
        )}
      </Paper>
    </CenteredCard>
  );
}
