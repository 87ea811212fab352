import { defaultServiceTypes } from '../../core/src/scheduling/service-types';
import { addDays, weekdayOf, zonedToUtc } from '../../core/src/scheduling/time-zone';
import type { GeneratedPatient } from './patient-rows';
import type { Random } from './random';

/** Each provider's working day in the generated clinics (the clinic's own time zone). */
export const workingDay = { start: '09:00', end: '17:00' };
const weekdays = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
const service = defaultServiceTypes.find((s) => s.id === 'microneedling')!;
const MINUTE = 60_000;

export const appointmentColumns = [
  'clinic_id',
  'patient_id',
  'provider_id',
  'room_id',
  'device_id',
  'service',
  'starts_at',
  'procedure_starts_at',
  'ends_at',
  'room_free_at',
  'status',
  'cancel_reason',
  'booked_by',
  'created_at',
  'updated_at',
] as const;

export interface ClinicResources {
  clinicId: string;
  timeZone: string;
  providers: string[];
  rooms: string[];
  devices: string[];
  frontDesk: string;
}

/**
 * Microneedling sessions over the window: every working-day slot of every provider is booked with probability
 * `wanted / slots`, so a clinic's calendar fills as its patients grow. Provider `k` sees only patients `k`, `k + n`,
 * ... (no patient is in two rooms at once), in room `k` with device `k`; the database's no-double-booking
 * constraints hold. Past sessions are completed, cancelled or no-shows; future ones booked or cancelled.
 */
export function* appointmentRows(
  random: Random,
  clinic: ClinicResources,
  patients: readonly GeneratedPatient[],
  wanted: number,
  window: { start: number; end: number; now: number },
  counted: { slots: number; booked: number },
): Generator<unknown[]> {
  const n = clinic.providers.length;
  const length = (service.numbingMinutes + service.procedureMinutes) * MINUTE;
  const turnover = service.turnoverMinutes * MINUTE;
  const first = new Date(window.start).toISOString().slice(0, 10);
  const last = new Date(window.end).toISOString().slice(0, 10);
  let days = 0;
  for (let d = first; d <= last; d = addDays(d, 1)) if (weekdays.has(weekdayOf(d))) days++;
  const perDay = Math.floor(
    (zonedToUtc(first, workingDay.end, clinic.timeZone) -
      zonedToUtc(first, workingDay.start, clinic.timeZone) +
      turnover) /
      (length + turnover),
  );
  const slots = days * perDay * n;
  const chance = Math.min(1, wanted / slots);
  counted.slots += slots;
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (!weekdays.has(weekdayOf(d))) continue;
    const dayStart = zonedToUtc(d, workingDay.start, clinic.timeZone);
    for (let s = 0; s < perDay; s++) {
      const startsAt = dayStart + s * (length + turnover);
      for (let k = 0; k < n; k++) {
        if (random.next() >= chance) continue;
        const share = Math.floor((patients.length - k + n - 1) / n);
        if (share <= 0) continue;
        const patient = patients[k + n * random.below(share)]!;
        const past = startsAt < window.now;
        const r = random.next();
        const status = past
          ? r < 0.88
            ? 'completed'
            : r < 0.95
              ? 'cancelled'
              : 'no-show'
          : r < 0.95
            ? 'booked'
            : 'cancelled';
        const bookedAt = new Date(Math.max(window.start, startsAt - (1 + random.below(60)) * 86_400_000));
        counted.booked++;
        yield [
          clinic.clinicId,
          patient.id,
          clinic.providers[k],
          clinic.rooms[k % clinic.rooms.length],
          clinic.devices[k % clinic.devices.length],
          service.id,
          new Date(startsAt),
          new Date(startsAt + service.numbingMinutes * MINUTE),
          new Date(startsAt + length),
          new Date(startsAt + length + turnover),
          status,
          status === 'cancelled' ? 'Patient asked to move it' : null,
          clinic.frontDesk,
          bookedAt,
          bookedAt,
        ];
      }
    }
  }
}
