import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Permission } from '@needlepoint/core/auth/permissions';
import type { Role } from '@needlepoint/core/auth/roles';
import type { Locale } from '@needlepoint/core/i18n/locale';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../db/database';
import type { Actor } from './audit';
import type { Clock } from './clock';

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
  return { userId: user.id, clinicId: user.clinicId, role: user.role, ip: request.ip, requestId: request.id };
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

interface SessionRow {
  user_id: string;
  clinic_id: string;
  clinic_name: string;
  is_demo: boolean;
  clinic_time_zone: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  preferred_language: Locale | null;
  totp_enabled: boolean;
  created_at: Date;
  last_seen_at: Date;
  session_timeout_minutes: number;
  session_lifetime_hours: number;
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
  const table: RouteAccess[] = [];
  accessTables.set(app, table);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!/^\/(api|fhir)\//.test(route.url) || route.url.startsWith('/api/docs')) return;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  // Access is checked before the body is even parsed: a caller without it learns nothing about the route.
  app.addHook('onRequest', async (request) => {
    await loadSession(request);
    checkAccess(request);
  });

  async function loadSession(request: FastifyRequest): Promise<void> {
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const tokenHash = hashToken(token);
    const now = deps.clock.now();
    const { rows } = await deps.db.query<SessionRow>(
      `SELECT s.user_id, s.clinic_id, c.name AS clinic_name, c.is_demo, c.time_zone AS clinic_time_zone, u.email,
              u.name, u.role, u.patient_id, p.preferred_language, u.totp_enabled,
              s.created_at, s.last_seen_at, c.session_timeout_minutes, c.session_lifetime_hours
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN clinics c ON c.id = s.clinic_id
         LEFT JOIN patients p ON p.id = u.patient_id AND p.clinic_id = u.clinic_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active
          AND s.created_at > $2 - make_interval(hours => c.session_lifetime_hours)`,
      [tokenHash, now],
    );
    const row = rows[0];
    if (!row) return;
    request.user = {
      id: row.user_id,
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
    request.sessionTokenHash = tokenHash;
    // Sliding idle timeout, written at most once a minute per session.
    if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
      const expires = sessionExpiry(
        now,
        row.created_at,
        row.session_timeout_minutes,
        row.session_lifetime_hours,
      );
      await deps.db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
        tokenHash,
        now,
        expires,
      ]);
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
