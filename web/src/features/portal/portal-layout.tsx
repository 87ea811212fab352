import { lazy, Suspense, useEffect, useState } from 'react';
import { DemoBanner } from '../../components/demo-banner';
import { Box, Button, Container, Group, Text } from '@mantine/core';
import type { Ok } from '@needlepoint/core/contracts/common';
import { locales, localeNames, type Locale } from '@needlepoint/core/i18n/locale';
import { api } from '../../lib/api';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { AnchorLink } from '../../components/router-links';
import { NotAllowed } from '../../components/not-allowed';
import { useSession, useUser } from '../../lib/session';
import { Translations, useT, type MessageKey } from '../../i18n/i18n';
import { useLocaleChoice } from '../../i18n/locale';
import { RequireSignIn } from '../shell/require-sign-in';

const portalLinks: { to: string; label: MessageKey }[] = [
  { to: '/portal', label: 'portal.nav.home' },
  { to: '/portal/intake', label: 'portal.nav.intake' },
  { to: '/portal/consents', label: 'portal.nav.consents' },
  { to: '/portal/book', label: 'portal.nav.book' },
  { to: '/portal/results', label: 'portal.nav.results' },
  { to: '/portal/check-in', label: 'portal.nav.checkIn' },
  { to: '/portal/learn', label: 'portal.nav.learn' },
  { to: '/portal/messages', label: 'portal.nav.messages' },
  { to: '/portal/security', label: 'portal.nav.security' },
];

// Server state (TanStack Query) loads with the signed-in portal pages, not with the layout: the layout is in the
// portal's first load with the invitation page, which does not need it (ADR 065).
const QueryProvider = lazy(() => import('../../lib/query-provider'));

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

/** The patient's language: switches the page at once and is saved on their record for their messages. */
function LanguageChoice() {
  const t = useT();
  const session = useSession();
  const { locale, chooseLocale } = useLocaleChoice();
  const [state, setState] = useState<'idle' | 'saved' | 'failed'>('idle');
  // "Saved" is a passing confirmation; a failure stays until the next choice.
  useEffect(() => {
    if (state !== 'saved') return;
    const timer = setTimeout(() => setState('idle'), 5000);
    return () => clearTimeout(timer);
  }, [state]);
  const choose = (next: Locale) => {
    chooseLocale(next);
    setState('idle');
    api.put<typeof Ok>('/api/portal/language', { language: next }).then(
      () => {
        setState('saved');
        void session.refresh();
      },
      () => setState('failed'),
    );
  };
  return (
    <>
      {/* A plain select: the layout is in the portal's first load, and a phone shows its own picker. */}
      <select
        aria-label={t('language.label')}
        value={locale}
        onChange={(e) => choose(e.currentTarget.value as Locale)}
        data-testid="language-choice"
        style={{
          font: 'inherit',
          fontSize: 'var(--mantine-font-size-sm)',
          minHeight: 30,
          padding: '2px 6px',
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'white',
          color: 'inherit',
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
      <Text
        size="xs"
        c={state === 'failed' ? 'red.8' : 'dimmed'}
        role="status"
        aria-live="polite"
        pos="absolute"
        top="100%"
        right={0}
        style={{ whiteSpace: 'nowrap' }}
      >
        {state === 'saved' ? t('language.saved') : state === 'failed' ? t('common.somethingWrong') : ''}
      </Text>
    </>
  );
}

function PortalGate() {
  const t = useT();
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
            <Group gap="xs" wrap="nowrap" pos="relative" style={{ flex: 'none' }}>
              {user.role === 'patient' ? <LanguageChoice /> : null}
              <Button variant="default" size="xs" onClick={() => void session.signOut()}>
                {t('common.signOut')}
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size={640} py="lg" component="main">
        {user.role === 'patient' ? (
          <Suspense>
            <QueryProvider>
              <Outlet />
            </QueryProvider>
          </Suspense>
        ) : (
          <NotAllowed>
            <AnchorLink to="/" size="sm" mt="sm" display="inline-block">
              {t('portal.staffOnly')}
            </AnchorLink>
          </NotAllowed>
        )}
        {user.role === 'patient' ? (
          <Group component="nav" aria-label={t('portal.nav.label')} justify="center" gap="lg" mt="xl">
            {portalLinks.map(({ to, label }) => (
              <AnchorLink
                key={to}
                to={to}
                size="sm"
                py={8}
                fw={pathname === to ? 700 : 400}
                aria-current={pathname === to ? 'page' : undefined}
              >
                {t(label)}
              </AnchorLink>
            ))}
          </Group>
        ) : null}
      </Container>
    </Box>
  );
}
