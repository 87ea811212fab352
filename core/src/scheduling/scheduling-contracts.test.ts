import { describe, expect, it } from 'vitest';
import {
  BookingRequest,
  CreateTimeOffRequest,
  CreateWaitlistEntryRequest,
  ServiceTypesResponse,
  SlotSearchQuery,
  SlotSearchResponse,
  WorkingHoursRule,
} from '../contracts/scheduling';
import { defaultServiceTypes, resolveServiceTypes } from './service-types';
import { findOpenSlots } from './slots';

const id = '00000000-0000-4000-8000-000000000001';

describe('scheduling contracts', () => {
  it.each([
    [{ weekday: 'monday', start: '09:00', end: '12:30' }, true],
    [{ weekday: 'monday', start: '12:30', end: '09:00' }, false],
    [{ weekday: 'monday', start: '9:00', end: '12:30' }, false],
    [{ weekday: 'mon', start: '09:00', end: '12:30' }, false],
  ])('WorkingHoursRule %j -> %s', (body, ok) => {
    expect(WorkingHoursRule.safeParse(body).success).toBe(ok);
  });

  it.each([
    [{ patientId: id, serviceTypeId: 'microneedling', start: '2026-03-29T09:00:00+01:00' }, true],
    [
      {
        patientId: id,
        serviceTypeId: 'microneedling',
        providerId: id,
        planId: id,
        start: '2026-03-29T08:00:00Z',
        override: { reason: 'Travelling next month' },
      },
      true,
    ],
    [{ patientId: id, serviceTypeId: 'microneedling', start: '2026-03-29T09:00:00' }, false],
    [
      {
        patientId: id,
        serviceTypeId: 'microneedling',
        start: '2026-03-29T08:00:00Z',
        override: { reason: '' },
      },
      false,
    ],
    [{ patientId: id, serviceTypeId: 'microneedling', start: '2026-03-29T08:00:00Z', roomId: id }, false],
  ])('BookingRequest %j -> %s', (body, ok) => {
    expect(BookingRequest.safeParse(body).success).toBe(ok);
  });

  it('validates slot queries, time off and waitlist entries', () => {
    const q = { serviceTypeId: 'microneedling', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    expect(SlotSearchQuery.safeParse({ ...q, stepMinutes: '15' }).data?.stepMinutes).toBe(15);
    expect(SlotSearchQuery.safeParse({ ...q, to: q.from }).success).toBe(false);
    expect(CreateTimeOffRequest.safeParse({ providerId: id, start: q.from, end: q.to }).success).toBe(true);
    expect(CreateTimeOffRequest.safeParse({ providerId: id, start: q.to, end: q.from }).success).toBe(false);
    const w = {
      patientId: id,
      serviceTypeId: 'microneedling',
      earliestDate: '2026-04-01',
      latestDate: '2026-04-30',
    };
    expect(CreateWaitlistEntryRequest.safeParse(w).success).toBe(true);
    expect(CreateWaitlistEntryRequest.safeParse({ ...w, latestDate: '2026-03-01' }).success).toBe(false);
  });

  it('core results fit the response DTOs', () => {
    expect(ServiceTypesResponse.safeParse({ serviceTypes: resolveServiceTypes() }).success).toBe(true);
    const service = defaultServiceTypes[1];
    if (!service) throw new Error('missing default');
    const slots = findOpenSlots({
      from: '2026-03-02T00:00:00Z',
      to: '2026-03-03T00:00:00Z',
      timeZone: 'Europe/London',
      service,
      providers: [{ id, workingHours: [{ weekday: 'monday', start: '09:00', end: '12:00' }], timeOff: [] }],
      rooms: [{ id }],
      devices: [{ id }],
      busy: [],
      stepMinutes: 15,
      now: '2026-03-01T00:00:00Z',
      minLeadMinutes: 0,
    });
    expect(slots.length).toBeGreaterThan(0);
    expect(
      SlotSearchResponse.safeParse({
        timeZone: 'Europe/London',
        serviceType: service,
        slots: slots.map((s) => ({ ...s, refusals: [] })),
        blockers: [],
        nextDue: null,
      }).success,
    ).toBe(true);
    // Slots always say which rules they would break (an empty list when none).
    expect(
      SlotSearchResponse.safeParse({
        timeZone: 'Europe/London',
        serviceType: service,
        slots,
        blockers: [],
        nextDue: null,
      }).success,
    ).toBe(false);
  });

  it('lets a clinic override a default service type', () => {
    const types = resolveServiceTypes([
      { ...defaultServiceTypes[1], numbingMinutes: 45 } as (typeof defaultServiceTypes)[number],
    ]);
    expect(types.find((t) => t.id === 'microneedling')?.numbingMinutes).toBe(45);
    expect(types).toHaveLength(defaultServiceTypes.length);
  });
});
