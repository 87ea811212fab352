import type { Task, TaskList } from 'graphile-worker';
import type { Database } from '../db/database';
import type { Clock } from '../platform/clock';
import type { Mailer } from '../platform/mail';
import { logSmsProvider, type SmsProvider } from '../platform/sms';
import { aftercareJobs } from '../modules/aftercare/aftercare-jobs';
import { sendCheckInPrompt, sendUrgentAlert } from '../modules/aftercare/aftercare-messages.service';
import { deliverMessage } from '../modules/messages/delivery.service';
import { messageJobs } from '../modules/messages/messages-jobs';
import { jobNames } from '../modules/scheduling/booking-jobs';
import { sendEarlierBookingJob } from '../modules/scheduling/booking-messages';
import { rescreenBeforeSession } from '../modules/scheduling/pre-session.service';
import { sendMaintenanceReminder, sendWaitlistOffer } from '../modules/scheduling/waitlist-messages';
import { defaultExportDir, fhirExportJob, runExport } from '../modules/fhir-api/fhir-export.service';

export interface TaskDeps {
  db: Database;
  /** SMTP; null (no SMTP_URL): emails are kept in the development mail catcher. */
  mailer: Mailer | null;
  /** Text messages; default: written to the log. */
  sms?: SmsProvider;
  clock: Clock;
  publicUrl: string;
  /** The From address of emails (its domain ends every Message-ID). */
  mailFrom?: string;
  /** Folder for Bulk Data export files. */
  exportDir?: string;
  log?: (line: string) => void;
  /** Without SMTP: also print each caught email's text (MAIL_LOG_BODIES, development only). */
  logBodies?: boolean;
}

type Payload<T> = (payload: unknown) => T;
const as =
  <T>(): Payload<T> =>
  (payload) =>
    payload as T;

/**
 * The durable jobs the app runs (graphile-worker). Names are stable: jobs already queued carry them. Messages are
 * rows of the outbox, each delivered by `message-deliver`; the other jobs decide at their time whether a message is
 * due (the booking is still on, the prompt unanswered) and write it to the outbox in their transaction.
 */
export function makeTasks(deps: TaskDeps): TaskList {
  const log = deps.log ?? ((line: string) => console.log(line));
  const delivery = {
    db: deps.db,
    clock: deps.clock,
    mailer: deps.mailer,
    sms: deps.sms ?? logSmsProvider(log),
    publicUrl: deps.publicUrl,
    mailFrom: deps.mailFrom ?? 'Needlepoint <no-reply@needlepoint.local>',
    log,
    logBodies: deps.logBodies ?? false,
  };
  const deliver: Task = (payload, helpers) =>
    deliverMessage(delivery, as<{ clinicId: string; messageId: string }>()(payload), {
      attempts: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
    });
  type BookingPayload = { clinicId: string; bookingId: string; kind?: 'booked' | 'moved' };
  return {
    [messageJobs.deliver]: deliver,
    [jobNames.bookingNotice]: (payload) =>
      sendEarlierBookingJob(deps, as<BookingPayload>()(payload), 'notice'),
    [jobNames.sessionReminder]: (payload) =>
      sendEarlierBookingJob(deps, as<BookingPayload>()(payload), 'reminder'),
    [jobNames.preSessionScreening]: (payload) => rescreenBeforeSession(deps, as<BookingPayload>()(payload)),
    [jobNames.waitlistOffer]: (payload) =>
      sendWaitlistOffer(deps, as<{ clinicId: string; entryId: string; start: string }>()(payload)),
    [jobNames.maintenanceReminder]: (payload) =>
      sendMaintenanceReminder(deps, as<{ clinicId: string; entryId: string }>()(payload)),
    [aftercareJobs.checkInPrompt]: (payload) =>
      sendCheckInPrompt(deps, as<{ clinicId: string; promptId: string }>()(payload)),
    [aftercareJobs.urgentAlert]: (payload) =>
      sendUrgentAlert(deps, as<{ clinicId: string; checkInId: string }>()(payload)),
    [fhirExportJob]: (payload) =>
      runExport(
        { db: deps.db, exportDir: deps.exportDir ?? defaultExportDir, clock: deps.clock },
        as<{ exportId: string; clinicId: string }>()(payload),
      ),
  };
}
