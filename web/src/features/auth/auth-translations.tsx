import type { CurrentUser } from '@needlepoint/core/contracts/auth';
import type { Ok } from '@needlepoint/core/contracts/common';
import { locales, localeNames, type Locale } from '@needlepoint/core/i18n/locale';
import { useT, type LazyAreaCatalogs } from '../../i18n/i18n';
import { chosenDeviceLocale, useLocaleChoice } from '../../i18n/locale';
import { api } from '../../lib/api';

// One small module on the sign-in page's first load: the catalogs loaded one language at a time and the language
// switch of the pages before sign-in.

/** The sign-in page's words (and the language switch's): one small catalog per language, only one downloaded. */
export const signInCatalogs: LazyAreaCatalogs = {
  en: () => import('../../i18n/sign-in/en.json'),
  es: () => import('../../i18n/sign-in/es.json'),
};

/** Forgot and reset password (with the sign-in words), one language at a time. */
export const authCatalogs: LazyAreaCatalogs = {
  en: () => import('../../i18n/auth/en.json'),
  es: () => import('../../i18n/auth/es.json'),
};

/** The password and security page and two-factor setup, one language at a time. */
export const securityCatalogs: LazyAreaCatalogs = {
  en: () => import('../../i18n/security/en.json'),
  es: () => import('../../i18n/security/es.json'),
};

/**
 * A patient who chose a language on this device (on the sign-in page, or in the portal before) keeps it after
 * signing in: it is saved as their language, as the portal's switch does, so the portal and their messages follow
 * it. The browser's own language does not count as a choice, and a failed save still signs them in.
 */
export async function withDeviceLanguage(user: CurrentUser): Promise<CurrentUser> {
  const chosen = chosenDeviceLocale();
  if (user.role !== 'patient' || user.totpSetupRequired || !chosen || chosen === user.preferredLanguage)
    return user;
  try {
    await api.put<typeof Ok>('/api/portal/language', { language: chosen });
    return { ...user, preferredLanguage: chosen };
  } catch {
    return user;
  }
}

/**
 * The language switch of the pages before sign-in: remembered on this device, and carried into the portal when a
 * patient signs in (`withDeviceLanguage`). A plain select: the page is on a first load.
 */
export function DeviceLanguageChoice() {
  const t = useT();
  const { locale, chooseLocale } = useLocaleChoice();
  return (
    <select
      aria-label={t('language.label')}
      value={locale}
      onChange={(e) => chooseLocale(e.currentTarget.value as Locale)}
      style={{ font: 'inherit', minHeight: 30 }}
    >
      {locales.map((l) => (
        <option key={l} value={l}>
          {localeNames[l]}
        </option>
      ))}
    </select>
  );
}
