import { z } from 'zod';
import { IsoDateTime } from './common';

/** The outbox as staff and patients see it (ADR 028). */
export const MessageChannel = z.enum(['email', 'sms', 'portal']);
export const MessageStatus = z.enum(['scheduled', 'sending', 'retrying', 'sent', 'failed', 'withdrawn']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const messageStatusLabels: Record<MessageStatus, string> = {
  scheduled: 'Scheduled',
  sending: 'Sending',
  retrying: 'Retrying',
  sent: 'Sent',
  failed: 'Failed',
  withdrawn: 'Withdrawn',
};

/** What each message is about, as staff read it. */
export const messageTemplateLabels: Record<string, string> = {
  'booking-confirmed': 'Appointment booked',
  'booking-moved': 'Appointment moved',
  'booking-cancelled': 'Appointment cancelled',
  'session-reminder': 'Reminder the day before',
  'timeline-step': 'Preparation or aftercare step',
  'check-in-prompt': 'Check-in request',
  'urgent-advice': 'Urgent advice after a check-in',
  'portal-invitation': 'Portal invitation',
  'waitlist-offer': 'Earlier appointment offered',
  'maintenance-reminder': 'Maintenance session due',
  'urgent-alert': 'Urgent check-in alert',
  'screening-review': 'Screening to review',
};

export const MessageDto = z.object({
  id: z.uuid(),
  channel: MessageChannel,
  template: z.string(),
  essential: z.boolean(),
  locale: z.enum(['en', 'es']),
  status: MessageStatus,
  /** Email address or phone number; null for the portal inbox. */
  address: z.string().nullable(),
  subject: z.string().nullable(),
  sendAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type MessageDto = z.infer<typeof MessageDto>;

export const PatientMessageList = z.object({ messages: z.array(MessageDto) });
export type PatientMessageList = z.infer<typeof PatientMessageList>;

export const OutboxQuery = z
  .object({
    status: MessageStatus.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxList = z.object({
  counts: z.record(MessageStatus, z.number().int()),
  messages: z.array(MessageDto.extend({ recipientName: z.string() })),
});
export type OutboxList = z.infer<typeof OutboxList>;

export const InboxMessage = z.object({
  id: z.uuid(),
  subject: z.string(),
  body: z.string(),
  sentAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export const Inbox = z.object({ unread: z.number().int(), messages: z.array(InboxMessage) });
export type Inbox = z.infer<typeof Inbox>;

/** How the patient wants to hear from the clinic; essential messages ignore `nonEssential`. */
export const MessagePreferences = z
  .object({ email: z.boolean(), sms: z.boolean(), nonEssential: z.boolean() })
  .strict();
export type MessagePreferences = z.infer<typeof MessagePreferences>;

export const UnsubscribeParams = z
  .object({
    token: z
      .string()
      .min(16)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();
export const UnsubscribeView = z.object({ clinicName: z.string(), nonEssential: z.boolean() });
export type UnsubscribeView = z.infer<typeof UnsubscribeView>;

export const CaughtMail = z.object({
  id: z.uuid(),
  messageId: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  calendar: z.string().nullable(),
  caughtAt: IsoDateTime,
});
export const CaughtMailList = z.object({ mail: z.array(CaughtMail) });
export type CaughtMailList = z.infer<typeof CaughtMailList>;
