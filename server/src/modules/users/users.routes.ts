import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  CreateStaffUserRequest,
  StaffUser,
  StaffUserList,
  UpdateStaffUserRequest,
} from '@needlepoint/core/contracts/users';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import * as users from './users.service';

export function usersRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'users:manage' } as const;
    app.get(
      '/api/users',
      { schema: { tags: ['users'], response: { 200: StaffUserList } }, config },
      async (request) => ({
        users: await users.listStaffUsers(deps.db, actorOf(request)),
      }),
    );
    app.post(
      '/api/users',
      { schema: { tags: ['users'], body: CreateStaffUserRequest, response: { 201: StaffUser } }, config },
      async (request, reply) =>
        reply.status(201).send(await users.createStaffUser(deps.db, actorOf(request), request.body)),
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          params: IdParams,
          body: UpdateStaffUserRequest,
          response: { 200: StaffUser },
        },
        config,
      },
      async (request) => users.updateStaffUser(deps.db, actorOf(request), request.params.id, request.body),
    );
  };
}
