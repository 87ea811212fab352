import type { BusyBlock } from '@needlepoint/core/scheduling/calendar';
import type { AppointmentStatus } from '@needlepoint/core/scheduling/visit';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

export interface BookingRow {
  id: string;
  clinic_id: string;
  patient_id: string;
  provider_id: string;
  room_id: string | null;
  device_id: string | null;
  service: string;
  starts_at: Date;
  procedure_starts_at: Date;
  ends_at: Date;
  room_free_at: Date;
  status: AppointmentStatus;
  plan_id: string | null;
  session_number: number | null;
  override_reason: string | null;
  cancel_reason: string | null;
  arrived_at: Date | null;
  treatment_started_at: Date | null;
  /** RFC 5546 SEQUENCE of the session's calendar invitation: rises on every move and on cancelling. */
  calendar_sequence: number;
  created_at: Date;
  updated_at: Date;
}

export type CalendarRow = BookingRow & {
  patient_name: string;
  provider_name: string;
  room_name: string | null;
  patient_email: string | null;
};

const calendarColumns = `SELECT a.*, p.given_name || ' ' || p.family_name AS patient_name, p.email AS patient_email,
    u.name AS provider_name, r.name AS room_name`;
const calendarJoins = `JOIN patients p ON p.id = a.patient_id JOIN users u ON u.id = a.provider_id
  LEFT JOIN rooms r ON r.id = a.room_id`;
const calendarSelect = `${calendarColumns} FROM appointments a ${calendarJoins}`;

/**
 * A session lasts less than a day (constraint `appointments_within_a_day`), so one overlapping a window starts at
 * most a day before it: the lower bound keeps a window's scan to the window instead of the clinic's whole history.
 */
const dayBefore = (param: string) => `${param}::timestamptz - interval '1 day'`;

export async function findBooking(
  db: Queryable,
  clinicId: string,
  id: string,
  lock = false,
): Promise<CalendarRow | undefined> {
  const { rows } = await db.query<CalendarRow>(
    `${calendarSelect} WHERE a.clinic_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`,
    [clinicId, id],
  );
  return rows[0];
}

export async function listBookings(
  db: Queryable,
  clinicId: string,
  q: {
    from: string;
    to: string;
    providerId?: string | undefined;
    patientId?: string | undefined;
    includeCancelled: boolean;
  },
): Promise<CalendarRow[]> {
  const { rows } = await db.query<CalendarRow>(
    `${calendarSelect} WHERE a.clinic_id = $1 AND a.starts_at < $3 AND a.ends_at > $2 AND a.starts_at > ${dayBefore('$2')}
       AND ($4::uuid IS NULL OR a.provider_id = $4) AND ($5::uuid IS NULL OR a.patient_id = $5)
       AND ($6 OR a.status IN ('booked', 'arrived', 'in-treatment', 'completed')) ORDER BY a.starts_at, a.id`,
    [clinicId, q.from, q.to, q.providerId ?? null, q.patientId ?? null, q.includeCancelled],
  );
  return rows;
}

/** Live bookings overlapping the window ($1 clinic, $2 from, $3 to). */
const busyIn = `SELECT * FROM appointments WHERE clinic_id = $1 AND status IN ('booked', 'arrived', 'in-treatment', 'completed')
  AND starts_at < $3 AND room_free_at > $2 AND starts_at > ${dayBefore('$2')}`;

/** A booking's row as `to_json` writes it: instants as text. */
type BookingJson = {
  [K in keyof BookingRow]: BookingRow[K] extends Date
    ? string
    : BookingRow[K] extends Date | null
      ? string | null
      : BookingRow[K];
};

function bookingFromJson(j: BookingJson): BookingRow {
  const at = (v: string | null) => (v === null ? null : new Date(v));
  return {
    ...j,
    starts_at: new Date(j.starts_at),
    procedure_starts_at: new Date(j.procedure_starts_at),
    ends_at: new Date(j.ends_at),
    room_free_at: new Date(j.room_free_at),
    arrived_at: at(j.arrived_at),
    treatment_started_at: at(j.treatment_started_at),
    created_at: new Date(j.created_at),
    updated_at: new Date(j.updated_at),
  };
}

/** What every live booking in the window holds: provider, room (with turnover) and device (procedure only). */
export async function busyBlocks(
  db: Queryable,
  clinicId: string,
  from: Date,
  to: Date,
): Promise<BusyBlock[]> {
  const { rows } = await db.query<BookingRow>(busyIn, [clinicId, from, to]);
  return blocksOf(rows);
}

/** `busyBlocks` as a part of a one-statement read (`readTogether`). */
export function busyBlocksPart(clinicId: string, from: Date, to: Date): ReadPart<BusyBlock[]> {
  return {
    sql: `SELECT COALESCE(json_agg(b), '[]') FROM (${busyIn}) b`,
    params: [clinicId, from, to],
    decode: (value) => blocksOf((value as BookingJson[]).map(bookingFromJson)),
  };
}

function blocksOf(rows: readonly BookingRow[]): BusyBlock[] {
  const blocks: BusyBlock[] = [];
  for (const a of rows) {
    blocks.push({
      resource: a.provider_id,
      start: a.starts_at.toISOString(),
      end: a.ends_at.toISOString(),
      bookingId: a.id,
      kind: 'booking',
    });
    if (a.room_id)
      blocks.push({
        resource: a.room_id,
        start: a.starts_at.toISOString(),
        end: a.room_free_at.toISOString(),
        bookingId: a.id,
        kind: 'booking',
      });
    if (a.device_id)
      blocks.push({
        resource: a.device_id,
        start: a.procedure_starts_at.toISOString(),
        end: a.ends_at.toISOString(),
        bookingId: a.id,
        kind: 'booking',
      });
  }
  return blocks;
}

export async function patientBusy(
  db: Queryable,
  clinicId: string,
  patientId: string,
  from: Date,
  to: Date,
  exceptId: string | null,
): Promise<BookingRow | undefined> {
  const { rows } = await db.query<BookingRow>(
    `SELECT * FROM appointments WHERE clinic_id = $1 AND patient_id = $2 AND status IN ('booked', 'arrived', 'in-treatment', 'completed')
       AND starts_at < $4 AND ends_at > $3 AND id IS DISTINCT FROM $5 LIMIT 1`,
    [clinicId, patientId, from, to, exceptId],
  );
  return rows[0];
}

export interface NewBooking {
  clinicId: string;
  patientId: string;
  providerId: string;
  roomId: string | null;
  deviceId: string | null;
  service: string;
  startsAt: Date;
  procedureStartsAt: Date;
  endsAt: Date;
  roomFreeAt: Date;
  planId: string | null;
  sessionNumber: number | null;
  overrideReason: string | null;
  bookedBy: string;
}

/** Inserts the booking and returns it as `findBooking` reads it (with the names), in the same statement. */
export async function insertBooking(db: Queryable, b: NewBooking): Promise<CalendarRow> {
  const { rows } = await db.query<CalendarRow>(
    `WITH a AS (
       INSERT INTO appointments (clinic_id, patient_id, provider_id, room_id, device_id, service, starts_at, procedure_starts_at,
         ends_at, room_free_at, plan_id, session_number, override_reason, booked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *)
     ${calendarColumns} FROM a ${calendarJoins}`,
    [
      b.clinicId,
      b.patientId,
      b.providerId,
      b.roomId,
      b.deviceId,
      b.service,
      b.startsAt,
      b.procedureStartsAt,
      b.endsAt,
      b.roomFreeAt,
      b.planId,
      b.sessionNumber,
      b.overrideReason,
      b.bookedBy,
    ],
  );
  return rows[0]!;
}

export async function moveBooking(
  db: Queryable,
  clinicId: string,
  id: string,
  b: Pick<
    NewBooking,
    | 'providerId'
    | 'roomId'
    | 'deviceId'
    | 'startsAt'
    | 'procedureStartsAt'
    | 'endsAt'
    | 'roomFreeAt'
    | 'overrideReason'
  >,
): Promise<void> {
  await db.query(
    `UPDATE appointments SET provider_id = $3, room_id = $4, device_id = $5, starts_at = $6, procedure_starts_at = $7, ends_at = $8,
       room_free_at = $9, override_reason = COALESCE($10, override_reason), updated_at = now() WHERE clinic_id = $1 AND id = $2`,
    [
      clinicId,
      id,
      b.providerId,
      b.roomId,
      b.deviceId,
      b.startsAt,
      b.procedureStartsAt,
      b.endsAt,
      b.roomFreeAt,
      b.overrideReason,
    ],
  );
}

/** Records a step of the visit: the new status and, for check-in and start, when it happened. */
export async function setVisitStatus(
  db: Queryable,
  clinicId: string,
  id: string,
  status: 'arrived' | 'in-treatment',
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE appointments SET status = $3, updated_at = now(),
       arrived_at = CASE WHEN $3 = 'arrived' THEN $4 ELSE arrived_at END,
       treatment_started_at = CASE WHEN $3 = 'in-treatment' THEN $4 ELSE treatment_started_at END
     WHERE clinic_id = $1 AND id = $2`,
    [clinicId, id, status, at],
  );
}

export async function setStatus(
  db: Queryable,
  clinicId: string,
  id: string,
  status: BookingRow['status'],
  cancelReason: string | null = null,
): Promise<void> {
  await db.query(
    'UPDATE appointments SET status = $3, cancel_reason = COALESCE($4, cancel_reason), updated_at = now() WHERE clinic_id = $1 AND id = $2',
    [clinicId, id, status, cancelReason],
  );
}

const sessionsOfPlan = 'SELECT * FROM appointments WHERE clinic_id = $1 AND plan_id = $2 ORDER BY starts_at';

export async function planBookings(db: Queryable, clinicId: string, planId: string): Promise<BookingRow[]> {
  return (await db.query<BookingRow>(sessionsOfPlan, [clinicId, planId])).rows;
}

/** `planBookings` as a part of a one-statement read (`readTogether`). */
export function planBookingsPart(clinicId: string, planId: string): ReadPart<BookingRow[]> {
  return {
    sql: `SELECT COALESCE(json_agg(b), '[]') FROM (${sessionsOfPlan}) b`,
    params: [clinicId, planId],
    decode: (value) => (value as BookingJson[]).map(bookingFromJson),
  };
}

/** Raises the session's calendar SEQUENCE (a move or a cancellation) and returns the new value. */
export async function bumpCalendarSequence(db: Queryable, clinicId: string, id: string): Promise<number> {
  const { rows } = await db.query<{ calendar_sequence: number }>(
    'UPDATE appointments SET calendar_sequence = calendar_sequence + 1 WHERE clinic_id = $1 AND id = $2 RETURNING calendar_sequence',
    [clinicId, id],
  );
  return rows[0]!.calendar_sequence;
}

export interface WaitlistEntryRow {
  id: string;
  patient_id: string;
  status: string;
  latest_date: string;
}

export async function findWaitlistEntry(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<WaitlistEntryRow | undefined> {
  const { rows } = await db.query<WaitlistEntryRow>(
    'SELECT id, patient_id, status, latest_date FROM waitlist_entries WHERE clinic_id = $1 AND id = $2',
    [clinicId, id],
  );
  return rows[0];
}
