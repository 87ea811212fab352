import { appointmentBlocks, type BusyBlock } from '@needlepoint/core/scheduling/calendar';
import { defaultServiceTypes } from '@needlepoint/core/scheduling/service-types';
import { findOpenSlots, type Provider, type SlotSearch } from '@needlepoint/core/scheduling/slots';
import { addDays, weekdayOf, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';

/**
 * Open-slot search: one month (March 2026, across the Europe/London clock change) for 10 providers, 10 rooms and
 * 10 devices (6 tied to a room). Busy calendars: 3 of 4 appointment positions booked, about half of all working
 * minutes. Reports whole-month searches per second on one core. Target: under 50 ms per search.
 */
const TZ = 'Europe/London';
const service = defaultServiceTypes.find((s) => s.id === 'microneedling') ?? defaultServiceTypes[0]!;
const MINUTE = 60_000;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function build(): { search: SlotSearch; bookings: number; bookedShare: number } {
  const random = lcg(42);
  const providers: Provider[] = Array.from({ length: 10 }, (_, i) => ({
    id: `provider-${i}`,
    workingHours: [
      ...(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).flatMap((weekday) => [
        { weekday, start: '09:00', end: '12:30' },
        { weekday, start: '13:30', end: '17:30' },
      ]),
      ...(i % 3 === 0 ? [{ weekday: 'saturday' as const, start: '09:00', end: '13:00' }] : []),
    ],
    timeOff: i === 4 ? [{ start: '2026-03-16T00:00:00Z', end: '2026-03-21T00:00:00Z' }] : [],
  }));
  const rooms = Array.from({ length: 10 }, (_, i) => ({ id: `room-${i}` }));
  const devices = Array.from({ length: 10 }, (_, i) => ({
    id: `pen-${i}`,
    roomId: i < 6 ? `room-${i}` : null,
  }));
  const roomFree = new Map<string, number>();
  const busy: BusyBlock[] = [];
  let bookings = 0;
  let workingMs = 0;
  const length = (service.numbingMinutes + service.procedureMinutes) * MINUTE;
  const turnover = service.turnoverMinutes * MINUTE;
  for (let date = '2026-03-01'; date <= '2026-03-31'; date = addDays(date, 1)) {
    for (const p of providers) {
      for (const rule of p.workingHours.filter((r) => r.weekday === weekdayOf(date))) {
        const end = zonedToUtc(date, rule.end, TZ);
        workingMs += end - zonedToUtc(date, rule.start, TZ);
        for (let s = zonedToUtc(date, rule.start, TZ); s + length <= end; s += length + turnover) {
          if (random() >= 0.75) continue;
          const room = [rooms[providers.indexOf(p)]!, ...rooms].find((r) => (roomFree.get(r.id) ?? 0) <= s);
          if (!room) continue;
          const device = devices.find((d) => d.roomId === room.id) ?? devices[6 + (bookings % 4)]!;
          const blocks = appointmentBlocks(
            { start: new Date(s).toISOString(), providerId: p.id, roomId: room.id, deviceId: device.id },
            service,
            `b-${bookings}`,
          );
          roomFree.set(room.id, Date.parse(blocks[1]!.end));
          busy.push(...blocks);
          bookings++;
        }
      }
    }
  }
  return {
    bookings,
    bookedShare: (bookings * length) / workingMs,
    search: {
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
      timeZone: TZ,
      service,
      providers,
      rooms,
      devices,
      busy,
      stepMinutes: 15,
      now: '2026-02-28T12:00:00Z',
      minLeadMinutes: 120,
    },
  };
}

export async function run(): Promise<{
  name: string;
  metrics: Record<string, number | string>;
  notes?: string;
}> {
  const { search, bookings, bookedShare } = build();
  let slots = 0;
  for (let i = 0; i < 20; i++) slots = findOpenSlots(search).length; // warm-up
  let searches = 0;
  const start = performance.now();
  while (performance.now() - start < 3000) {
    findOpenSlots(search);
    searches++;
  }
  const seconds = (performance.now() - start) / 1000;
  const msPerSearch = (seconds * 1000) / searches;
  const oneProvider = { ...search, providers: search.providers.slice(0, 1) };
  let one = 0;
  const t1 = performance.now();
  while (performance.now() - t1 < 1000) {
    findOpenSlots(oneProvider);
    one++;
  }
  return {
    name: 'slots',
    metrics: {
      searches_per_second: Math.round(searches / seconds),
      ms_per_search: Math.round(msPerSearch * 100) / 100,
      target_ms_per_search: 50,
      meets_target: msPerSearch <= 50 ? 'yes' : 'no',
      ms_per_one_provider_month: Math.round(((performance.now() - t1) / one) * 100) / 100,
      providers: search.providers.length,
      rooms: search.rooms.length,
      devices: search.devices.length,
      bookings_in_month: bookings,
      provider_time_booked: `${Math.round(bookedShare * 100)}%`,
      busy_blocks: search.busy.length,
      slots_found: slots,
    },
    notes: `findOpenSlots over 1 month, ${TZ} (DST on 29 March), step ${search.stepMinutes} min; one core`,
  };
}
