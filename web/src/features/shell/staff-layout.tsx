import { DemoBanner } from '../../components/demo-banner';
import { AppShell, Badge, Box, Burger, Button, Divider, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { roleLabels } from '@needlepoint/core/auth/roles';
import { AnchorLink } from '../../components/router-links';
import { NotAllowed } from '../../components/not-allowed';
import { NavRouterLink } from '../../components/router-links';
import QueryProvider from '../../lib/query-provider';
import { useSession, useUser } from '../../lib/session';
import { CenteredCard } from '../auth/centered-card';
import { AftercareAlertIndicator } from '../aftercare/alert-indicator';
import { visibleNavItems } from './navigation';
import { RequireSignIn } from './require-sign-in';

/** The staff app: header (clinic, user, sign-out), navigation by permission, burger menu on phones. */
export function StaffLayout() {
  return (
    <RequireSignIn>
      <QueryProvider>
        <StaffGate />
      </QueryProvider>
    </RequireSignIn>
  );
}

function StaffGate() {
  const user = useUser();
  if (user.role === 'patient') {
    return (
      <CenteredCard>
        <NotAllowed>
          <AnchorLink to="/portal" size="sm" mt="sm" display="inline-block">
            Go to your patient portal
          </AnchorLink>
        </NotAllowed>
      </CenteredCard>
    );
  }
  return <StaffShell />;
}

function StaffShell() {
  const session = useSession();
  const user = useUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On phones the closed menu only slides off screen: make it inert so Tab cannot reach hidden links.
  const phone = useMediaQuery('(max-width: 47.99em)');
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const items = visibleNavItems(user.permissions);
  const work = items.filter((item) => !item.admin);
  const admin = items.filter((item) => item.admin);
  const isActive = (to: string) =>
    to === '/settings' ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);

  const link = (item: { label: string; to: (typeof items)[number]['to'] | '/security' }) => (
    <NavRouterLink
      key={item.to}
      to={item.to}
      label={item.label}
      active={isActive(item.to)}
      onClick={close}
      variant="light"
      fw={500}
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
      activeOptions={{ exact: item.to === '/settings' }}
    />
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="staff-navigation"
            />
            <Text fw={700} c="blue.8" visibleFrom="xs">
              Needlepoint
            </Text>
            <Divider orientation="vertical" visibleFrom="xs" />
            <Text fw={600} truncate="end" data-testid="clinic-name">
              {user.clinicName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <AftercareAlertIndicator />
            <Box visibleFrom="sm" ta="right">
              <Text size="sm" fw={600} lh={1.2}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleLabels[user.role]}
              </Text>
            </Box>
            <Button variant="default" size="xs" onClick={() => void session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="staff-navigation"
        aria-label="Main navigation"
        component="nav"
        inert={phone && !opened}
      >
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <Group gap="xs" px="xs">
            <Text size="sm" fw={600}>
              {user.name}
            </Text>
            <Badge variant="light" size="sm">
              {roleLabels[user.role]}
            </Badge>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>{work.map(link)}</Stack>
          {admin.length > 0 ? (
            <>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="lg" mb={4}>
                Clinic
              </Text>
              <Stack gap={2}>{admin.map(link)}</Stack>
            </>
          ) : null}
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="sm" />
          {link({ label: 'Security', to: '/security' })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {user.clinicIsDemo ? (
          <Box mb="md" mx={{ base: 'calc(var(--mantine-spacing-md) * -1)', sm: 0 }}>
            <DemoBanner />
          </Box>
        ) : null}
        <Box maw={1200}>
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
