import { z } from 'zod';
import { ServiceType } from '../scheduling/service-types';
import { isLocalTime, parseTime, weekdays } from '../scheduling/time-zone';
import { verdicts } from '../screening/verdict';
import { IsoDate, IsoDateTime } from './common';
import { appointmentStatuses } from '../scheduling/visit';

/** Scheduling: working hours, time off, rooms, devices, service types, slot search, bookings and the waitlist. */

const LocalTime = z.string().refine(isLocalTime, 'Use HH:MM (24 h)');
export const Weekday = z.enum(weekdays);

export const WorkingHoursRule = z
  .object({ weekday: Weekday, start: LocalTime, end: LocalTime })
  .strict()
  .refine((r) => !isLocalTime(r.start) || !isLocalTime(r.end) || parseTime(r.end) > parseTime(r.start), {
    message: 'End must be after start',
    path: ['end'],
  });
export type WorkingHoursRule = z.infer<typeof WorkingHoursRule>;

/** A provider's weekly hours in the clinic's local time; a lunch break is two rules on one weekday. */
export const WorkingHours = z.object({ providerId: z.uuid(), rules: z.array(WorkingHoursRule) });
export type WorkingHours = z.infer<typeof WorkingHours>;
export const SetWorkingHoursRequest = z.object({ rules: z.array(WorkingHoursRule).max(50) }).strict();
export type SetWorkingHoursRequest = z.infer<typeof SetWorkingHoursRequest>;

export const TimeOff = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
});
export type TimeOff = z.infer<typeof TimeOff>;
export const CreateTimeOffRequest = z
  .object({
    providerId: z.uuid(),
    start: IsoDateTime,
    end: IsoDateTime,
    reason: z.string().trim().max(500).default(''),
  })
  .strict()
  .refine((r) => Date.parse(r.end) > Date.parse(r.start), {
    message: 'End must be after start',
    path: ['end'],
  });
export type CreateTimeOffRequest = z.infer<typeof CreateTimeOffRequest>;

export const Room = z.object({ id: z.uuid(), name: z.string(), active: z.boolean() });
export type Room = z.infer<typeof Room>;
export const CreateRoomRequest = z
  .object({ name: z.string().trim().min(1, 'Enter the room’s name').max(100) })
  .strict();
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;
export const UpdateRoomRequest = z
  .object({ name: z.string().trim().min(1).max(100), active: z.boolean() })
  .partial()
  .strict();

export const Device = z.object({
  id: z.uuid(),
  name: z.string(),
  serialNumber: z.string().nullable(),
  /** A device kept in one room can only be booked with that room. */
  roomId: z.uuid().nullable(),
  active: z.boolean(),
});
export type Device = z.infer<typeof Device>;
export const CreateDeviceRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    serialNumber: z.string().trim().max(100).nullable().default(null),
    roomId: z.uuid().nullable().default(null),
  })
  .strict();
export const UpdateDeviceRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    serialNumber: z.string().trim().max(100).nullable(),
    roomId: z.uuid().nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();

export const ServiceTypeDto = ServiceType;
export type ServiceTypeDto = z.infer<typeof ServiceTypeDto>;
export const ServiceTypesResponse = z.object({ serviceTypes: z.array(ServiceTypeDto) });
export const UpdateServiceTypeRequest = ServiceType.omit({ id: true }).partial().strict();

/** GET /slots query: a window of at most 92 days. */
export const SlotSearchQuery = z
  .object({
    serviceTypeId: z.string().min(2).max(64),
    from: IsoDateTime,
    to: IsoDateTime,
    providerId: z.uuid().optional(),
    planId: z.uuid().optional(),
    /** Staff: the patient being booked, so each slot is marked with the rules a booking of it would break. */
    patientId: z.uuid().optional(),
    /** The booking being moved: its own time does not count against the plan's interval. */
    bookingId: z.uuid().optional(),
    stepMinutes: z.coerce.number().int().min(5).max(240).optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), {
    message: '`to` must be after `from`',
    path: ['to'],
  });
export type SlotSearchQuery = z.infer<typeof SlotSearchQuery>;

export const SlotDto = z.object({
  start: z.string(),
  procedureStart: z.string(),
  end: z.string(),
  providerId: z.string(),
  roomId: z.string().nullable(),
  deviceId: z.string().nullable(),
});
export type SlotDto = z.infer<typeof SlotDto>;

/** A rule a booking would break, known before choosing a time. */
export const SlotRefusal = z.object({ code: z.string(), message: z.string(), overridable: z.boolean() });
export type SlotRefusal = z.infer<typeof SlotRefusal>;

export const SlotSearchResponse = z.object({
  timeZone: z.string(),
  serviceType: ServiceTypeDto,
  /** Each slot with the codes of the rules booking it would break (empty: bookable as it stands). */
  slots: z.array(SlotDto.extend({ refusals: z.array(z.string()) })),
  /** Rules that refuse every time for this patient (screening, consent, plan status); empty without a patient. */
  blockers: z.array(SlotRefusal),
  /** With a planId: the plan's next due window (local dates), so the client can mark early slots. */
  nextDue: z.object({ earliest: IsoDate, typical: IsoDate }).nullable(),
});
export type SlotSearchResponse = z.infer<typeof SlotSearchResponse>;

export const BookingOverride = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();

export const BookingRequest = z
  .object({
    patientId: z.uuid(),
    serviceTypeId: z.string().min(2).max(64),
    /** Absent: the server picks the first free provider for that start. */
    providerId: z.uuid().optional(),
    start: IsoDateTime,
    planId: z.uuid().optional(),
    override: BookingOverride.optional(),
  })
  .strict();
export type BookingRequest = z.infer<typeof BookingRequest>;

export const bookingStatuses = appointmentStatuses;
export const BookingStatus = z.enum(appointmentStatuses);

export const BookingDto = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  providerId: z.uuid(),
  roomId: z.uuid().nullable(),
  deviceId: z.uuid().nullable(),
  service: ServiceTypeDto,
  startsAt: z.string(),
  procedureStartsAt: z.string(),
  endsAt: z.string(),
  status: BookingStatus,
  planId: z.uuid().nullable(),
  sessionNumber: z.number().int().nullable(),
  /** Set when a booking rule was overridden (e.g. the plan interval). */
  overrideReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** When the patient was checked in, and when treatment started (the treatment record starts here). */
  arrivedAt: z.string().nullable(),
  treatmentStartedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BookingDto = z.infer<typeof BookingDto>;

export const CancelBookingRequest = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
export const NoShowRequest = z.object({ note: z.string().trim().max(1000).optional() }).strict();

/** A booking-rule result, returned by a dry run and in the 422 error details. */
export const BookingViolationDto = z.object({
  code: z.enum(['BOOKING_INTERVAL_TOO_SHORT', 'BOOKING_SCREENING_NOT_CLEARED', 'BOOKING_PLAN_NOT_ACTIVE']),
  message: z.string(),
  overridable: z.boolean(),
  overridden: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});
export const BookingCheckResponse = z.object({
  allowed: z.boolean(),
  violations: z.array(BookingViolationDto),
  overrideReason: z.string().nullable(),
  latestScreeningVerdict: z.enum(verdicts).nullable(),
});
export type BookingCheckResponse = z.infer<typeof BookingCheckResponse>;

export const ConflictDto = z.object({
  resource: z.string(),
  resourceKind: z.enum(['provider', 'room', 'device']),
  bookingId: z.string().nullable(),
  kind: z.enum(['booking', 'time-off', 'closure']).optional(),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
});

export const waitlistStatuses = ['waiting', 'offered', 'booked', 'removed'] as const;

export const WaitlistEntry = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  serviceTypeId: z.string(),
  providerId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  earliestDate: IsoDate,
  latestDate: IsoDate,
  preferredWeekdays: z.array(Weekday),
  preferredTimes: z.object({ start: z.string(), end: z.string() }).nullable(),
  note: z.string(),
  status: z.enum(waitlistStatuses),
  createdAt: z.string(),
});
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const CreateWaitlistEntryRequest = z
  .object({
    patientId: z.uuid(),
    serviceTypeId: z.string().min(2).max(64),
    providerId: z.uuid().optional(),
    planId: z.uuid().optional(),
    earliestDate: IsoDate,
    latestDate: IsoDate,
    preferredWeekdays: z.array(Weekday).max(7).default([]),
    preferredTimes: z.object({ start: LocalTime, end: LocalTime }).strict().optional(),
    note: z.string().trim().max(1000).default(''),
  })
  .strict()
  .refine((w) => w.latestDate >= w.earliestDate, {
    message: 'latestDate is before earliestDate',
    path: ['latestDate'],
  });
export type CreateWaitlistEntryRequest = z.infer<typeof CreateWaitlistEntryRequest>;

export const CalendarFeedQuery = z.object({ providerId: z.uuid().optional() }).strict();

/** The clinic's bookable providers, by name (for pickers and slot labels). */
export const ProviderList = z.object({ providers: z.array(z.object({ id: z.uuid(), name: z.string() })) });
export type ProviderList = z.infer<typeof ProviderList>;
