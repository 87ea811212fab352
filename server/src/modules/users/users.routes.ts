import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import {
  AcceptStaffInvitationRequest,
  AccountTokenParams,
  CreateStaffUserRequest,
  StaffInvitationView,
  StaffUser,
  StaffUserList,
  UpdateStaffUserRequest,
} from '@needlepoint/core/contracts/users';
import { actorOf, sessionCookie } from '../../platform/session';
import * as invitations from './staff-invitations.service';
import * as users from './users.service';
import type { UsersDeps } from './users.service';

export function usersRoutes(deps: UsersDeps & { cookieSecure: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'users:manage' } as const;
    app.get(
      '/api/users',
      { schema: { tags: ['users'], response: { 200: StaffUserList } }, config },
      async (request) => ({
        users: await users.listStaffUsers(deps, actorOf(request)),
      }),
    );
    app.post(
      '/api/users',
      { schema: { tags: ['users'], body: CreateStaffUserRequest, response: { 201: StaffUser } }, config },
      async (request, reply) =>
        reply.status(201).send(await users.inviteStaffUser(deps, actorOf(request), request.body)),
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
      async (request) => users.updateStaffUser(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/users/:id/invitation',
      { schema: { tags: ['users'], params: IdParams, response: { 200: StaffUser } }, config },
      async (request) => users.resendStaffInvitation(deps, actorOf(request), request.params.id),
    );

    // The invitation link: public, the person has no password yet.
    app.get(
      '/api/staff-invitations/:token',
      {
        schema: { tags: ['users'], params: AccountTokenParams, response: { 200: StaffInvitationView } },
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request) => invitations.viewStaffInvitation(deps, request.params.token),
    );
    app.post(
      '/api/staff-invitations/:token/accept',
      {
        schema: {
          tags: ['users'],
          params: AccountTokenParams,
          body: AcceptStaffInvitationRequest,
          response: { 200: Ok },
        },
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const { sessionToken } = await invitations.acceptStaffInvitation(
          deps,
          request.params.token,
          request.body,
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id },
        );
        reply.setCookie(sessionCookie, sessionToken, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookieSecure,
          path: '/',
        });
        return { ok: true as const };
      },
    );
  };
}
