import { z } from 'zod';
import { BookingDto, BookingOverride, Device, Room, TimeOff, WaitlistEntry } from './scheduling';
import { IsoDateTime } from './common';

/** Lists and requests around bookings that the scheduling contracts do not already name. */

export const RoomList = z.object({ rooms: z.array(Room) });
export const DeviceList = z.object({ devices: z.array(Device) });
export const TimeOffList = z.object({ timeOff: z.array(TimeOff) });
export const WindowQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), {
    message: '`to` must be after `from`',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, {
    message: 'At most 92 days at a time',
    path: ['to'],
  });

export const BookingListQuery = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    providerId: z.uuid().optional(),
    patientId: z.uuid().optional(),
    includeCancelled: z.enum(['true', 'false']).optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), {
    message: '`to` must be after `from`',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, {
    message: 'At most 92 days at a time',
    path: ['to'],
  });
export type BookingListQuery = z.infer<typeof BookingListQuery>;

/** A booking as the calendar shows it: with names, so a day view needs one request. */
export const CalendarBooking = BookingDto.extend({
  patientName: z.string(),
  providerName: z.string(),
  roomName: z.string().nullable(),
});
export type CalendarBooking = z.infer<typeof CalendarBooking>;
export const BookingList = z.object({ timeZone: z.string(), bookings: z.array(CalendarBooking) });
export type BookingList = z.infer<typeof BookingList>;

export const RescheduleRequest = z
  .object({ start: IsoDateTime, providerId: z.uuid().optional(), override: BookingOverride.optional() })
  .strict();
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;

/** A patient moves their own session: a new start only (the clinic chooses the provider, no override). */
export const PortalRescheduleRequest = z.object({ start: IsoDateTime }).strict();

export const PortalBookingRequest = z
  .object({
    serviceTypeId: z.string().min(2).max(64),
    start: IsoDateTime,
    providerId: z.uuid().optional(),
    planId: z.uuid().optional(),
  })
  .strict();
export type PortalBookingRequest = z.infer<typeof PortalBookingRequest>;

export const WaitlistList = z.object({ entries: z.array(WaitlistEntry) });

export const CalendarFeedDto = z.object({ id: z.uuid(), url: z.string(), createdAt: z.string() });
export type CalendarFeedDto = z.infer<typeof CalendarFeedDto>;
export const FeedTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }).strict();

/** Staff calendar feeds show initials and the service unless the clinic chooses full names. */
export const CalendarFeedSettings = z.object({ fullNames: z.boolean() }).strict();
export type CalendarFeedSettings = z.infer<typeof CalendarFeedSettings>;
