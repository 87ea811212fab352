/** The languages the patient portal and every patient message exist in. */
export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** The language's own name, as a patient choosing it would look for it. */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español' };

/** Picks the first supported language from an Accept-Language style list ("es-MX,es;q=0.9,en;q=0.8"). */
export function pickLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const base = preference.trim().toLowerCase().split(/[-_;]/)[0];
    const found = locales.find((locale) => locale === base);
    if (found) return found;
  }
  return defaultLocale;
}
