import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '@needlepoint/core/i18n/locale';
import en from './strings/en.json' with { type: 'json' };
import es from './strings/es.json' with { type: 'json' };

/** Every message to a patient exists in each language: one catalog of ICU messages per locale. */
const catalogs: Record<Locale, Record<string, string>> = { en, es };
export type MessageKey = keyof typeof en;

const compiled = new Map<string, IntlMessageFormat>();

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, values) => {
    const cacheKey = `${locale}:${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      const source = catalogs[locale][key];
      if (source === undefined) throw new Error(`Message ${key} is missing in ${locale}`);
      format = new IntlMessageFormat(source, locale);
      compiled.set(cacheKey, format);
    }
    return String(format.format(values));
  };
}

/** An instant as the patient reads it: the clinic's time zone, the patient's language. */
export function formatWhen(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** A calendar date (YYYY-MM-DD) as the patient reads it. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es' : 'en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T12:00:00Z`));
}
