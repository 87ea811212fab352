import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeviceList, RoomList, TimeOffList, WindowQuery } from '@needlepoint/core/contracts/bookings';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import { ProviderList } from '@needlepoint/core/contracts/scheduling';
import {
  CreateDeviceRequest,
  CreateRoomRequest,
  CreateTimeOffRequest,
  Device,
  Room,
  ServiceTypeDto,
  ServiceTypesResponse,
  SetWorkingHoursRequest,
  TimeOff,
  UpdateDeviceRequest,
  UpdateRoomRequest,
  UpdateServiceTypeRequest,
  WorkingHours,
} from '@needlepoint/core/contracts/scheduling';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import * as resources from './resources.service';

const ServiceTypeParams = z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }).strict();

/** Rooms, devices, service types, working hours and time off. */
export function resourcesRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['scheduling'];
    const read = { access: 'schedule:read' } as const;
    const admin = { access: 'clinic:write' } as const;
    const write = { access: 'schedule:write' } as const;
    const { db } = deps;

    app.get(
      '/api/service-types',
      { schema: { tags, response: { 200: ServiceTypesResponse } }, config: read },
      async (request) => ({
        serviceTypes: await resources.clinicServiceTypes(db.pool, actorOf(request).clinicId),
      }),
    );
    app.put(
      '/api/service-types/:id',
      {
        schema: {
          tags,
          params: ServiceTypeParams,
          body: UpdateServiceTypeRequest,
          response: { 200: ServiceTypeDto },
        },
        config: admin,
      },
      async (request) => resources.updateServiceType(db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/rooms',
      { schema: { tags, response: { 200: RoomList } }, config: read },
      async (request) => ({ rooms: await resources.listRooms(db, actorOf(request)) }),
    );
    app.post(
      '/api/rooms',
      { schema: { tags, body: CreateRoomRequest, response: { 201: Room } }, config: admin },
      async (request, reply) =>
        reply.status(201).send(await resources.createRoom(db, actorOf(request), request.body.name)),
    );
    app.patch(
      '/api/rooms/:id',
      { schema: { tags, params: IdParams, body: UpdateRoomRequest, response: { 200: Room } }, config: admin },
      async (request) => resources.updateRoom(db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/devices',
      { schema: { tags, response: { 200: DeviceList } }, config: read },
      async (request) => ({
        devices: await resources.listDevices(db, actorOf(request)),
      }),
    );
    app.post(
      '/api/devices',
      { schema: { tags, body: CreateDeviceRequest, response: { 201: Device } }, config: admin },
      async (request, reply) =>
        reply.status(201).send(await resources.createDevice(db, actorOf(request), request.body)),
    );
    app.patch(
      '/api/devices/:id',
      {
        schema: { tags, params: IdParams, body: UpdateDeviceRequest, response: { 200: Device } },
        config: admin,
      },
      async (request) => resources.updateDevice(db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/providers',
      {
        schema: {
          tags,
          response: { 200: ProviderList },
        },
        config: read,
      },
      async (request) => ({ providers: await resources.listProviders(db, actorOf(request)) }),
    );
    app.get(
      '/api/providers/:id/working-hours',
      { schema: { tags, params: IdParams, response: { 200: WorkingHours } }, config: read },
      async (request) => resources.getWorkingHours(db, actorOf(request), request.params.id),
    );
    app.put(
      '/api/providers/:id/working-hours',
      {
        schema: { tags, params: IdParams, body: SetWorkingHoursRequest, response: { 200: WorkingHours } },
        config: write,
      },
      async (request) =>
        resources.setWorkingHours(db, actorOf(request), request.params.id, request.body.rules),
    );

    app.get(
      '/api/time-off',
      { schema: { tags, querystring: WindowQuery, response: { 200: TimeOffList } }, config: read },
      async (request) => ({
        timeOff: await resources.listTimeOff(db, actorOf(request), request.query.from, request.query.to),
      }),
    );
    app.post(
      '/api/time-off',
      { schema: { tags, body: CreateTimeOffRequest, response: { 201: TimeOff } }, config: write },
      async (request, reply) =>
        reply.status(201).send(await resources.addTimeOff(db, actorOf(request), request.body)),
    );
    app.delete(
      '/api/time-off/:id',
      { schema: { tags, params: IdParams, response: { 200: Ok } }, config: write },
      async (request) => {
        await resources.removeTimeOff(db, actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );
  };
}
