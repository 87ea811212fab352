import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { appointmentBlocks, conflicts, type BusyBlock } from './calendar';
import { defaultServiceTypes, type ServiceType } from './service-types';
import {
  checkAppointment,
  findOpenSlots,
  type Provider,
  type SlotSearch,
  type WorkingHoursRule,
} from './slots';
import { addDays, utcToZoned } from './time-zone';

// A deliberately non-UTC clinic. 2026-03-02 is a Monday (GMT = UTC); 2026-03-29 and 2026-10-25 are the DST Sundays.
const TZ = 'Europe/London';
const session: ServiceType = {
  id: 'session',
  name: 'Session',
  numbingMinutes: 15,
  procedureMinutes: 45,
  turnoverMinutes: 15,
  needsRoom: true,
  needsDevice: true,
  isPlanSession: true,
};
const hours = (weekday: WorkingHoursRule['weekday'], ...ranges: string[]): WorkingHoursRule[] =>
  ranges.map((r) => {
    const [start = '', end = ''] = r.split('-');
    return { weekday, start, end };
  });
const provider = (
  id: string,
  workingHours: WorkingHoursRule[],
  timeOff: Provider['timeOff'] = [],
): Provider => ({
  id,
  workingHours,
  timeOff,
});

function search(overrides: Partial<SlotSearch> = {}): SlotSearch {
  return {
    from: '2026-03-02T00:00:00Z',
    to: '2026-03-03T00:00:00Z',
    timeZone: TZ,
    service: session,
    providers: [provider('ana', hours('monday', '09:00-12:00'))],
    rooms: [{ id: 'room-1' }],
    devices: [{ id: 'pen-1' }],
    busy: [],
    stepMinutes: 30,
    now: '2026-03-01T12:00:00Z',
    minLeadMinutes: 60,
    ...overrides,
  };
}

const localStarts = (s: SlotSearch) =>
  findOpenSlots(s).map((slot) => `${slot.providerId} ${utcToZoned(Date.parse(slot.start), s.timeZone).time}`);
const starts = (s: SlotSearch) => localStarts(s).map((x) => x.split(' ')[1]);
const busy = (resource: string, start: string, end: string, bookingId = 'b-1'): BusyBlock => ({
  resource,
  start: `2026-03-02T${start}:00Z`,
  end: `2026-03-02T${end}:00Z`,
  bookingId,
});

describe('findOpenSlots', () => {
  it.each<[string, Partial<SlotSearch>, string[]]>([
    ['whole appointment fits inside hours', {}, ['09:00', '09:30', '10:00', '10:30', '11:00']],
    [
      'lunch break: two rules, nothing straddles 12:30-13:30',
      { providers: [provider('ana', hours('monday', '09:00-12:30', '13:30-15:00'))] },
      ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00'],
    ],
    [
      'time off 10:00-11:00',
      { providers: [provider('ana', hours('monday', '09:00-12:00'), [busy('ana', '10:00', '11:00')])] },
      ['09:00', '11:00'],
    ],
    ['provider already booked 10:00-11:00', { busy: [busy('ana', '10:00', '11:00')] }, ['09:00', '11:00']],
    [
      'room blocked by an earlier booking and its turnover until 10:15',
      { busy: [busy('room-1', '08:00', '10:15')] },
      ['10:30', '11:00'],
    ],
    [
      "the slot's own turnover must fit before the room's next booking at 11:45",
      { busy: [busy('room-1', '11:45', '13:00')] },
      ['09:00', '09:30', '10:00', '10:30'],
    ],
    [
      'device in use only during the procedure (09:15-10:00 blocks 09:00 and 09:30 starts)',
      { busy: [busy('pen-1', '09:15', '10:00')] },
      ['10:00', '10:30', '11:00'],
    ],
    [
      'device tied to room 1: room 2 free but has no device, room 1 busy until 10:00',
      {
        rooms: [{ id: 'room-1' }, { id: 'room-2' }],
        devices: [{ id: 'pen-1', roomId: 'room-1' }],
        busy: [busy('room-1', '08:00', '10:00')],
      },
      ['10:00', '10:30', '11:00'],
    ],
    [
      'a loose device can go to room 2',
      {
        rooms: [{ id: 'room-1' }, { id: 'room-2' }],
        devices: [{ id: 'pen-1', roomId: null }],
        busy: [busy('room-1', '08:00', '10:00')],
      },
      ['09:00', '09:30', '10:00', '10:30', '11:00'],
    ],
    ['past and lead time excluded: now 10:10 + 60 min leaves nothing', { now: '2026-03-02T10:10:00Z' }, []],
    ['search window starts at 10:00', { from: '2026-03-02T10:00:00Z' }, ['10:00', '10:30', '11:00']],
    [
      'no room, no device, no rooms at all: consultation',
      { service: defaultServiceTypes[0], rooms: [], devices: [] },
      ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    ],
    ['no device free at all', { busy: [busy('pen-1', '08:00', '13:00')] }, []],
    ['not a working day', { providers: [provider('ana', hours('tuesday', '09:00-12:00'))] }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(starts(search(overrides))).toEqual(expected);
  });

  it('excludes the past: now 09:40 with 30 min lead gives 10:30 as the first start', () => {
    expect(starts(search({ now: '2026-03-02T09:40:00Z', minLeadMinutes: 30 }))).toEqual(['10:30', '11:00']);
  });

  it('returns the resources and the procedure start', () => {
    expect(findOpenSlots(search())[0]).toEqual({
      start: '2026-03-02T09:00:00.000Z',
      procedureStart: '2026-03-02T09:15:00.000Z',
      end: '2026-03-02T10:00:00.000Z',
      providerId: 'ana',
      roomId: 'room-1',
      deviceId: 'pen-1',
    });
  });

  it('sorts several providers by start; each slot is an option on its own (both may offer room 1)', () => {
    const s = search({
      providers: [
        provider('zoe', hours('monday', '10:00-11:00')),
        provider('ana', hours('monday', '10:00-11:00')),
      ],
      rooms: [{ id: 'room-1' }, { id: 'room-2' }],
      devices: [{ id: 'pen-1' }, { id: 'pen-2' }],
    });
    expect(localStarts(s)).toEqual(['ana 10:00', 'zoe 10:00']);
    expect(findOpenSlots(s).map((x) => [x.roomId, x.deviceId])).toEqual([
      ['room-1', 'pen-1'],
      ['room-1', 'pen-1'],
    ]);
  });

  it.each([
    ['Europe/London', 'sunday', '2026-03-29', '2026-03-29T08:00:00.000Z', '2026-03-29T15:00:00.000Z'],
    ['Europe/London', 'sunday', '2026-10-25', '2026-10-25T09:00:00.000Z', '2026-10-25T16:00:00.000Z'],
    ['America/New_York', 'sunday', '2026-03-08', '2026-03-08T13:00:00.000Z', '2026-03-08T20:00:00.000Z'],
    ['America/New_York', 'sunday', '2026-11-01', '2026-11-01T14:00:00.000Z', '2026-11-01T21:00:00.000Z'],
  ] as const)(
    'DST day in %s (%s %s): 09:00-17:00 local stays 09:00-17:00',
    (zone, weekday, date, first, last) => {
      const slots = findOpenSlots(
        search({
          timeZone: zone,
          from: `${addDays(date, -1)}T12:00:00Z`,
          to: `${addDays(date, 1)}T12:00:00Z`,
          providers: [provider('ana', hours(weekday, '09:00-17:00'))],
          stepMinutes: 60,
        }),
      );
      expect(slots.map((s) => utcToZoned(Date.parse(s.start), zone).time)).toEqual([
        '09:00',
        '10:00',
        '11:00',
        '12:00',
        '13:00',
        '14:00',
        '15:00',
        '16:00',
      ]);
      expect(slots[0]?.start).toBe(first);
      expect(slots.at(-1)?.start).toBe(last);
    },
  );

  it.each<[string, Partial<SlotSearch>]>([
    ['to before from', { to: '2026-03-01T00:00:00Z' }],
    ['step too small', { stepMinutes: 1 }],
    ['window too long', { to: '2026-09-01T00:00:00Z' }],
    ['hours end before start', { providers: [provider('ana', hours('monday', '12:00-09:00'))] }],
  ])('rejects %s', (_name, overrides) => {
    expect(() => findOpenSlots(search(overrides))).toThrow(DomainError);
  });
});

describe('conflicts and checkAppointment', () => {
  const ana = provider('ana', hours('monday', '09:00-17:00'), [
    { start: '2026-03-02T15:00:00Z', end: '2026-03-02T17:00:00Z' },
  ]);
  const base = {
    service: session,
    provider: ana,
    roomId: 'room-1',
    deviceId: 'pen-1',
    busy: [busy('room-1', '10:00', '11:15', 'b-7'), busy('pen-1', '12:20', '12:40', 'b-8')],
    now: '2026-03-01T09:00:00Z',
    minLeadMinutes: 0,
    timeZone: TZ,
  };

  it('names each resource, booking and local time of a clash', () => {
    const needed = appointmentBlocks(
      { start: '2026-03-02T09:30:00Z', providerId: 'ana', roomId: 'room-1' },
      session,
    );
    expect(needed.map((b) => [b.resourceKind, b.start.slice(11, 16), b.end.slice(11, 16)])).toEqual([
      ['provider', '09:30', '10:30'],
      ['room', '09:30', '10:45'],
    ]);
    expect(conflicts(needed, base.busy, TZ)).toEqual([
      {
        resource: 'room-1',
        resourceKind: 'room',
        bookingId: 'b-7',
        kind: 'booking',
        start: '2026-03-02T10:00:00.000Z',
        end: '2026-03-02T11:15:00.000Z',
        reason: 'Room room-1 is booked 10:00-11:15 on 2026-03-02 (booking b-7)',
      },
    ]);
    // the booking itself is not a clash when it is rescheduled
    expect(
      conflicts(
        appointmentBlocks(
          { start: '2026-03-02T10:00:00Z', providerId: 'ana', roomId: 'room-1' },
          session,
          'b-7',
        ),
        base.busy,
        TZ,
      ),
    ).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['free', '2026-03-02T13:00:00Z', []],
    ['room clash', '2026-03-02T09:30:00Z', ['SCHEDULE_CONFLICT']],
    ['device clash during the procedure', '2026-03-02T11:30:00Z', ['SCHEDULE_CONFLICT']],
    ['device busy only during numbing is fine', '2026-03-02T12:25:00Z', []],
    ['before hours', '2026-03-02T08:30:00Z', ['BOOKING_OUTSIDE_HOURS']],
    ['runs past hours', '2026-03-02T16:30:00Z', ['BOOKING_OUTSIDE_HOURS', 'SCHEDULE_CONFLICT']],
    ['time off', '2026-03-02T14:30:00Z', ['SCHEDULE_CONFLICT']],
    ['in the past', '2026-02-27T10:00:00Z', ['BOOKING_IN_PAST', 'BOOKING_OUTSIDE_HOURS']],
  ])('%s', (_name, start, codes) => {
    expect(checkAppointment({ ...base, start }).map((v) => v.code)).toEqual(codes);
  });

  it.each<[string, string, string[]]>([
    ['an hour ahead is bookable', '2026-03-02T12:00:00Z', []],
    ['less than an hour ahead is too soon', '2026-03-02T12:01:00Z', ['BOOKING_TOO_SOON']],
    ['a start already passed is in the past', '2026-03-02T13:01:00Z', ['BOOKING_IN_PAST']],
  ])('with a 60-minute lead time, %s', (_name, now, codes) => {
    const start = '2026-03-02T13:00:00Z';
    expect(checkAppointment({ ...base, start, now, minLeadMinutes: 60 }).map((v) => v.code)).toEqual(codes);
  });
});
