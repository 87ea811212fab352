import { expect, vi } from 'vitest';
import type { ReactElement, ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { theme } from '../theme';
import portalEn from '../i18n/en.json';

/**
 * Renders a staff component as the app does (Mantine's theme, a query cache of its own), with Mantine's test
 * environment: no transitions and no portals, so a modal's fields are in the document at once.
 */
export function renderStaff(ui: ReactElement) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
  return render(ui, { wrapper });
}

/**
 * Renders a portal component in English: the portal's first catalog and the given area catalogs (as the web build
 * ships them, but parsed in the test instead of precompiled).
 */
export function renderPortal(ui: ReactElement, ...areas: Record<string, string>[]) {
  const messages = Object.assign({}, portalEn, ...areas) as Record<string, string>;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <IntlProvider locale="en" defaultLocale="en" messages={messages}>
        {children}
      </IntlProvider>
    </MantineProvider>
  );
  return render(ui, { wrapper });
}

/** One request the page sent, as the server would read it. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Stands in for the server at the network edge: `answer` gets each request and returns its status and JSON body;
 * every request is kept in `sent`. The page's own API client runs unchanged.
 */
export function stubServer(answer: (request: SentRequest) => { status: number; body: unknown }) {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: input,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    const { status, body } = answer(request);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

/**
 * Waits until an open modal has moved the focus to its first field (`data-autofocus`), which it does a moment
 * after opening; typing before then would land partly in another field.
 */
export async function focusedField(label: string | RegExp): Promise<HTMLElement> {
  const field = screen.getByLabelText(label);
  await waitFor(() => expect(document.activeElement).toBe(field));
  return field;
}
