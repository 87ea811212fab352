import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Center } from '@mantine/core';
import { IntlProvider, useIntl } from 'react-intl';
import type { Locale } from '@needlepoint/core/i18n/locale';
import { Loading } from '../components/loading';
import { loadLazy, type Catalog, type LazyAreaCatalogs } from './i18n';
import { useLocaleChoice } from './locale';

/**
 * Adds an area's messages to the portal's, loading only the chosen language's catalog (see `LazyAreaCatalogs`);
 * the pages inside wait for it, and keep the previous language's words while a new language loads.
 */
export function LazyAreaMessages({
  catalogs,
  children,
}: {
  catalogs: LazyAreaCatalogs;
  children: ReactNode;
}) {
  const intl = useIntl();
  const { locale } = useLocaleChoice();
  const [loaded, setLoaded] = useState<{ locale: Locale; messages: Catalog } | 'failed' | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    loadLazy(catalogs[locale]).then(
      (messages) => current && setLoaded({ locale, messages }),
      () => current && setLoaded((before) => (before && before !== 'failed' ? before : 'failed')),
    );
    return () => {
      current = false;
    };
  }, [catalogs, locale, attempt]);
  const messages = useMemo(
    () => (loaded && loaded !== 'failed' ? { ...intl.messages, ...loaded.messages } : null),
    [intl.messages, loaded],
  );
  if (loaded === 'failed')
    return (
      <Center h={160}>
        <Button variant="default" onClick={() => setAttempt((n) => n + 1)}>
          {intl.formatMessage({ id: 'common.tryAgain' })}
        </Button>
      </Center>
    );
  if (!loaded || !messages) return <Loading />;
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={messages} timeZone={intl.timeZone}>
      {children}
    </IntlProvider>
  );
}
