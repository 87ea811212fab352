import { DemoBanner } from '../../components/demo-banner';
import { Box, Button, Container, Group, Text } from '@mantine/core';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { AnchorLink } from '../../components/router-links';
import { NotAllowed } from '../../components/not-allowed';
import { useSession, useUser } from '../../lib/session';
import { Translations } from '../../i18n/i18n';
import { RequireSignIn } from '../shell/require-sign-in';

const portalLinks = [
  { to: '/portal', label: 'Home' },
  { to: '/portal/intake', label: 'Questionnaire' },
  { to: '/portal/consents', label: 'Consent forms' },
  { to: '/portal/book', label: 'Appointments' },
  { to: '/portal/results', label: 'Your results' },
  { to: '/portal/check-in', label: 'Check-in' },
  { to: '/portal/messages', label: 'Messages' },
  { to: '/portal/security', label: 'Password and security' },
] as const;

/** The patient portal: phone-first, one column, no staff navigation. */
export function PortalLayout() {
  return (
    <RequireSignIn>
      <Translations>
        <PortalGate />
      </Translations>
    </RequireSignIn>
  );
}

function PortalGate() {
  const session = useSession();
  const user = useUser();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Box mih="100dvh" bg="gray.0">
      {user.clinicIsDemo ? <DemoBanner /> : null}
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={640} py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text fw={700} truncate="end" data-testid="clinic-name">
              {user.clinicName}
            </Text>
            <Button variant="default" size="xs" onClick={() => void session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Container>
      </Box>
      <Container size={640} py="lg" component="main">
        {user.role === 'patient' ? (
          <Outlet />
        ) : (
          <NotAllowed>
            <AnchorLink to="/" size="sm" mt="sm" display="inline-block">
              Go to the staff app
            </AnchorLink>
          </NotAllowed>
        )}
        {user.role === 'patient' ? (
          <Group component="nav" aria-label="Portal" justify="center" gap="lg" mt="xl">
            {portalLinks.map(({ to, label }) => (
              <AnchorLink
                key={to}
                to={to}
                size="sm"
                py={8}
                fw={pathname === to ? 700 : 400}
                aria-current={pathname === to ? 'page' : undefined}
              >
                {label}
              </AnchorLink>
            ))}
          </Group>
        ) : null}
      </Container>
    </Box>
  );
}
