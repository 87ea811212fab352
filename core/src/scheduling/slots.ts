import { DomainError } from '../errors';
import { appointmentBlocks, conflicts, type BusyBlock, type Conflict } from './calendar';
import type { ServiceType } from './service-types';
import {
  addDays,
  daysBetween,
  localDate,
  localDayConverter,
  parseTime,
  toInstant,
  toIso,
  weekdayOf,
  zonedToUtc,
  type Weekday,
} from './time-zone';

/** A weekly working-hours rule in the clinic's local time; a lunch break is two rules on the same weekday. */
export interface WorkingHoursRule {
  weekday: Weekday;
  start: string;
  end: string;
}

export interface Provider {
  id: string;
  workingHours: readonly WorkingHoursRule[];
  timeOff: readonly { start: string; end: string }[];
}

export interface SlotSearch {
  from: string;
  to: string;
  timeZone: string;
  service: ServiceType;
  providers: readonly Provider[];
  rooms: readonly { id: string }[];
  /** A device with a roomId can be used only in that room. */
  devices: readonly { id: string; roomId?: string | null }[];
  busy: readonly BusyBlock[];
  stepMinutes: number;
  now: string;
  minLeadMinutes: number;
}

export interface Slot {
  start: string;
  procedureStart: string;
  end: string;
  providerId: string;
  roomId: string | null;
  deviceId: string | null;
}

const MINUTE = 60_000;
const MAX_SEARCH_DAYS = 92;

/** Sorted, merged busy intervals of one resource; `free` is a binary search. */
class Timeline {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(intervals: [number, number][]) {
    intervals.sort((a, b) => a[0] - b[0]);
    for (const [s, e] of intervals) {
      if (e <= s) continue;
      const last = this.ends.length - 1;
      if (last >= 0 && s <= (this.ends[last] as number)) {
        this.ends[last] = Math.max(this.ends[last] as number, e);
      } else {
        this.starts.push(s);
        this.ends.push(e);
      }
    }
  }

  /** True when [s, e) touches no busy interval. */
  free(s: number, e: number): boolean {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ends[mid] as number) <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.ends.length || (this.starts[lo] as number) >= e;
  }
}

const EMPTY = new Timeline([]);

function timelines(busy: readonly BusyBlock[], providers: readonly Provider[]): Map<string, Timeline> {
  const raw = new Map<string, [number, number][]>();
  const add = (resource: string, start: string, end: string) => {
    let list = raw.get(resource);
    if (!list) raw.set(resource, (list = []));
    list.push([toInstant(start), toInstant(end)]);
  };
  for (const b of busy) add(b.resource, b.start, b.end);
  for (const p of providers) for (const t of p.timeOff) add(p.id, t.start, t.end);
  return new Map([...raw].map(([id, list]) => [id, new Timeline(list)]));
}

function invalid(message: string): DomainError {
  return new DomainError('SCHEDULE_INPUT_INVALID', message);
}

/**
 * Open appointment starts for `service` between `from` and `to`, one per provider and start time (with the first
 * free room and device that fit), sorted by start. The whole appointment (numbing + procedure) lies inside one
 * working-hours rule of the provider's local day; the room is also free for the turnover after it; a device is free
 * for the procedure and, when tied to a room, in that room; nothing starts before `now` + `minLeadMinutes`.
 * Working hours are local wall-clock times: on a daylight-saving day a 09:00 shift still starts at 09:00 local.
 */
export function findOpenSlots(search: SlotSearch): Slot[] {
  const { service, timeZone } = search;
  const fromMs = toInstant(search.from);
  const toMs = toInstant(search.to);
  const step = search.stepMinutes * MINUTE;
  if (!(toMs > fromMs)) throw invalid('`to` must be after `from`');
  if (!Number.isInteger(search.stepMinutes) || search.stepMinutes < 5)
    throw invalid('stepMinutes must be >= 5');
  if (!(search.minLeadMinutes >= 0)) throw invalid('minLeadMinutes must be >= 0');
  const firstDay = localDate(fromMs, timeZone);
  const lastDay = localDate(toMs, timeZone);
  if (daysBetween(firstDay, lastDay) > MAX_SEARCH_DAYS)
    throw invalid(`Search at most ${MAX_SEARCH_DAYS} days`);

  const earliest = Math.max(fromMs, toInstant(search.now) + search.minLeadMinutes * MINUTE);
  const busy = timelines(search.busy, search.providers);
  const line = (id: string) => busy.get(id) ?? EMPTY;
  const numbing = service.numbingMinutes * MINUTE;
  const length = numbing + service.procedureMinutes * MINUTE;
  const turnover = service.turnoverMinutes * MINUTE;
  const rooms = service.needsRoom ? search.rooms.map((r) => ({ id: r.id, line: line(r.id) })) : [];
  const devices = search.devices.map((d) => ({ id: d.id, roomId: d.roomId ?? null, line: line(d.id) }));

  const days = new Map<string, (time: string) => number>();
  const at = (date: string, time: string) => {
    let convert = days.get(date);
    if (!convert) days.set(date, (convert = localDayConverter(date, timeZone)));
    return convert(time);
  };

  const pickDevice = (roomId: string | null, ps: number, e: number) =>
    devices.find((d) => (d.roomId === null || d.roomId === roomId) && d.line.free(ps, e));

  const slots: Slot[] = [];
  for (const provider of search.providers) {
    const providerLine = line(provider.id);
    for (const rule of provider.workingHours) {
      if (parseTime(rule.end) <= parseTime(rule.start))
        throw invalid(`Working hours end before they start: ${rule.start}-${rule.end}`);
    }
    const seen = new Set<number>();
    for (let date = firstDay; daysBetween(date, lastDay) >= 0; date = addDays(date, 1)) {
      const weekday = weekdayOf(date);
      for (const rule of provider.workingHours) {
        if (rule.weekday !== weekday) continue;
        const workStart = at(date, rule.start);
        const workEnd = at(date, rule.end);
        let s = workStart + Math.max(0, Math.ceil((earliest - workStart) / step)) * step;
        for (; s + length <= workEnd && s < toMs; s += step) {
          const e = s + length;
          if (seen.has(s) || !providerLine.free(s, e)) continue;
          const ps = s + numbing;
          let roomId: string | null = null;
          let deviceId: string | null = null;
          if (service.needsRoom) {
            let found = false;
            for (const room of rooms) {
              if (!room.line.free(s, e + turnover)) continue;
              if (service.needsDevice) {
                const device = pickDevice(room.id, ps, e);
                if (!device) continue;
                deviceId = device.id;
              }
              roomId = room.id;
              found = true;
              break;
            }
            if (!found) continue;
          } else if (service.needsDevice) {
            const device = pickDevice(null, ps, e);
            if (!device) continue;
            deviceId = device.id;
          }
          seen.add(s);
          slots.push({
            start: toIso(s),
            procedureStart: toIso(ps),
            end: toIso(e),
            providerId: provider.id,
            roomId,
            deviceId,
          });
        }
      }
    }
  }
  return slots.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.providerId < b.providerId ? -1 : 1,
  );
}

export interface AppointmentViolation {
  code: 'BOOKING_IN_PAST' | 'BOOKING_TOO_SOON' | 'BOOKING_OUTSIDE_HOURS' | 'SCHEDULE_CONFLICT';
  message: string;
  conflicts?: Conflict[];
}

/**
 * Checks one chosen appointment (the server's last word before it writes a booking): not in the past
 * (BOOKING_IN_PAST) nor sooner than `minLeadMinutes` from now (BOOKING_TOO_SOON), inside the
 * provider's working hours, no clash on provider, room or device. Returns every violation; empty means bookable.
 */
export function checkAppointment(input: {
  start: string;
  service: ServiceType;
  provider: Provider;
  roomId: string | null;
  deviceId: string | null;
  busy: readonly BusyBlock[];
  now: string;
  minLeadMinutes: number;
  timeZone: string;
  bookingId?: string | null;
}): AppointmentViolation[] {
  const { service, provider, timeZone } = input;
  const s = toInstant(input.start);
  const e = s + (service.numbingMinutes + service.procedureMinutes) * MINUTE;
  const violations: AppointmentViolation[] = [];
  if (s < toInstant(input.now)) {
    violations.push({ code: 'BOOKING_IN_PAST', message: 'That time has already passed' });
  } else if (s < toInstant(input.now) + input.minLeadMinutes * MINUTE) {
    violations.push({
      code: 'BOOKING_TOO_SOON',
      message: `Appointments start at least ${input.minLeadMinutes} minutes from now`,
    });
  }
  const date = localDate(s, timeZone);
  const inHours = provider.workingHours.some(
    (r) =>
      r.weekday === weekdayOf(date) &&
      zonedToUtc(date, r.start, timeZone) <= s &&
      e <= zonedToUtc(date, r.end, timeZone),
  );
  if (!inHours) {
    violations.push({ code: 'BOOKING_OUTSIDE_HOURS', message: 'The provider does not work at that time' });
  }
  const needed = appointmentBlocks(
    { start: input.start, providerId: provider.id, roomId: input.roomId, deviceId: input.deviceId },
    service,
    input.bookingId ?? null,
  );
  const timeOff: BusyBlock[] = provider.timeOff.map((t) => ({
    resource: provider.id,
    ...t,
    kind: 'time-off',
  }));
  const clashes = conflicts(needed, [...input.busy, ...timeOff], timeZone);
  if (clashes.length > 0) {
    violations.push({
      code: 'SCHEDULE_CONFLICT',
      message: clashes.map((c) => c.reason).join('; '),
      conflicts: clashes,
    });
  }
  return violations;
}
