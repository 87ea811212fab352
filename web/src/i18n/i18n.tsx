import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Center } from '@mantine/core';
import { IntlProvider, useIntl, type MessageFormatElement } from 'react-intl';
import type { Locale } from '@needlepoint/core/i18n/locale';
import { useLocaleChoice } from './locale';
import { ComponentTextsProvider } from '../components/component-texts';
import { ApiError } from '../lib/api';
import type en from './en.json';
import { Loading } from '../components/loading';
import type authEn from './auth/en.json';
import type bookingEn from './booking/en.json';
import type checkInEn from './check-in/en.json';
import type consentsEn from './consents/en.json';
import type errorsEn from './errors/en.json';
import type homeEn from './home/en.json';
import type intakeEn from './intake/en.json';
import type learnEn from './learn/en.json';
import type messagesEn from './messages/en.json';
import type photosEn from './photos/en.json';
import type resultsEn from './results/en.json';
import type securityEn from './security/en.json';
import type signInEn from './sign-in/en.json';
import type welcomeEn from './welcome/en.json';

/**
 * Every key of the portal's catalogs: the first page's (`en.json`) and each area's (`<area>/en.json`, loaded with
 * the area's pages through `<AreaMessages>`). `npm run i18n:check` keeps each `es.json` equal to its `en.json`.
 */
export type MessageKey =
  | keyof typeof en
  | keyof typeof authEn
  | keyof typeof bookingEn
  | keyof typeof checkInEn
  | keyof typeof consentsEn
  | keyof typeof errorsEn
  | keyof typeof homeEn
  | keyof typeof intakeEn
  | keyof typeof learnEn
  | keyof typeof messagesEn
  | keyof typeof photosEn
  | keyof typeof resultsEn
  | keyof typeof securityEn
  | keyof typeof signInEn
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

export type Catalog = Record<MessageKey, MessageFormatElement[]>;

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
 * An area's catalogs loaded one language at a time: only the chosen language's file is downloaded (each language
 * is its own chunk), for pages on the first load of someone who has not signed in yet (sign-in, password reset).
 */
export type LazyAreaCatalogs = Record<Locale, () => Promise<{ default: unknown }>>;
const lazyCatalogs = new Map<() => Promise<{ default: unknown }>, Promise<Catalog>>();

export function loadLazy(loader: () => Promise<{ default: unknown }>): Promise<Catalog> {
  let catalog = lazyCatalogs.get(loader);
  if (!catalog) {
    catalog = loader().then((module) => module.default as Catalog);
    catalog.catch(() => lazyCatalogs.delete(loader));
    lazyCatalogs.set(loader, catalog);
  }
  return catalog;
}

/**
 * The words for the server's error codes (`error.<CODE>`), in the chosen language. They load after the page's
 * first catalog and never hold the page: a request fails after the page is shown, and until they are in, an
 * error reads as the generic "something went wrong" in the patient's language, never the server's English.
 */
const errorCatalogs: LazyAreaCatalogs = {
  en: () => import('./errors/en.json'),
  es: () => import('./errors/es.json'),
};

/**
 * The portal's catalogs for the chosen language. Only portal pages (and the public pages patients open from an
 * email) are wrapped in it, so staff screens do not load the message formatter; only the chosen language's
 * catalog is downloaded. The pages inside mount once it has arrived and stay mounted when the language changes
 * (they show the new language as soon as its catalog is in).
 */
export function Translations({ children }: { children: ReactNode }) {
  const { locale } = useLocaleChoice();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [errorWords, setErrorWords] = useState<{ locale: Locale; messages: Catalog } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const messages = useMemo(
    () =>
      loaded && loaded !== 'failed'
        ? errorWords?.locale === loaded.locale
          ? { ...errorWords.messages, ...loaded.messages }
          : loaded.messages
        : null,
    [loaded, errorWords],
  );
  useEffect(() => {
    let current = true;
    loadLazy(errorCatalogs[locale]).then(
      (messages) => current && setErrorWords({ locale, messages }),
      () => undefined,
    );
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
  if (!loaded || !messages) return <Loading label={locale === 'es' ? 'Cargando…' : 'Loading…'} />;
  return (
    <IntlProvider locale={loaded.locale} defaultLocale="en" messages={messages}>
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

/**
 * What went wrong, in the patient's words: the catalog's text for the error's code (`error.<CODE>`, or
 * `error.<CODE>.<reason>` when the server names a reason in `details.reason`), never the server's English message.
 * A code without words (new, or renamed) reads as the generic message.
 */
export function useErrorText() {
  const t = useT();
  return useCallback(
    (error: unknown): string => {
      if (error instanceof ApiError) {
        const reason = typeof error.details.reason === 'string' ? error.details.reason : null;
        const withReason = reason ? `error.${error.code}.${reason}` : null;
        if (withReason && t.has(withReason)) return t(withReason, error.details as MessageValues);
        const key = `error.${error.code}`;
        if (t.has(key)) return t(key, error.details as MessageValues);
      }
      return t('common.errorGeneric');
    },
    [t],
  );
}

/** The shared components' own words (loading, try again, the demo notice) in the portal's language. */
function TranslatedComponentTexts({ children }: { children: ReactNode }) {
  const t = useT();
  const errorText = useErrorText();
  const texts = useMemo(
    () => ({
      errorMessage: errorText,
      loading: t('common.loading'),
      tryAgain: t('common.tryAgain'),
      somethingWrong: t('common.somethingWrong'),
      reference: (requestId: string) => t('common.reference', { requestId }),
      demoBanner: t('common.demoBanner'),
    }),
    [t, errorText],
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
