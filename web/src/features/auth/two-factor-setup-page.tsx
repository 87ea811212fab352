import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { notifications } from '@mantine/notifications';
import { useSession } from '../../lib/session';
import { CenteredCard } from './centered-card';
import { TotpSetupPanel } from './totp-setup-panel';
import { Redirect } from '../../components/redirect';
import { Translations } from '../../i18n/i18n';
import { securityCatalogs } from './auth-translations';
import { LazyAreaMessages } from '../../i18n/lazy-area-messages';

/** Owners must turn on two-factor sign-in before anything else; the API refuses everything else until then. */
export function TwoFactorSetupPage() {
  const session = useSession();
  const navigate = useNavigate();
  const user = session.user;
  if (!user) return <Redirect to="/sign-in" />;
  if (!user.totpSetupRequired) return <Redirect to="/" />;

  return (
    <CenteredCard size={560}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md">
        <Stack gap="md">
          <div>
            <Title order={1} fz={26}>
              Set up two-factor sign-in
            </Title>
            <Text c="dimmed" size="sm" mt={4}>
              As the owner of {user.clinicName}, you need a code from your phone each time you sign in. This
              protects patient records if your password is ever guessed or stolen.
            </Text>
          </div>
          {/* The panel's words come from the security catalog (staff read them in English). */}
          <Translations>
            <LazyAreaMessages catalogs={securityCatalogs}>
              <TotpSetupPanel
                onEnabled={(next) => {
                  session.signedIn(next);
                  notifications.show({ color: 'green', message: 'Two-factor sign-in is on.' });
                  void navigate({ to: '/', replace: true });
                }}
              />
            </LazyAreaMessages>
          </Translations>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              Signed in as {user.email}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => void session.signOut()}>
              Sign out
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </CenteredCard>
  );
}
