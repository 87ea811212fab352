import type { ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { WorkingHoursRule } from '@needlepoint/core/scheduling/slots';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

export interface RoomRow {
  id: string;
  name: string;
  active: boolean;
}
export interface DeviceRow {
  id: string;
  name: string;
  serial_number: string | null;
  room_id: string | null;
  active: boolean;
}
export interface TimeOffRow {
  id: string;
  provider_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
}

export async function listRooms(db: Queryable, clinicId: string): Promise<RoomRow[]> {
  return (
    await db.query<RoomRow>('SELECT id, name, active FROM rooms WHERE clinic_id = $1 ORDER BY name', [
      clinicId,
    ])
  ).rows;
}

export async function insertRoom(db: Queryable, clinicId: string, name: string): Promise<RoomRow> {
  return (
    await db.query<RoomRow>(
      'INSERT INTO rooms (clinic_id, name) VALUES ($1, $2) RETURNING id, name, active',
      [clinicId, name],
    )
  ).rows[0]!;
}

export async function updateRoom(
  db: Queryable,
  clinicId: string,
  id: string,
  change: { name?: string; active?: boolean },
): Promise<RoomRow | undefined> {
  return (
    await db.query<RoomRow>(
      'UPDATE rooms SET name = COALESCE($3, name), active = COALESCE($4, active) WHERE clinic_id = $1 AND id = $2 RETURNING id, name, active',
      [clinicId, id, change.name ?? null, change.active ?? null],
    )
  ).rows[0];
}

const deviceColumns = 'id, name, serial_number, room_id, active';

export async function listDevices(db: Queryable, clinicId: string): Promise<DeviceRow[]> {
  return (
    await db.query<DeviceRow>(`SELECT ${deviceColumns} FROM devices WHERE clinic_id = $1 ORDER BY name`, [
      clinicId,
    ])
  ).rows;
}

export async function insertDevice(
  db: Queryable,
  clinicId: string,
  d: { name: string; serialNumber: string | null; roomId: string | null },
): Promise<DeviceRow> {
  return (
    await db.query<DeviceRow>(
      `INSERT INTO devices (clinic_id, name, serial_number, room_id) VALUES ($1, $2, $3, $4) RETURNING ${deviceColumns}`,
      [clinicId, d.name, d.serialNumber, d.roomId],
    )
  ).rows[0]!;
}

export async function updateDevice(
  db: Queryable,
  clinicId: string,
  id: string,
  change: { name?: string; serialNumber?: string | null; roomId?: string | null; active?: boolean },
): Promise<DeviceRow | undefined> {
  return (
    await db.query<DeviceRow>(
      `UPDATE devices SET name = COALESCE($3, name),
         serial_number = CASE WHEN $4 THEN $5 ELSE serial_number END,
         room_id = CASE WHEN $6 THEN $7::uuid ELSE room_id END,
         active = COALESCE($8, active)
       WHERE clinic_id = $1 AND id = $2 RETURNING ${deviceColumns}`,
      [
        clinicId,
        id,
        change.name ?? null,
        'serialNumber' in change,
        change.serialNumber ?? null,
        'roomId' in change,
        change.roomId ?? null,
        change.active ?? null,
      ],
    )
  ).rows[0];
}

export async function roomExists(db: Queryable, clinicId: string, roomId: string): Promise<boolean> {
  return (
    ((await db.query('SELECT 1 FROM rooms WHERE clinic_id = $1 AND id = $2', [clinicId, roomId])).rowCount ??
      0) > 0
  );
}

export async function getWorkingHours(
  db: Queryable,
  clinicId: string,
  providerIds: string[],
): Promise<Map<string, WorkingHoursRule[]>> {
  const { rows } = await db.query<{ provider_id: string; rules: WorkingHoursRule[] }>(
    'SELECT provider_id, rules FROM working_hours WHERE clinic_id = $1 AND provider_id = ANY($2)',
    [clinicId, providerIds],
  );
  return new Map(rows.map((r) => [r.provider_id, r.rules]));
}

export async function setWorkingHours(
  db: Queryable,
  clinicId: string,
  providerId: string,
  rules: WorkingHoursRule[],
): Promise<void> {
  await db.query(
    `INSERT INTO working_hours (provider_id, clinic_id, rules) VALUES ($1, $2, $3)
     ON CONFLICT (provider_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()`,
    [providerId, clinicId, JSON.stringify(rules)],
  );
}

export async function listTimeOff(
  db: Queryable,
  clinicId: string,
  from: string,
  to: string,
  providerIds?: string[],
): Promise<TimeOffRow[]> {
  return (
    await db.query<TimeOffRow>(
      `SELECT id, provider_id, starts_at, ends_at, reason FROM time_off
        WHERE clinic_id = $1 AND starts_at < $3 AND ends_at > $2 AND ($4::uuid[] IS NULL OR provider_id = ANY($4))
        ORDER BY starts_at`,
      [clinicId, from, to, providerIds ?? null],
    )
  ).rows;
}

export async function insertTimeOff(
  db: Queryable,
  clinicId: string,
  t: { providerId: string; start: string; end: string; reason: string },
): Promise<TimeOffRow> {
  return (
    await db.query<TimeOffRow>(
      `INSERT INTO time_off (clinic_id, provider_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, provider_id, starts_at, ends_at, reason`,
      [clinicId, t.providerId, t.start, t.end, t.reason],
    )
  ).rows[0]!;
}

export async function deleteTimeOff(db: Queryable, clinicId: string, id: string): Promise<boolean> {
  return (
    ((await db.query('DELETE FROM time_off WHERE clinic_id = $1 AND id = $2', [clinicId, id])).rowCount ??
      0) > 0
  );
}

export async function listProviders(
  db: Queryable,
  clinicId: string,
): Promise<{ id: string; name: string }[]> {
  return (
    await db.query<{ id: string; name: string }>(
      "SELECT id, name FROM users WHERE clinic_id = $1 AND role = 'provider' AND active ORDER BY name",
      [clinicId],
    )
  ).rows;
}

export async function serviceTypeOverrides(db: Queryable, clinicId: string): Promise<ServiceType[]> {
  return (
    await db.query<{ definition: ServiceType }>('SELECT definition FROM service_types WHERE clinic_id = $1', [
      clinicId,
    ])
  ).rows.map((r) => r.definition);
}

/** `serviceTypeOverrides` as a part of a one-statement read (`readTogether`). */
export function serviceTypeOverridesPart(clinicId: string): ReadPart<ServiceType[]> {
  return {
    sql: `SELECT COALESCE(json_agg(definition), '[]') FROM service_types WHERE clinic_id = $1`,
    params: [clinicId],
    decode: (value) => value as ServiceType[],
  };
}

export async function upsertServiceType(
  db: Queryable,
  clinicId: string,
  service: ServiceType,
): Promise<void> {
  await db.query(
    `INSERT INTO service_types (clinic_id, id, definition) VALUES ($1, $2, $3)
     ON CONFLICT (clinic_id, id) DO UPDATE SET definition = EXCLUDED.definition`,
    [clinicId, service.id, JSON.stringify(service)],
  );
}

/** What placing an appointment needs around a window. */
export interface BookingResources {
  providers: { id: string }[];
  hours: { provider_id: string; rules: WorkingHoursRule[] }[];
  time_off: { provider_id: string; starts_at: string; ends_at: string }[];
  rooms: { id: string }[];
  devices: { id: string; room_id: string | null }[];
}

/**
 * The clinic's active providers (all, or those of `providerIds`) with their working hours and time off in the window,
 * and its active rooms and devices: one part of a one-statement read (`readTogether`).
 */
export function bookingResourcesPart(
  clinicId: string,
  providerIds: string[] | null,
  window: { from: Date; to: Date },
): ReadPart<BookingResources> {
  return {
    sql: `SELECT json_build_object(
       'providers', (SELECT coalesce(json_agg(json_build_object('id', u.id) ORDER BY u.name), '[]') FROM users u
         WHERE u.clinic_id = $1 AND u.role = 'provider' AND u.active AND ($2::uuid[] IS NULL OR u.id = ANY($2))),
       'hours', (SELECT coalesce(json_agg(json_build_object('provider_id', w.provider_id, 'rules', w.rules)), '[]')
          FROM working_hours w WHERE w.clinic_id = $1 AND ($2::uuid[] IS NULL OR w.provider_id = ANY($2))),
       'time_off', (SELECT coalesce(json_agg(json_build_object('provider_id', t.provider_id, 'starts_at', t.starts_at,
                                                   'ends_at', t.ends_at) ORDER BY t.starts_at), '[]')
          FROM time_off t WHERE t.clinic_id = $1 AND t.starts_at < $4 AND t.ends_at > $3
           AND ($2::uuid[] IS NULL OR t.provider_id = ANY($2))),
       'rooms', (SELECT coalesce(json_agg(json_build_object('id', r.id) ORDER BY r.name), '[]') FROM rooms r
         WHERE r.clinic_id = $1 AND r.active),
       'devices', (SELECT coalesce(json_agg(json_build_object('id', d.id, 'room_id', d.room_id) ORDER BY d.name), '[]')
          FROM devices d WHERE d.clinic_id = $1 AND d.active))`,
    params: [clinicId, providerIds, window.from, window.to],
    decode: (value) => value as BookingResources,
  };
}
