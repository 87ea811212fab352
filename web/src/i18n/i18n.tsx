import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Center } from '@mantine/core';
import { IntlProvider, useIntl, type MessageFormatElement } from 'react-intl';
import type { Locale } from '@needlepoint/core/i18n/locale';
import { useLocaleChoice } from './locale';
import { ComponentTextsProvider } from '../components/component-texts';
import type en from './en.json';
import { Loading } from '../components/loading';
import type bookingEn from './booking/en.json';
import type checkInEn from './check-in/en.json';
import type consentsEn from './consents/en.json';
import type homeEn from './home/en.json';
import type intakeEn from './intake/en.json';
import type learnEn from './learn/en.json';
import type messagesEn from './messages/en.json';
import type photosEn from './photos/en.json';
import type resultsEn from './results/en.json';
import type welcomeEn from './welcome/en.json';

/**
 * Every key of the portal's catalogs: the first page's (`en.json`) and each area's (`<area>/en.json`, loaded with
 * the area's pages through `<AreaMessages>`). `npm run i18n:check` keeps each `es.json` equal to its `en.json`.
 */
export type MessageKey =
  | keyof typeof en
  | keyof typeof bookingEn
  | keyof typeof checkInEn
  | keyof typeof consentsEn
  | keyof typeof homeEn
  | keyof typeof intakeEn
  | keyof typeof learnEn
  | keyof typeof messagesEn
  | keyof typeof photosEn
  | keyof typeof resultsEn
  | keyof typeof welcomeEn;

/**
 * One area's catalogs, imported by the pages that use them (so they load with those pages, not before). Every
 * catalog reaches the browser precompiled: each message parsed into ICU's syntax tree by the web build
 * (`web/build/precompiled-messages.ts`), so the browser needs no message parser.
 */
export type AreaCatalogs = Record<Locale, Record<string, string>>;

declare global {
  // react-intl's typing hook: `formatMessage({ id })` accepts only keys of the catalog.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
  }
}

type Catalog = Record<MessageKey, MessageFormatElement[]>;

const catalogLoaders: Record<Locale, () => Promise<{ default: unknown }>> = {
  en: () => import('./en.json'),
  es: () => import('./es.json'),
};
const catalogs = new Map<Locale, Promise<Catalog>>();

/** The first page's catalog in one language: one download, shared by every page that asks (again after a failure). */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  let catalog = catalogs.get(locale);
  if (!catalog) {
    catalog = catalogLoaders[locale]().then((module) => module.default as Catalog);
    catalog.catch(() => catalogs.delete(locale));
    catalogs.set(locale, catalog);
  }
  return catalog;
}

type Loaded = { locale: Locale; messages: Catalog } | 'failed' | null;

/**
 * The portal's catalogs for the chosen language. Only portal pages (and the public pages patients open from an
 * email) are wrapped in it, so staff screens do not load the message formatter; only the chosen language's
 * catalog is downloaded. The pages inside mount once it has arrived and stay mounted when the language changes
 * (they show the new language as soon as its catalog is in).
 */
export function Translations({ children }: { children: ReactNode }) {
  const { locale } = useLocaleChoice();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    loadCatalog(locale).then(
      (messages) => current && setLoaded({ locale, messages }),
      () => current && setLoaded((before) => (before && before !== 'failed' ? before : 'failed')),
    );
    return () => {
      current = false;
    };
  }, [locale, attempt]);

  if (loaded === 'failed')
    return (
      <Center h={160}>
        <Button variant="default" onClick={() => setAttempt((n) => n + 1)}>
          {locale === 'es'
            ? 'No se pudo cargar la página. Intentar de nuevo'
            : 'Could not load the page. Try again'}
        </Button>
      </Center>
    );
  if (!loaded) return <Loading label={locale === 'es' ? 'Cargando…' : 'Loading…'} />;
  return (
    <IntlProvider locale={loaded.locale} defaultLocale="en" messages={loaded.messages}>
      <TranslatedComponentTexts>{children}</TranslatedComponentTexts>
    </IntlProvider>
  );
}

/** Adds an area's messages (in the chosen language) to those of the portal for the pages inside. */
export function AreaMessages({ catalogs, children }: { catalogs: AreaCatalogs; children: ReactNode }) {
  const intl = useIntl();
  const { locale } = useLocaleChoice();
  const messages = useMemo(
    () => ({ ...intl.messages, ...catalogs[locale] }),
    [intl.messages, catalogs, locale],
  );
  return (
    <IntlProvider locale={locale} defaultLocale="en" messages={messages} timeZone={intl.timeZone}>
      {children}
    </IntlProvider>
  );
}

/** The shared components' own words (loading, try again, the demo notice) in the portal's language. */
function TranslatedComponentTexts({ children }: { children: ReactNode }) {
  const t = useT();
  const texts = useMemo(
    () => ({
      loading: t('common.loading'),
      tryAgain: t('common.tryAgain'),
      somethingWrong: t('common.somethingWrong'),
      reference: (requestId: string) => t('common.reference', { requestId }),
      demoBanner: t('common.demoBanner'),
    }),
    [t],
  );
  return <ComponentTextsProvider value={texts}>{children}</ComponentTextsProvider>;
}

export type MessageValues = Record<string, string | number | Date | null | undefined>;
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/**
 * The one way portal code reads text: `const t = useT(); t('portal.nav.home')`, with ICU values
 * (`t('common.reference', { requestId })`). `t.rich` takes React elements (`<b>…</b>` tags in the message).
 */
export function useT() {
  const intl = useIntl();
  return useMemo(() => {
    const t = (key: MessageKey, values?: MessageValues): string =>
      intl.formatMessage({ id: key }, values as Record<string, string | number | Date>);
    t.rich = (key: MessageKey, values: RichValues): ReactNode =>
      intl.formatMessage({ id: key }, values as Parameters<typeof intl.formatMessage>[1]);
    t.has = (key: string): key is MessageKey => Object.hasOwn(intl.messages, key);
    return t;
  }, [intl]);
}
