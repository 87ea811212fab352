import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Locale } from '@needlepoint/core/i18n/locale';
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };

/** Every key of the patient-message catalog (`en.json` is the reference; `npm run i18n:check` keeps `es.json` equal). */
export type MessageKey = keyof typeof en;

/** Values an ICU message takes: text, numbers (plurals) and instants (`{startsAt, date, long}`). */
export type MessageValues = Record<string, string | number | Date | null | undefined>;

export const serverCatalogs: Record<Locale, Record<MessageKey, string>> = { en, es };

export interface Translator {
  locale: Locale;
  timeZone: string;
  /** One message in the patient's language; dates inside it are shown in the clinic's time zone. */
  t: (key: MessageKey, values?: MessageValues) => string;
  /** An instant as the patient reads it: `martes, 3 de marzo de 2026, 14:05` or `Tuesday, March 3, 2026 at 2:05 PM`. */
  dateTime: (instant: Date | string) => string;
  /** A calendar day (`YYYY-MM-DD` or an instant) as the patient reads it, e.g. `3 de marzo de 2026`. */
  date: (day: Date | string) => string;
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

function intlFor(locale: Locale, timeZone: string): IntlShape {
  const cacheKey = `${locale}|${timeZone}`;
  let intl = intls.get(cacheKey);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        timeZone,
        messages: serverCatalogs[locale],
        defaultLocale: 'en',
        // A missing key is a build failure (`npm run i18n:check`), never a silent English fallback at run time.
        onError: (error) => {
          throw error;
        },
      },
      cache,
    );
    intls.set(cacheKey, intl);
  }
  return intl;
}

/**
 * The one way to write text for a patient on the server (emails, SMS, in-portal messages):
 * `const { t } = translator(patient.preferredLanguage, clinic.timeZone); t('appointment.booked.subject', { startsAt })`.
 */
export function translator(locale: Locale, timeZone: string): Translator {
  const intl = intlFor(locale, timeZone);
  return {
    locale,
    timeZone,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number | Date>),
    dateTime: (instant) => intl.formatDate(instant, { dateStyle: 'full', timeStyle: 'short' }),
    date: (day) =>
      typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)
        ? // A calendar day has no time zone: read it as noon UTC and show it in UTC so it never shifts.
          intl.formatDate(`${day}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })
        : intl.formatDate(day, { dateStyle: 'long' }),
  };
}
