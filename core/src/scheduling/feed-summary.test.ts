import { describe, expect, it } from 'vitest';
import { initialsOf, staffFeedSummary } from './feed-summary';

describe('staff calendar feed summaries', () => {
  it.each([
    ['Ana', 'Ruiz', 'A.R.'],
    ['élodie', 'ñúñez', 'É.Ñ.'],
    ['  Mia ', '', 'M.'],
    ['', '', '?'],
  ])('initials of %j %j are %s', (given, family, expected) => {
    expect(initialsOf(given, family)).toBe(expected);
  });

  it('shows initials and the service unless the clinic chose full names', () => {
    const patient = { givenName: 'Ana', familyName: 'Ruiz' };
    expect(staffFeedSummary(patient, 'Microneedling session', false)).toBe('A.R.: Microneedling session');
    expect(staffFeedSummary(patient, 'Microneedling session', true)).toBe('Ana Ruiz: Microneedling session');
  });
});
