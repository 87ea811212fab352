import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordRequest,
  LoginRequest,
  PasswordResetRequest,
  RecoveryCodeStatus,
  RecoveryCodesResponse,
  RegenerateRecoveryCodesRequest,
  ResetPasswordRequest,
  SessionResponse,
  TotpEnableRequest,
  TotpEnableResponse,
  TotpSetupResponse,
} from '@needlepoint/core/contracts/auth';
import { Ok } from '@needlepoint/core/contracts/common';
import { AccountTokenParams } from '@needlepoint/core/contracts/users';
import type { FastifyRequest } from 'fastify';
import { requireUser, sessionCookie } from '../../platform/session';
import type { AuthDeps, RequestOrigin } from './auth.service';
import * as auth from './auth.service';
import * as links from './password-links.service';
import * as recovery from './recovery-codes.service';
import { scalarText } from '@needlepoint/core/text/scalar-text';

function originOf(request: FastifyRequest): RequestOrigin {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
}

export function authRoutes(
  deps: AuthDeps & { cookieSecure: boolean; attemptsPerMinute: number },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: { tags: ['auth'], body: LoginRequest, response: { 200: SessionResponse } },
        config: {
          access: 'public',
          // Per address and account, counted after the body is read: staff behind one clinic address don't block each other.
          rateLimit: {
            max: deps.attemptsPerMinute,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (request) =>
              `${request.ip}:${scalarText((request.body as { email?: unknown } | undefined)?.email).toLowerCase()}`,
          },
        },
      },
      async (request, reply) => {
        const { token, user } = await auth.signIn(deps, request.body, originOf(request));
        reply.setCookie(sessionCookie, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.cookieSecure,
          path: '/',
        });
        return { user };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], response: { 200: Ok } }, config: { access: 'enrolling' } },
      async (request, reply) => {
        await auth.signOut(deps, requireUser(request), request.sessionTokenHash ?? '', originOf(request));
        reply.clearCookie(sessionCookie, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      { schema: { tags: ['auth'], response: { 200: SessionResponse } }, config: { access: 'enrolling' } },
      async (request) => ({ user: auth.toCurrentUser(requireUser(request)) }),
    );

    app.post(
      '/api/auth/password',
      {
        schema: { tags: ['auth'], body: ChangePasswordRequest, response: { 200: Ok } },
        config: { access: 'signed-in', rateLimit: { max: deps.attemptsPerMinute, timeWindow: '1 minute' } },
      },
      async (request) => {
        await auth.changePassword(
          deps,
          requireUser(request),
          request.sessionTokenHash,
          request.body,
          originOf(request),
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/totp/setup',
      { schema: { tags: ['auth'], response: { 200: TotpSetupResponse } }, config: { access: 'enrolling' } },
      async (request) => auth.beginTotpSetup(deps, requireUser(request)),
    );

    app.post(
      '/api/auth/totp/enable',
      {
        schema: { tags: ['auth'], body: TotpEnableRequest, response: { 200: TotpEnableResponse } },
        config: { access: 'enrolling', rateLimit: { max: deps.attemptsPerMinute, timeWindow: '1 minute' } },
      },
      async (request) =>
        auth.confirmTotpSetup(deps, requireUser(request), request.body.code, originOf(request)),
    );

    app.get(
      '/api/auth/recovery-codes',
      { schema: { tags: ['auth'], response: { 200: RecoveryCodeStatus } }, config: { access: 'signed-in' } },
      async (request) => recovery.recoveryCodeStatus(deps, requireUser(request)),
    );

    app.post(
      '/api/auth/recovery-codes',
      {
        schema: {
          tags: ['auth'],
          body: RegenerateRecoveryCodesRequest,
          response: { 200: RecoveryCodesResponse },
        },
        config: { access: 'signed-in', rateLimit: { max: deps.attemptsPerMinute, timeWindow: '1 minute' } },
      },
      async (request) =>
        recovery.regenerateRecoveryCodes(deps, requireUser(request), request.body, originOf(request)),
    );

    // "Forgot password?": the same answer whether or not the account exists, limited per address and email.
    app.post(
      '/api/auth/password-reset',
      {
        schema: { tags: ['auth'], body: PasswordResetRequest, response: { 202: Ok } },
        config: {
          access: 'public',
          rateLimit: {
            max: Math.min(deps.attemptsPerMinute, 5),
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: (request) =>
              `reset:${request.ip}:${scalarText((request.body as { email?: unknown } | undefined)?.email).toLowerCase()}`,
          },
        },
      },
      async (request, reply) => {
        await links.requestPasswordReset(deps, request.body, originOf(request));
        return reply.status(202).send({ ok: true as const });
      },
    );

    app.get(
      '/api/auth/password-reset/:token',
      {
        schema: { tags: ['auth'], params: AccountTokenParams, response: { 200: Ok } },
        config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request) => {
        await links.checkPasswordResetLink(deps, request.params.token);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/auth/password-reset/:token',
      {
        schema: {
          tags: ['auth'],
          params: AccountTokenParams,
          body: ResetPasswordRequest,
          response: { 200: Ok },
        },
        config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request) => {
        await links.resetPassword(deps, request.params.token, request.body, originOf(request));
        return { ok: true as const };
      },
    );
  };
}
