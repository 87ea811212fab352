import type { Device, Room, TimeOff, WorkingHours } from '@needlepoint/core/contracts/scheduling';
import { DomainError } from '@needlepoint/core/errors';
import { resolveServiceTypes, ServiceType } from '@needlepoint/core/scheduling/service-types';
import type { WorkingHoursRule } from '@needlepoint/core/scheduling/slots';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './resources.repo';

const toDevice = (d: repo.DeviceRow): Device => ({
  id: d.id,
  name: d.name,
  serialNumber: d.serial_number,
  roomId: d.room_id,
  active: d.active,
});
const toTimeOff = (t: repo.TimeOffRow): TimeOff => ({
  id: t.id,
  providerId: t.provider_id,
  start: t.starts_at.toISOString(),
  end: t.ends_at.toISOString(),
  reason: t.reason,
});

export async function clinicServiceTypes(db: Queryable, clinicId: string): Promise<ServiceType[]> {
  return resolveServiceTypes(await repo.serviceTypeOverrides(db, clinicId));
}

/** `clinicServiceTypes` as a part of a one-statement read (`readTogether`). */
export function clinicServiceTypesPart(clinicId: string): ReadPart<ServiceType[]> {
  return mapPart(repo.serviceTypeOverridesPart(clinicId), (overrides) => resolveServiceTypes(overrides));
}

/** A service's name as people read it (emails, calendar entries); an unknown id reads as "Appointment". */
export async function serviceName(db: Queryable, clinicId: string, id: string): Promise<string> {
  return (await clinicServiceTypes(db, clinicId)).find((s) => s.id === id)?.name ?? 'Appointment';
}

export async function serviceTypeById(db: Queryable, clinicId: string, id: string): Promise<ServiceType> {
  return serviceTypeIn(await clinicServiceTypes(db, clinicId), id);
}

/** The service `id` among the clinic's service types; unknown is a validation error on the request's field. */
export function serviceTypeIn(services: readonly ServiceType[], id: string): ServiceType {
  const service = services.find((s) => s.id === id);
  if (!service) {
    throw new DomainError('NOT_FOUND', 'No such service type in this clinic', {
      fields: [{ path: 'body.serviceTypeId', message: 'Unknown service type' }],
    });
  }
  return service;
}

export async function updateServiceType(
  db: Database,
  actor: Actor,
  id: string,
  change: Partial<Omit<ServiceType, 'id'>>,
): Promise<ServiceType> {
  return db.transaction(async (client) => {
    const current = (await clinicServiceTypes(client, actor.clinicId)).find((s) => s.id === id);
    const parsed = ServiceType.safeParse({ ...(current ?? {}), ...change, id });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        path: ['body', ...i.path].join('.'),
        message: i.message,
      }));
      throw new DomainError(
        'VALIDATION_FAILED',
        current
          ? `${fields[0]!.path}: ${fields[0]!.message}`
          : `A new service type needs every field (${fields[0]!.path}: ${fields[0]!.message})`,
        { fields },
      );
    }
    const next = parsed.data;
    await repo.upsertServiceType(client, actor.clinicId, next);
    await recordAudit(client, actor, {
      action: 'schedule.service-type-changed',
      entityType: 'service-type',
      entityId: id,
      details: { from: current ?? null, to: next },
    });
    return next;
  });
}

export async function listRooms(db: Database, actor: Actor): Promise<Room[]> {
  return repo.listRooms(db.pool, actor.clinicId);
}

export async function createRoom(db: Database, actor: Actor, name: string): Promise<Room> {
  return db.transaction(async (client) => {
    const room = await repo.insertRoom(client, actor.clinicId, name);
    await recordAudit(client, actor, {
      action: 'schedule.room-created',
      entityType: 'room',
      entityId: room.id,
      details: { name },
    });
    return room;
  });
}

export async function updateRoom(
  db: Database,
  actor: Actor,
  id: string,
  change: { name?: string; active?: boolean },
): Promise<Room> {
  return db.transaction(async (client) => {
    const room = await repo.updateRoom(client, actor.clinicId, id, change);
    if (!room) throw new DomainError('NOT_FOUND', 'No such room');
    await recordAudit(client, actor, {
      action: 'schedule.room-updated',
      entityType: 'room',
      entityId: id,
      details: change,
    });
    return room;
  });
}

export async function listDevices(db: Database, actor: Actor): Promise<Device[]> {
  return (await repo.listDevices(db.pool, actor.clinicId)).map(toDevice);
}

async function checkRoom(
  client: Queryable,
  clinicId: string,
  roomId: string | null | undefined,
): Promise<void> {
  if (roomId && !(await repo.roomExists(client, clinicId, roomId))) {
    throw new DomainError('NOT_FOUND', 'No such room in this clinic', {
      fields: [{ path: 'body.roomId', message: 'Unknown room' }],
    });
  }
}

export async function createDevice(
  db: Database,
  actor: Actor,
  d: { name: string; serialNumber: string | null; roomId: string | null },
): Promise<Device> {
  return db.transaction(async (client) => {
    await checkRoom(client, actor.clinicId, d.roomId);
    const device = await repo.insertDevice(client, actor.clinicId, d);
    await recordAudit(client, actor, {
      action: 'schedule.device-created',
      entityType: 'device',
      entityId: device.id,
      details: d,
    });
    return toDevice(device);
  });
}

export async function updateDevice(
  db: Database,
  actor: Actor,
  id: string,
  change: { name?: string; serialNumber?: string | null; roomId?: string | null; active?: boolean },
): Promise<Device> {
  return db.transaction(async (client) => {
    await checkRoom(client, actor.clinicId, change.roomId);
    const device = await repo.updateDevice(client, actor.clinicId, id, change);
    if (!device) throw new DomainError('NOT_FOUND', 'No such device');
    await recordAudit(client, actor, {
      action: 'schedule.device-updated',
      entityType: 'device',
      entityId: id,
      details: change,
    });
    return toDevice(device);
  });
}

/** Refuses (as `path`) a provider id that is not a provider of this clinic. */
export async function checkProvider(
  client: Queryable,
  clinicId: string,
  providerId: string,
  path: string,
): Promise<void> {
  const providers = await repo.listProviders(client, clinicId);
  if (!providers.some((p) => p.id === providerId)) {
    throw new DomainError('NOT_FOUND', 'No such provider in this clinic', {
      fields: [{ path, message: 'Unknown provider' }],
    });
  }
}

export async function getWorkingHours(db: Database, actor: Actor, providerId: string): Promise<WorkingHours> {
  await checkProvider(db.pool, actor.clinicId, providerId, 'params.id');
  const rules = (await repo.getWorkingHours(db.pool, actor.clinicId, [providerId])).get(providerId) ?? [];
  return { providerId, rules };
}

export async function setWorkingHours(
  db: Database,
  actor: Actor,
  providerId: string,
  rules: WorkingHoursRule[],
): Promise<WorkingHours> {
  return db.transaction(async (client) => {
    await checkProvider(client, actor.clinicId, providerId, 'params.id');
    await repo.setWorkingHours(client, actor.clinicId, providerId, rules);
    await recordAudit(client, actor, {
      action: 'schedule.hours-changed',
      entityType: 'user',
      entityId: providerId,
      details: { rules },
    });
    return { providerId, rules };
  });
}

export async function listTimeOff(db: Database, actor: Actor, from: string, to: string): Promise<TimeOff[]> {
  return (await repo.listTimeOff(db.pool, actor.clinicId, from, to)).map(toTimeOff);
}

export async function addTimeOff(
  db: Database,
  actor: Actor,
  t: { providerId: string; start: string; end: string; reason: string },
): Promise<TimeOff> {
  return db.transaction(async (client) => {
    await checkProvider(client, actor.clinicId, t.providerId, 'body.providerId');
    const row = await repo.insertTimeOff(client, actor.clinicId, t);
    await recordAudit(client, actor, {
      action: 'schedule.time-off-added',
      entityType: 'time-off',
      entityId: row.id,
      details: t,
    });
    return toTimeOff(row);
  });
}

export async function removeTimeOff(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (client) => {
    if (!(await repo.deleteTimeOff(client, actor.clinicId, id)))
      throw new DomainError('NOT_FOUND', 'No such time off');
    await recordAudit(client, actor, {
      action: 'schedule.time-off-removed',
      entityType: 'time-off',
      entityId: id,
    });
  });
}

/** The clinic's active providers (for calendars and booking forms). */
export async function listProviders(db: Database, actor: Actor): Promise<{ id: string; name: string }[]> {
  return repo.listProviders(db.pool, actor.clinicId);
}
