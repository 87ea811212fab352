// Mantine's shared styles; each component's own stylesheet comes with it (web/build/mantine-component-styles.ts).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/notifications/styles.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { RouterProvider, type AnyRoute } from '@tanstack/react-router';
import { Loading } from './components/loading';
import { LocaleProvider } from './i18n/locale';
import { SessionProvider, useSession } from './lib/session';
import { router } from './routes/router';
import { cssVariablesResolver, theme } from './theme';

// The toast container (and its transitions) loads after the first page; a toast is never the first thing shown.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);

function App() {
  const { user } = useSession();
  // The first /api/auth/me decides every route's guard; wait for it instead of flashing sign-in.
  if (user === undefined) return <Loading full label="Loading Needlepoint…" />;
  return <RouterProvider router={router} />;
}

// While the session loads, fetch the code of the page being opened: it does not depend on who is signed in, and on a
// slow phone connection the two downloads then overlap instead of following each other.
for (const match of router.matchRoutes(router.latestLocation)) {
  const route = (router.routesById as Record<string, AnyRoute | undefined>)[match.routeId as string];
  if (route) void router.loadRouteChunk(route)?.catch(() => undefined);
}

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Notifications position="bottom-right" />
      </Suspense>
      <SessionProvider>
        <LocaleProvider>
          <App />
        </LocaleProvider>
      </SessionProvider>
    </MantineProvider>
  </StrictMode>,
);
