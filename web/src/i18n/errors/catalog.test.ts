import { describe, expect, it } from 'vitest';
import { isErrorCode } from '@needlepoint/core/errors';
import en from './en.json';
import es from './es.json';

/** The codes the browser gives an error itself that patients can meet (web/src/lib/api.ts). */
const clientCodes = ['NETWORK'];

describe('the portal’s error catalogs', () => {
  it.each([
    ['en', en],
    ['es', es],
  ])('%s words only codes that exist (error.<CODE> or error.<CODE>.<reason>)', (_locale, catalog) => {
    const stale = Object.keys(catalog)
      .map((key) => key.split('.')[1]!)
      .filter((code) => !isErrorCode(code) && !clientCodes.includes(code));
    expect(stale).toEqual([]);
  });

  it.each([
    'BOOKING_TOO_SOON',
    'BOOKING_NOT_OFFERED_ONLINE',
    'AUTH_PASSWORD_INCORRECT',
    'AUTH_TOTP_SETUP_NOT_STARTED',
    'AUTH_TOTP_ALREADY_ENABLED',
    'AUTH_TOTP_NOT_ENABLED',
    'OUTCOME_SESSION_NOT_IN_PLAN',
    'SCHEDULE_NOT_SET_UP',
    'CONSENT_LANGUAGE_NOT_AVAILABLE',
  ])('words %s, a refusal a patient can meet, in English and Spanish', (code) => {
    expect(en).toHaveProperty([`error.${code}`]);
    expect(es).toHaveProperty([`error.${code}`]);
  });
});
