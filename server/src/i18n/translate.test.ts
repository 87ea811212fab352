import { describe, expect, it } from 'vitest';
import { locales } from '@needlepoint/core/i18n/locale';
import { serverCatalogs, translator, type MessageKey } from './translate';

// 09:30 on 3 March 2026 in New York is 14:30 UTC: the clinic's zone, not the server's (TZ=UTC), must show.
const startsAt = new Date('2026-03-03T14:30:00Z');
const zone = 'America/New_York';

describe('translator', () => {
  it('writes a message in English with the date and time at the clinic', () => {
    const { t } = translator('en', zone);
    expect(t('appointment.booked.body', { serviceName: 'Microneedling', startsAt })).toBe(
      'Your Microneedling is booked for Tuesday, March 3, 2026 at 9:30 AM.',
    );
  });

  it('writes the same message in Spanish, with Spanish dates', () => {
    const { t } = translator('es', zone);
    expect(t('appointment.booked.body', { serviceName: 'Microneedling', startsAt })).toBe(
      'Su cita de Microneedling está reservada para el martes, 3 de marzo de 2026 a las 9:30.',
    );
  });

  it('follows each language’s plural rules', () => {
    expect(translator('en', zone).t('checkIn.request.body', { days: 1 })).toMatch(/^It is 1 day since/);
    expect(translator('en', zone).t('checkIn.request.body', { days: 3 })).toMatch(/^It is 3 days since/);
    expect(translator('es', zone).t('checkIn.request.body', { days: 1 })).toMatch(/^Ha pasado 1 día desde/);
    expect(translator('es', zone).t('checkIn.request.body', { days: 7 })).toMatch(/^Han pasado 7 días desde/);
  });

  it('shows instants in the clinic’s zone and calendar days without shifting', () => {
    const tokyo = translator('en', 'Asia/Tokyo');
    expect(tokyo.dateTime(startsAt)).toBe('Tuesday, March 3, 2026 at 11:30 PM');
    expect(translator('es', 'Pacific/Honolulu').date('2026-03-03')).toBe('3 de marzo de 2026');
  });

  it('refuses a key that is not in the catalog instead of sending a wrong text', () => {
    const { t } = translator('es', zone);
    expect(() => t('no.such.key' as MessageKey)).toThrow();
  });

  it('has every message in both languages', () => {
    const keys = locales.map((locale) => Object.keys(serverCatalogs[locale]).sort());
    expect(keys[1]).toEqual(keys[0]);
  });
});
