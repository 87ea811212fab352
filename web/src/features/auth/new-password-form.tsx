import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/router-links';
import { ApiError, messageOf } from '../../lib/api';

const minLength = 10;

/** The form's own words; the portal passes them in the patient's language (English by default). */
export interface NewPasswordLabels {
  password: string;
  passwordHint: (min: number) => string;
  confirm: string;
  tooShort: (min: number) => string;
  mismatch: string;
  /** A refused password or a failed save in words (the server's message unless a page gives its own). */
  errorText?: (error: unknown) => string;
  /** The words for a link that no longer works (English unless given). */
  link?: LinkProblemTexts;
}

const englishLabels: NewPasswordLabels = {
  password: 'New password',
  passwordHint: (min) =>
    `At least ${min} characters. A few unrelated words are easy to remember and hard to guess.`,
  confirm: 'Type the password again',
  tooShort: (min) => `Use at least ${min} characters`,
  mismatch: 'The two passwords are not the same',
};

/**
 * Choosing a password from an emailed link (a staff or patient invitation, or a reset): the password twice, checked
 * by the server's password policy. `save` throws the API error; a link problem (used, expired, replaced) is shown
 * by `problem` when it names one, else by `LinkProblem`.
 */
export function NewPasswordForm({
  title,
  intro,
  submitLabel,
  save,
  problem,
  labels = englishLabels,
}: {
  title: string;
  intro: ReactNode;
  submitLabel: string;
  save: (password: string) => Promise<void>;
  /** What to show instead of the form for an error about the link itself (null: not such an error). */
  problem?: (error: ApiError, retry: () => void) => ReactNode | null;
  labels?: NewPasswordLabels;
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (password.length < minLength) next.password = labels.tooShort(minLength);
    if (!next.password && confirm !== password) next.confirm = labels.mismatch;
    setErrors(next);
    setFormError(null);
    if (next.password || next.confirm) return;
    setBusy(true);
    try {
      await save(password);
    } catch (error) {
      if (error instanceof ApiError && error.fieldError('password')) {
        setErrors({ password: labels.errorText ? labels.errorText(error) : error.fieldError('password') });
      } else {
        setFormError(error);
      }
      setBusy(false);
    }
  }

  const custom = formError instanceof ApiError ? problem?.(formError, () => setFormError(null)) : null;
  if (custom) return custom;
  if (formError instanceof ApiError && formError.code.startsWith('AUTH_TOKEN_')) {
    return <LinkProblem error={formError} texts={labels.link} />;
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-password-title">
      <Stack gap="md">
        <div>
          <Title order={1} fz={26} id="new-password-title">
            {title}
          </Title>
          <Text mt={6}>{intro}</Text>
        </div>
        {formError ? (
          <Alert color="red" variant="light" role="alert">
            {(labels.errorText ?? messageOf)(formError)}
          </Alert>
        ) : null}
        <PasswordInput
          label={labels.password}
          description={labels.passwordHint(minLength)}
          autoComplete="new-password"
          size="md"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
          autoFocus
        />
        <PasswordInput
          label={labels.confirm}
          autoComplete="new-password"
          size="md"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={errors.confirm}
          required
        />
        <Button type="submit" size="md" loading={busy} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}

/** The link problem's words (English for the staff invitation; the reset page gives the reader's language). */
export interface LinkProblemTexts {
  expired: string;
  used: string;
  invalid: string;
  failed: string;
  usedAdvice: string;
  newAdvice: string;
  sendNew: string;
  goToSignIn: string;
  errorText: (error: unknown) => string;
}

const englishLinkTexts: LinkProblemTexts = {
  expired: 'This link has expired',
  used: 'This link was already used',
  invalid: 'This link does not work',
  failed: 'We could not open this link',
  usedAdvice: 'Your password was already set with it. Sign in with that password, or ask for a new link.',
  newAdvice: 'Ask for a new link below. Only the newest link works.',
  sendNew: 'Send a new link',
  goToSignIn: 'Go to sign in',
  errorText: messageOf,
};

/** Why an emailed link does not work (used, expired, replaced by a newer one), and what to do. */
export function LinkProblem({
  error,
  kind = 'reset',
  texts = englishLinkTexts,
}: {
  error: unknown;
  kind?: 'reset' | 'invitation';
  texts?: LinkProblemTexts;
}) {
  const code = error instanceof ApiError ? error.code : '';
  const title =
    code === 'AUTH_TOKEN_EXPIRED'
      ? texts.expired
      : code === 'AUTH_TOKEN_USED'
        ? texts.used
        : code === 'AUTH_TOKEN_INVALID'
          ? texts.invalid
          : texts.failed;
  const advice =
    code === 'AUTH_TOKEN_USED'
      ? texts.usedAdvice
      : code === 'AUTH_TOKEN_EXPIRED' || code === 'AUTH_TOKEN_INVALID'
        ? kind === 'invitation'
          ? 'Ask the clinic owner to send you a new invitation. Only the newest link works.'
          : texts.newAdvice
        : texts.errorText(error);
  return (
    <Stack gap="md" data-testid="link-problem">
      <Title order={1} fz={24}>
        {title}
      </Title>
      <Text>{advice}</Text>
      {kind === 'reset' ? (
        <AnchorLink to="/forgot-password" size="md">
          {texts.sendNew}
        </AnchorLink>
      ) : null}
      <AnchorLink to="/sign-in" size="md">
        {texts.goToSignIn}
      </AnchorLink>
    </Stack>
  );
}
