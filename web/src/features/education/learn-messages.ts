import en from '../../i18n/learn/en.json';
import es from '../../i18n/learn/es.json';

/** The Learn pages' messages, loaded with those pages. */
export const learnCatalogs = { en, es };
