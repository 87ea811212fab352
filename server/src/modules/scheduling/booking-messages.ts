import { scheduleTimelineSteps } from '@needlepoint/core/aftercare/timeline-schedule';
import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { Database, Queryable } from '../../db/database';
import type { Clock } from '../../platform/clock';
import type { TimelineSettings } from '@needlepoint/core/aftercare/timeline';
import { readTogether } from '../../db/read-together';
import type { NewJob } from '../../platform/jobs';
import { timelineOfSession, timelineSettingsPart } from '../aftercare/aftercare.service';
import { clinicTimeZonePart } from '../clinic/clinic.service';
import {
  queuePatientMessage,
  queuePatientMessages,
  recipientPart,
  withdrawMessages,
  type Recipient,
} from '../messages/outbox.service';
import { currentSettings, currentSettingsPart } from '../screening/screening-settings.service';
import { findBooking, type CalendarRow } from './bookings.repo';
import { serviceTypeById } from './resources.service';

const HOUR = 3_600_000;

/** Topics of a session's scheduled messages: a move replaces them, a cancellation withdraws them. */
export const bookingTopics = {
  reminder: (bookingId: string) => `booking:${bookingId}:reminder`,
  timeline: (bookingId: string) => `booking:${bookingId}:timeline`,
};

async function sessionParams(client: Queryable, b: CalendarRow, sequence: number, known?: ServiceType) {
  const service = known ?? (await serviceTypeById(client, b.clinic_id, b.service));
  return {
    service,
    params: {
      bookingId: b.id,
      startsAt: b.starts_at.toISOString(),
      endsAt: b.ends_at.toISOString(),
      service: service.name,
      provider: b.provider_name,
      sequence,
    },
  };
}

/** What a session's messages are written from besides the booking: read once, or passed by a caller that has them. */
export interface SessionMessageFacts {
  retinoidHoldDays: number;
  timeZone: string;
  timeline: TimelineSettings;
  recipient: Recipient | undefined;
}

/** The reads of `SessionMessageFacts`, as parts of a one-statement read (`readTogether`). */
export function sessionMessageParts(clinicId: string, patientId: string) {
  return {
    screeningSettings: currentSettingsPart(clinicId),
    timeline: timelineSettingsPart(clinicId),
    recipient: recipientPart(clinicId, patientId),
  };
}

async function loadSessionMessageFacts(client: Queryable, b: CalendarRow): Promise<SessionMessageFacts> {
  const loaded = await readTogether(client, {
    ...sessionMessageParts(b.clinic_id, b.patient_id),
    timeZone: clinicTimeZonePart(b.clinic_id),
  });
  return {
    retinoidHoldDays: loaded.screeningSettings.settings.topicalRetinoidHoldDays,
    timeZone: loaded.timeZone,
    timeline: loaded.timeline,
    recipient: loaded.recipient,
  };
}

/**
 * In the booking's (or the move's) transaction: the confirmation with its calendar invitation (METHOD:REQUEST at the
 * session's SEQUENCE), the reminder the day before, and each step of the preparation and aftercare timeline as a
 * message on its day, queued together. A move first withdraws the ones it replaces.
 */
export async function queueSessionMessages(
  client: Queryable,
  b: CalendarRow,
  change: {
    kind: 'booked' | 'moved';
    sequence: number;
    now: Date;
    service?: ServiceType;
    known?: SessionMessageFacts;
    /** The use case's own jobs, queued in one statement with the messages' delivery jobs. */
    jobs?: readonly NewJob[];
  },
): Promise<void> {
  const { now } = change;
  if (change.kind === 'moved') await withdrawSessionMessages(client, b.clinic_id, b.id, 'Session moved', now);
  const { service, params } = await sessionParams(client, b, change.sequence, change.service);
  const facts = change.known ?? (await loadSessionMessageFacts(client, b));
  const messages: Parameters<typeof queuePatientMessages>[3][number][] = [
    { template: change.kind === 'moved' ? 'booking-moved' : 'booking-confirmed', params, options: { now } },
  ];
  const dayBefore = new Date(b.starts_at.getTime() - 24 * HOUR);
  if (dayBefore > now) {
    messages.push({
      template: 'session-reminder',
      params: { ...params, retinoidHoldDays: facts.retinoidHoldDays },
      options: { now, sendAt: dayBefore, topic: bookingTopics.reminder(b.id) },
    });
  }
  // Preparation and aftercare belong to treatment sessions (with a device), not to consultations.
  if (service.needsDevice) {
    const scheduled = scheduleTimelineSteps(
      timelineOfSession(b.starts_at, facts.timeZone, facts.timeline),
      { startsAt: b.starts_at.toISOString(), timeZone: facts.timeZone },
      now.toISOString(),
    );
    for (const { step, sendAt } of scheduled) {
      messages.push({
        template: 'timeline-step',
        params: {
          step: step.key,
          day: step.day,
          date: step.date,
          sessionStartsAt: params.startsAt,
          bookingId: b.id,
        },
        options: { now, sendAt: new Date(sendAt), topic: bookingTopics.timeline(b.id) },
      });
    }
  }
  await queuePatientMessages(client, b.clinic_id, b.patient_id, messages, {
    recipient: facts.recipient,
    jobs: change.jobs ?? [],
  });
}

/** A cancelled session: its reminder and timeline are withdrawn and the patient gets METHOD:CANCEL. */
export async function queueCancellation(
  client: Queryable,
  b: CalendarRow,
  change: { sequence: number; now: Date },
): Promise<void> {
  await withdrawSessionMessages(client, b.clinic_id, b.id, 'Session cancelled', change.now);
  const { params } = await sessionParams(client, b, change.sequence);
  await queuePatientMessage(client, b.clinic_id, b.patient_id, 'booking-cancelled', params, {
    now: change.now,
  });
}

export async function withdrawSessionMessages(
  client: Queryable,
  clinicId: string,
  bookingId: string,
  reason: string,
  now: Date,
  what: { timeline: boolean } = { timeline: true },
): Promise<void> {
  await withdrawMessages(client, clinicId, bookingTopics.reminder(bookingId), reason, now);
  if (what.timeline) await withdrawMessages(client, clinicId, bookingTopics.timeline(bookingId), reason, now);
}

/**
 * The `booking-notice` and `session-reminder` jobs queued by an earlier version (before the outbox): the same
 * message is written to the outbox now, once.
 */
export async function sendEarlierBookingJob(
  deps: { db: Database; clock: Clock },
  payload: { clinicId: string; bookingId: string; kind?: 'booked' | 'moved' },
  job: 'notice' | 'reminder',
): Promise<void> {
  await deps.db.transaction(async (client) => {
    const b = await findBooking(client, payload.clinicId, payload.bookingId);
    if (!b || b.status !== 'booked') return;
    const { params } = await sessionParams(client, b, b.calendar_sequence);
    const now = deps.clock.now();
    if (job === 'notice') {
      const template = payload.kind === 'moved' ? 'booking-moved' : 'booking-confirmed';
      await queuePatientMessage(client, b.clinic_id, b.patient_id, template, params, {
        now,
        topic: `booking:${b.id}:notice:${b.calendar_sequence}`,
        once: true,
      });
      return;
    }
    const { settings } = await currentSettings(client, b.clinic_id);
    await queuePatientMessage(
      client,
      b.clinic_id,
      b.patient_id,
      'session-reminder',
      { ...params, retinoidHoldDays: settings.topicalRetinoidHoldDays },
      { now, topic: bookingTopics.reminder(b.id), once: true },
    );
  });
}
