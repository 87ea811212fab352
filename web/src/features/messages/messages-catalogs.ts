import en from '../../i18n/messages/en.json';
import es from '../../i18n/messages/es.json';

/** The inbox, message choices and unsubscribe pages' messages, loaded with those pages. */
export const messagesCatalogs = { en, es };
