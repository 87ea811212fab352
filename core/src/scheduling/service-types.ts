import { z } from 'zod';

/**
 * What a clinic books, with the minutes each part takes. An appointment is numbing + procedure (the patient and
 * the provider are booked for both); turnover blocks the room after the procedure (cleaning, new sterile set-up).
 * The defaults are starting points a clinic overrides; topical anaesthetic usually sits 20-45 minutes (S67).
 */
export const ServiceType = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  name: z.string().trim().min(1).max(200),
  numbingMinutes: z.number().int().min(0).max(180),
  procedureMinutes: z.number().int().min(5).max(480),
  turnoverMinutes: z.number().int().min(0).max(120),
  needsRoom: z.boolean(),
  needsDevice: z.boolean(),
  /** Counts as a session of a treatment plan (interval rules apply). */
  isPlanSession: z.boolean(),
});
export type ServiceType = z.infer<typeof ServiceType>;

export const defaultServiceTypes: ServiceType[] = [
  {
    id: 'consultation',
    name: 'Consultation',
    numbingMinutes: 0,
    procedureMinutes: 30,
    turnoverMinutes: 0,
    needsRoom: false,
    needsDevice: false,
    isPlanSession: false,
  },
  {
    id: 'microneedling',
    name: 'Microneedling session',
    numbingMinutes: 30,
    procedureMinutes: 45,
    turnoverMinutes: 15,
    needsRoom: true,
    needsDevice: true,
    isPlanSession: true,
  },
  {
    id: 'microneedling-prp',
    name: 'Microneedling session with PRP',
    numbingMinutes: 30,
    procedureMinutes: 60,
    turnoverMinutes: 20,
    needsRoom: true,
    needsDevice: true,
    isPlanSession: true,
  },
  {
    id: 'follow-up',
    name: 'Follow-up',
    numbingMinutes: 0,
    procedureMinutes: 15,
    turnoverMinutes: 0,
    needsRoom: false,
    needsDevice: false,
    isPlanSession: false,
  },
  {
    id: 'maintenance',
    name: 'Maintenance session',
    numbingMinutes: 30,
    procedureMinutes: 45,
    turnoverMinutes: 15,
    needsRoom: true,
    needsDevice: true,
    isPlanSession: false,
  },
];

/** The clinic's service types: defaults with the clinic's changes merged by id, plus the clinic's own. */
export function resolveServiceTypes(overrides: readonly ServiceType[] = []): ServiceType[] {
  const byId = new Map(defaultServiceTypes.map((s) => [s.id, s]));
  for (const s of overrides) byId.set(s.id, ServiceType.parse(s));
  return [...byId.values()];
}

export function appointmentMinutes(service: ServiceType): number {
  return service.numbingMinutes + service.procedureMinutes;
}
