import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SessionResponse } from '@needlepoint/core/contracts/auth';
import type { SetupStatus } from '@needlepoint/core/contracts/setup';
import { Loading } from '../../components/loading';
import { Redirect } from '../../components/redirect';
import { api, ApiError, messageOf } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { CenteredCard } from './centered-card';

type Field = 'clinicName' | 'timeZone' | 'ownerName' | 'email' | 'password' | 'confirm';

/**
 * First run, on a database without a clinic: the clinic's name and time zone, and its owner with their own
 * password. The owner is then signed in and sets up two-factor sign-in.
 */
export function SetupPage() {
  const session = useSession();
  const status = useApi((signal) => api.get<typeof SetupStatus>('/api/setup', undefined, signal), []);
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [values, setValues] = useState<Record<Field, string>>({
    clinicName: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ownerName: '',
    email: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.user) return <Redirect to="/" />;
  if (!status.data) return status.status === 'error' ? <Redirect to="/sign-in" /> : <Loading />;
  if (!status.data.needed) return <Redirect to="/sign-in" />;

  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.clinicName.trim()) next.clinicName = 'Enter the clinic name';
    if (!values.ownerName.trim()) next.ownerName = 'Enter your name';
    if (!values.email.trim()) next.email = 'Enter your email address';
    if (values.password.length < 10) next.password = 'Use at least 10 characters';
    else if (values.confirm !== values.password) next.confirm = 'The two passwords differ';
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const { user } = await api.post<typeof SessionResponse>('/api/setup', {
        clinicName: values.clinicName.trim(),
        timeZone: values.timeZone,
        ownerName: values.ownerName.trim(),
        email: values.email.trim(),
        password: values.password,
      });
      session.signedIn(user);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        for (const field of ['clinicName', 'timeZone', 'ownerName', 'email', 'password'] as const) {
          const message = error.fieldError(field);
          if (message) fieldErrors[field] = message;
        }
        setErrors(fieldErrors);
        if (Object.keys(fieldErrors).length === 0) setFormError(error.message);
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard size={520}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="setup-title">
          <Stack gap="md">
            <div>
              <Title order={1} fz={26} id="setup-title">
                Set up your clinic
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                Create the clinic and your owner account. Next you set up two-factor sign-in, then add your
                staff in Settings.
              </Text>
            </div>
            {formError ? (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            ) : null}
            <TextInput
              label="Clinic name"
              value={values.clinicName}
              onChange={(e) => set('clinicName')(e.currentTarget.value)}
              error={errors.clinicName}
              required
              autoFocus
            />
            <Select
              label="Time zone"
              description="Appointments and reminders use the clinic's local time."
              data={zones}
              searchable
              value={values.timeZone}
              onChange={(v) => set('timeZone')(v ?? values.timeZone)}
              error={errors.timeZone}
              required
            />
            <TextInput
              label="Your name"
              value={values.ownerName}
              onChange={(e) => set('ownerName')(e.currentTarget.value)}
              error={errors.ownerName}
              required
            />
            <TextInput
              label="Your email"
              type="email"
              autoComplete="username"
              value={values.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
              error={errors.email}
              required
            />
            <PasswordInput
              label="Password"
              description="At least 10 characters; a few unrelated words work well. Common passwords and ones containing your name are refused."
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set('password')(e.currentTarget.value)}
              error={errors.password}
              required
            />
            <PasswordInput
              label="Type the password again"
              autoComplete="new-password"
              value={values.confirm}
              onChange={(e) => set('confirm')(e.currentTarget.value)}
              error={errors.confirm}
              required
            />
            <Button type="submit" loading={busy} fullWidth>
              Create the clinic
            </Button>
          </Stack>
        </form>
      </Paper>
    </CenteredCard>
  );
}
