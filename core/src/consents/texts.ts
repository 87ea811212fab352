import type { ConsentDocument } from '../contracts/consents';
import type { Locale } from '../i18n/locale';

/** The text of a consent version a patient reading in `locale` is shown, and signs. */
export interface ConsentTextShown {
  /** The language of the text shown: the patient's when the version has it, else English. */
  language: Locale;
  title: string;
  body: string;
  /** The patient reads another language, but the clinic's version is only in English. */
  englishOnly: boolean;
}

export function consentTextFor(
  document: Pick<ConsentDocument, 'title' | 'body' | 'spanish'>,
  locale: Locale,
): ConsentTextShown {
  if (locale === 'es' && document.spanish) {
    return { language: 'es', title: document.spanish.title, body: document.spanish.body, englishOnly: false };
  }
  return { language: 'en', title: document.title, body: document.body, englishOnly: locale !== 'en' };
}
