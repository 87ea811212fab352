import type { Task, TaskList } from 'graphile-worker';
import { resolveScreeningSettings } from '@needlepoint/core/knowledge/settings';
import { verdictLabels } from '@needlepoint/core/screening/verdict';
import type { Database } from '../db/database';
import { systemActor } from '../platform/audit';
import type { Clock } from '../platform/clock';
import type { Mailer } from '../platform/mail';
import { findPlan } from '../modules/plans/plans.repo';
import { latestSettings } from '../modules/screening/screening.repo';
import { screenPatient } from '../modules/screening/screening.service';
import { jobNames } from '../modules/scheduling/booking-jobs';
import { findBooking, type CalendarRow } from '../modules/scheduling/bookings.repo';
import { toICalendar } from '../modules/scheduling/icalendar';
import { serviceName } from '../modules/scheduling/resources.service';
import { defaultExportDir, fhirExportJob, runExport } from '../modules/fhir-api/fhir-export.service';

export interface TaskDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  /** Folder for Bulk Data export files. */
  exportDir?: string;
}

interface Clinic {
  name: string;
  time_zone: string;
  phone: string;
  address: string;
}

async function clinicOf(db: Database, clinicId: string): Promise<Clinic> {
  return (
    await db.query<Clinic>('SELECT name, time_zone, phone, address FROM clinics WHERE id = $1', [clinicId])
  ).rows[0]!;
}

function when(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function bookingCalendar(
  b: CalendarRow,
  service: string,
  clinic: Clinic,
  now: Date,
  cancelled = false,
): string {
  return toICalendar(
    [
      {
        uid: b.id,
        start: b.starts_at,
        end: b.ends_at,
        summary: `${service} at ${clinic.name}`,
        location: [clinic.name, clinic.address].filter(Boolean).join(', '),
        cancelled,
      },
    ],
    { name: clinic.name, generatedAt: now },
  );
}

/** The durable jobs the app runs (graphile-worker). Each re-reads the booking: a cancelled one is left alone. */
export function makeTasks(deps: TaskDeps): TaskList {
  const bookingNotice: Task = async (payload) => {
    const { bookingId, clinicId, kind } = payload as {
      bookingId: string;
      clinicId: string;
      kind: 'booked' | 'moved';
    };
    const b = await findBooking(deps.db.pool, clinicId, bookingId);
    if (!b || b.status !== 'booked' || !b.patient_email) return;
    const clinic = await clinicOf(deps.db, clinicId);
    await deps.mailer.send({
      to: b.patient_email,
      subject: `${clinic.name}: ${kind === 'moved' ? 'your appointment has moved' : 'your appointment is booked'}`,
      text:
        `Hello ${b.patient_name},\n\nYour ${(await serviceName(deps.db.pool, clinicId, b.service)).toLowerCase()} with ${b.provider_name} is on ${when(b.starts_at, clinic.time_zone)}.\n` +
        `${clinic.name}${clinic.address ? `, ${clinic.address}` : ''}${clinic.phone ? `\nTo change it, call ${clinic.phone} or use your patient portal.` : ''}\n\n` +
        `The attached calendar file adds it to your calendar.\n`,
      attachments: [
        {
          filename: 'appointment.ics',
          content: bookingCalendar(
            b,
            await serviceName(deps.db.pool, clinicId, b.service),
            clinic,
            deps.clock.now(),
          ),
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        },
      ],
    });
  };

  const sessionReminder: Task = async (payload) => {
    const { bookingId, clinicId } = payload as { bookingId: string; clinicId: string };
    const b = await findBooking(deps.db.pool, clinicId, bookingId);
    if (!b || b.status !== 'booked' || !b.patient_email) return;
    const clinic = await clinicOf(deps.db, clinicId);
    const settings = resolveScreeningSettings(
      (await latestSettings(deps.db.pool, clinicId))?.overrides ?? {},
    );
    await deps.mailer.send({
      to: b.patient_email,
      subject: `${clinic.name}: your appointment tomorrow`,
      text:
        `Hello ${b.patient_name},\n\nA reminder of your ${(await serviceName(deps.db.pool, clinicId, b.service)).toLowerCase()} on ${when(b.starts_at, clinic.time_zone)}.\n\n` +
        `To prepare:\n` +
        `- Do not use retinoid creams (such as tretinoin or retinol) for ${settings.topicalRetinoidHoldDays} days before.\n` +
        `- Avoid sunburn and tanning; come with clean skin and no make-up on the treatment area.\n` +
        `- Numbing cream is applied at the clinic, so please arrive on time.\n` +
        `- Tell us if anything has changed: new medicines (including blood thinners or supplements), a cold sore, an infection, or pregnancy.\n\n` +
        `Your provider will check this with you before treatment.\n`,
    });
  };

  const preSessionScreening: Task = async (payload) => {
    const { bookingId, clinicId } = payload as { bookingId: string; clinicId: string };
    const b = await findBooking(deps.db.pool, clinicId, bookingId);
    if (!b || b.status !== 'booked') return;
    const plan = b.plan_id ? await findPlan(deps.db.pool, clinicId, b.plan_id) : undefined;
    const screening = await deps.db.transaction((client) =>
      screenPatient(
        client,
        deps.clock,
        systemActor(clinicId, `job:pre-session:${bookingId}`),
        b.patient_id,
        { areas: plan?.areas ?? ['face'], modality: plan?.modality ?? 'mechanical' },
        {
          trigger: 'pre-session',
          appointmentId: b.id,
        },
      ),
    );
    if (screening.cleared) return;
    // Something stands in the way of tomorrow's session: tell the provider, with what changed.
    const provider = (
      await deps.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [b.provider_id])
    ).rows[0];
    if (!provider) return;
    const clinic = await clinicOf(deps.db, clinicId);
    const open = screening.findings.filter((f) => f.open).map((f) => `- ${f.title}: ${f.action}`);
    const changed = screening.changes
      ? `Since the last screening (${verdictLabels[screening.changes.previousVerdict].toLowerCase()}): new findings ${screening.changes.added.length}, resolved ${screening.changes.resolved.length}.\n`
      : '';
    await deps.mailer.send({
      to: provider.email,
      subject: `${clinic.name}: screening needs you before ${b.patient_name}'s session`,
      text:
        `The screening run before ${b.patient_name}'s ${(await serviceName(deps.db.pool, clinicId, b.service)).toLowerCase()} on ${when(b.starts_at, clinic.time_zone)} is not cleared (${verdictLabels[screening.verdict].toLowerCase()}).\n` +
        changed +
        `\nOpen findings:\n${open.join('\n')}\n\nOpen the patient's record: ${deps.publicUrl}/patients/${b.patient_id}?tab=screening\n`,
    });
  };

  const waitlistOffer: Task = async (payload) => {
    const { clinicId, entryId, start } = payload as { clinicId: string; entryId: string; start: string };
    const { rows } = await deps.db.query<{ email: string | null; name: string; status: string }>(
      `SELECT p.email, p.given_name AS name, w.status FROM waitlist_entries w JOIN patients p ON p.id = w.patient_id WHERE w.clinic_id = $1 AND w.id = $2`,
      [clinicId, entryId],
    );
    const entry = rows[0];
    if (!entry || entry.status !== 'offered' || !entry.email) return;
    const clinic = await clinicOf(deps.db, clinicId);
    await deps.mailer.send({
      to: entry.email,
      subject: `${clinic.name}: an earlier appointment is free`,
      text: `Hello ${entry.name},\n\nA place has opened on ${when(new Date(start), clinic.time_zone)}. Book it in your patient portal (${deps.publicUrl}/portal) or call ${clinic.phone || 'the clinic'}.\n`,
    });
  };

  const maintenanceReminder: Task = async (payload) => {
    const { clinicId, entryId } = payload as { clinicId: string; entryId: string };
    const { rows } = await deps.db.query<{
      email: string | null;
      name: string;
      status: string;
      latest_date: string;
    }>(
      `SELECT p.email, p.given_name AS name, w.status, w.latest_date FROM waitlist_entries w JOIN patients p ON p.id = w.patient_id
        WHERE w.clinic_id = $1 AND w.id = $2`,
      [clinicId, entryId],
    );
    const entry = rows[0];
    if (!entry || entry.status !== 'waiting' || !entry.email) return;
    const clinic = await clinicOf(deps.db, clinicId);
    await deps.mailer.send({
      to: entry.email,
      subject: `${clinic.name}: time for your maintenance session`,
      text: `Hello ${entry.name},\n\nYour treatment series is complete. A maintenance session keeps the results; the best time is before ${entry.latest_date}. Book in your patient portal (${deps.publicUrl}/portal).\n`,
    });
  };

  return {
    [jobNames.bookingNotice]: bookingNotice,
    [jobNames.sessionReminder]: sessionReminder,
    [jobNames.preSessionScreening]: preSessionScreening,
    [jobNames.waitlistOffer]: waitlistOffer,
    [jobNames.maintenanceReminder]: maintenanceReminder,
    [fhirExportJob]: (payload) =>
      runExport(
        { db: deps.db, exportDir: deps.exportDir ?? defaultExportDir },
        payload as { exportId: string; clinicId: string },
      ),
  };
}
