import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '@needlepoint/core/auth/permissions';
import type { Role } from '@needlepoint/core/auth/roles';
import type { Locale } from '@needlepoint/core/i18n/locale';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../db/database';
import type { Actor } from './audit';
import type { Clock } from './clock';
import { batched } from './batched';
import { findLiveSessions, touchSession, type SessionRow } from './session.repo';

export const sessionCookie = 'np_session';

export interface SessionUser {
  id: string;
  clinicId: string;
  clinicName: string;
  clinicIsDemo: boolean;
  /** The clinic's IANA time zone: every time people read is shown in it. */
  clinicTimeZone: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  /** A patient's chosen language for the portal and their messages; null for staff. */
  preferredLanguage: Locale | null;
  totpEnabled: boolean;
}

/** The user and clinic columns a session user is read from (sessions and sign-in read the same ones). */
export type SessionUserColumns = Pick<
  SessionRow,
  | 'clinic_id'
  | 'clinic_name'
  | 'is_demo'
  | 'clinic_time_zone'
  | 'email'
  | 'name'
  | 'role'
  | 'patient_id'
  | 'preferred_language'
  | 'totp_enabled'
>;

export function sessionUserOf(userId: string, row: SessionUserColumns): SessionUser {
  return {
    id: userId,
    clinicId: row.clinic_id,
    clinicName: row.clinic_name,
    clinicIsDemo: row.is_demo,
    clinicTimeZone: row.clinic_time_zone,
    email: row.email,
    name: row.name,
    role: row.role,
    patientId: row.patient_id,
    preferredLanguage: row.preferred_language,
    totpEnabled: row.totp_enabled,
  };
}

/** Owners must use a second factor; until they set one up they may only enrol. */
export function totpSetupRequired(user: Pick<SessionUser, 'role' | 'totpEnabled'>): boolean {
  return user.role === 'owner' && !user.totpEnabled;
}

/** Who may call a route: anyone, any signed-in user (even mid-enrolment), or holders of a permission. */
export type Access = 'public' | 'signed-in' | 'enrolling' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionTokenHash: string | null;
    /** The app's injected clock. */
    clock: Clock;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** FHIR routes that also admit a system with a FHIR access token; the route checks its scopes. */
    fhirClients?: boolean;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/**
 * When a session ends if left idle: `idle` minutes from now, but never later than `lifetime` hours after
 * sign-in, however active the session is.
 */
export function sessionExpiry(now: Date, signedInAt: Date, idleMinutes: number, lifetimeHours: number): Date {
  return new Date(
    Math.min(now.getTime() + idleMinutes * 60_000, signedInAt.getTime() + lifetimeHours * 3_600_000),
  );
}

/** The actor for audit events and services, from a signed-in request. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  if (!user) throw new DomainError('AUTH_REQUIRED', 'Sign in first');
  return {
    userId: user.id,
    clinicId: user.clinicId,
    role: user.role,
    ip: request.ip,
    requestId: request.id,
    clock: request.clock,
  };
}

/** The portal patient's own record id; a patient account reaches only that one. */
export function portalPatientId(request: FastifyRequest): string {
  const patientId = requireUser(request).patientId;
  if (!patientId) throw new DomainError('AUTH_FORBIDDEN', 'This account is not linked to a patient record');
  return patientId;
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new DomainError('AUTH_REQUIRED', 'Sign in first');
  return request.user;
}

/**
 * Loads the session from its cookie on every request, and checks each route's declared access.
 * A route under /api without a declared access refuses to register: every route states who may call it.
 */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const accessTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every API route with the access it declared: what the permission-matrix test walks. */
export function routeAccessTable(app: FastifyInstance): RouteAccess[] {
  return accessTables.get(app) ?? [];
}

export function registerSessions(app: FastifyInstance, deps: { db: Database; clock: Clock }): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('clock', { getter: () => deps.clock });
  const table: RouteAccess[] = [];
  accessTables.set(app, table);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!/^\/(api|fhir)\//.test(route.url) || route.url.startsWith('/api/docs')) return;
    if (!access) throw new Error(`Route ${[route.method].flat().join(',')} ${route.url} declares no access`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  // Access is checked before the body is even parsed: a caller without it learns nothing about the route.
  app.addHook('onRequest', async (request) => {
    await loadSession(request);
    checkAccess(request);
  });

  // The sessions of requests that arrive together are read in one statement.
  const findSession = batched<string, SessionRow | undefined>(async (tokenHashes) => {
    const rows = await findLiveSessions(deps.db.pool, tokenHashes, deps.clock.now());
    const byHash = new Map(rows.map((row) => [row.token_hash, row]));
    return tokenHashes.map((hash) => byHash.get(hash));
  });

  async function loadSession(request: FastifyRequest): Promise<void> {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const tokenHash = hashToken(token);
    const now = deps.clock.now();
    const row = await findSession(tokenHash);
    if (!row) return;
    request.user = sessionUserOf(row.user_id, row);
    request.sessionTokenHash = tokenHash;
    // Sliding idle timeout, written at most once a minute per session.
    if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
      const expires = sessionExpiry(
        now,
        row.created_at,
        row.session_timeout_minutes,
        row.session_lifetime_hours,
      );
      await touchSession(deps.db.pool, row.clinic_id, tokenHash, now, expires);
    }
  }
}

function checkAccess(request: FastifyRequest): void {
  const access = request.routeOptions.config?.access;
  if (!access || access === 'public') return;
  if (request.fhirClient && request.routeOptions.config?.fhirClients) return;
  const user = request.user;
  if (!user) throw new DomainError('AUTH_REQUIRED', 'Sign in first');
  if (access === 'enrolling') return;
  if (totpSetupRequired(user)) {
    throw new DomainError('AUTH_TOTP_SETUP_REQUIRED', 'Set up two-factor sign-in before continuing');
  }
  if (access === 'signed-in') return;
  if (!can(user.role, access)) {
    throw new DomainError('AUTH_FORBIDDEN', 'Your role does not allow this');
  }
}
