import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { locales, pickLocale, type Locale } from '@needlepoint/core/i18n/locale';
import { setDisplayLocale } from '../lib/format';
import { useSession } from '../lib/session';

const storageKey = 'needlepoint.language';

/** The language last chosen on this device (before sign-in or in the portal), if any: not the browser's. */
export function chosenDeviceLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    if (stored && (locales as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // Storage can be off (private mode): nothing was remembered.
  }
  return null;
}

/** The language chosen on this device, else the browser's. */
function deviceLocale(): Locale {
  return chosenDeviceLocale() ?? pickLocale(navigator.languages ?? [navigator.language]);
}

interface LocaleChoice {
  locale: Locale;
  /** Remembers the choice on this device (a signed-in patient also saves it on their record). */
  chooseLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleChoice | null>(null);

/**
 * The portal's language: a signed-in patient's saved choice, else this device's choice, else the browser's.
 * Staff screens stay in English for now.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const [device, setDevice] = useState<Locale>(deviceLocale);
  const locale: Locale = user
    ? user.role === 'patient'
      ? (user.preferredLanguage ?? device)
      : 'en'
    : device;
  // Before the children render, so dates on the first paint are in the right language (an idempotent write).
  setDisplayLocale(locale);

  const chooseLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered on this device; the page still switches.
    }
    setDevice(next);
  }, []);
  const value = useMemo(() => ({ locale, chooseLocale }), [locale, chooseLocale]);

  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocaleChoice(): LocaleChoice {
  const choice = useContext(LocaleContext);
  if (!choice) throw new Error('useLocaleChoice outside LocaleProvider');
  return choice;
}
