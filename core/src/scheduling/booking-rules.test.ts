import { describe, expect, it } from 'vitest';
import { checkBookingRules, patientChangeRefusal, type BookingRulesInput } from './booking-rules';

const cleared = { cleared: true, verdict: 'proceed' as const };
const base: BookingRulesInput = {
  plan: { id: 'plan-1', status: 'active', minIntervalDays: 28 },
  previousSessions: [{ id: 's-1', startsAt: '2026-03-02T10:00:00Z', status: 'completed' }],
  candidateStart: '2026-03-30T10:00:00+01:00',
  timeZone: 'Europe/London',
  latestScreening: cleared,
};

describe('checkBookingRules', () => {
  it.each<[string, Partial<BookingRulesInput>, string[], boolean]>([
    ['exactly the minimum interval (28 days) is allowed', {}, [], true],
    ['one day short', { candidateStart: '2026-03-29T10:00:00+01:00' }, ['BOOKING_INTERVAL_TOO_SHORT'], false],
    [
      'local day counts: 00:30 BST on 30 March is 29 March in UTC but 28 local days',
      { candidateStart: '2026-03-29T23:30:00Z' },
      [],
      true,
    ],
    [
      'a booked later session counts too',
      {
        previousSessions: [{ startsAt: '2026-04-20T10:00:00Z', status: 'booked' }],
        candidateStart: '2026-04-01T10:00:00Z',
      },
      ['BOOKING_INTERVAL_TOO_SHORT'],
      false,
    ],
    [
      'cancelled and no-show sessions do not count',
      {
        previousSessions: [
          { startsAt: '2026-03-20T10:00:00Z', status: 'cancelled' },
          { startsAt: '2026-03-25T10:00:00Z', status: 'no-show' },
        ],
      },
      [],
      true,
    ],
    [
      'too soon, overridden with a reason',
      { candidateStart: '2026-03-20T10:00:00Z', override: { reason: 'Patient travels abroad in April' } },
      ['BOOKING_INTERVAL_TOO_SHORT'],
      true,
    ],
    [
      'an empty override reason lifts nothing',
      { candidateStart: '2026-03-20T10:00:00Z', override: { reason: '  ' } },
      ['BOOKING_INTERVAL_TOO_SHORT'],
      false,
    ],
    [
      'screening not cleared',
      { latestScreening: { cleared: false, verdict: 'needs-clearance' } },
      ['BOOKING_SCREENING_NOT_CLEARED'],
      false,
    ],
    ['no screening', { latestScreening: null }, ['BOOKING_SCREENING_NOT_CLEARED'], false],
    [
      'an override does not lift a screening',
      { latestScreening: null, override: { reason: 'urgent' } },
      ['BOOKING_SCREENING_NOT_CLEARED'],
      false,
    ],
    [
      'paused plan',
      { plan: { id: 'plan-1', status: 'paused', minIntervalDays: 28 } },
      ['BOOKING_PLAN_NOT_ACTIVE'],
      false,
    ],
    ['no plan: no interval rule', { plan: null, candidateStart: '2026-03-03T10:00:00Z' }, [], true],
    ['consent signed', { consent: { kind: 'treatment-mechanical', state: 'signed' } }, [], true],
    [
      'consent signed on an older version: booked (the record asks for the new one)',
      { consent: { kind: 'treatment-mechanical', state: 'needs-re-consent' } },
      [],
      true,
    ],
    [
      'consent not signed',
      { consent: { kind: 'treatment-mechanical', state: 'not-signed' } },
      ['BOOKING_CONSENT_NOT_SIGNED'],
      false,
    ],
    [
      'consent revoked',
      { consent: { kind: 'treatment-rf', state: 'revoked' } },
      ['BOOKING_CONSENT_NOT_SIGNED'],
      false,
    ],
    [
      'a provider overrides a missing consent with a reason',
      {
        consent: { kind: 'treatment-mechanical', state: 'not-signed' },
        bookedBy: 'provider',
        override: { reason: 'Signs on paper at arrival' },
      },
      ['BOOKING_CONSENT_NOT_SIGNED'],
      true,
    ],
    [
      'the owner cannot override a missing consent',
      {
        consent: { kind: 'treatment-mechanical', state: 'not-signed' },
        bookedBy: 'owner',
        override: { reason: 'Signs on paper at arrival' },
      },
      ['BOOKING_CONSENT_NOT_SIGNED'],
      false,
    ],
  ])('%s', (_name, overrides, codes, allowed) => {
    const result = checkBookingRules({ ...base, ...overrides });
    expect(result.violations.map((v) => v.code)).toEqual(codes);
    expect(result.allowed).toBe(allowed);
  });

  it('says when the override was used and what the earliest date is', () => {
    const result = checkBookingRules({
      ...base,
      candidateStart: '2026-03-20T10:00:00Z',
      override: { reason: ' Patient travels ' },
    });
    expect(result.overrideReason).toBe('Patient travels');
    expect(result.violations[0]).toMatchObject({
      overridable: true,
      overridden: true,
      details: { sessionId: 's-1', daysBetween: 18, earliestAfter: '2026-03-30' },
    });
    expect(checkBookingRules(base).overrideReason).toBeNull();
  });
});

describe('patientChangeRefusal', () => {
  it.each<[string, string, number, boolean]>([
    ['two days ahead with 24 hours notice', '2026-03-03T10:00:00Z', 24, true],
    ['exactly 24 hours ahead', '2026-03-02T10:00:00Z', 24, true],
    ['23 hours ahead', '2026-03-02T09:00:00Z', 24, false],
    ['already started', '2026-03-01T09:00:00Z', 24, false],
    ['no notice needed: any time before the start', '2026-03-01T10:30:00Z', 0, true],
    ['a clinic asking 72 hours', '2026-03-03T10:00:00Z', 72, false],
  ])('%s', (_name, start, hours, allowed) => {
    const refusal = patientChangeRefusal(start, '2026-03-01T10:00:00Z', hours);
    expect(refusal === null).toBe(allowed);
    if (refusal)
      expect(refusal).toMatchObject({ code: 'BOOKING_NOTICE_TOO_SHORT', details: { noticeHours: hours } });
  });
});
