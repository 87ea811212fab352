import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '@needlepoint/core/auth/permissions';
import { roles, type Role } from '@needlepoint/core/auth/roles';
import { makeClinic, makeUser } from '../testing/factories';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';
import { routeAccessTable, type RouteAccess } from './session';

let t: TestApp;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  t = await createTestApp();
  const clinic = await makeClinic(t.database.db);
  for (const role of roles)
    cookies.set(role, await signInCookie(t.app, await makeUser(t.database.db, clinic.id, role)));
});
afterAll(async () => t.close());

// Placeholder ids reach the handler only after the access check passes; a 404 then proves access was granted.
const concreteUrl = (url: string) => url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

/** Our error code from either body: the API's error body, or a FHIR OperationOutcome. */
function errorCode(body: {
  error?: { code: string };
  issue?: { details: { coding: { code: string }[] } }[];
}): string | undefined {
  return body.error?.code ?? body.issue?.[0]?.details.coding[0]?.code;
}

function expectedAllowed(route: RouteAccess, role: Role): boolean {
  if (route.access === 'public' || route.access === 'signed-in' || route.access === 'enrolling') return true;
  return can(role, route.access);
}

describe('permission matrix, walked over every API route', () => {
  it('knows the routes it walks', () => {
    const table = routeAccessTable(t.app);
    expect(table.length).toBeGreaterThan(10);
    expect(table).toContainEqual({ method: 'GET', url: '/api/audit', access: 'audit:read' });
  });

  it('refuses every protected route to a caller without a session (401)', async () => {
    for (const route of routeAccessTable(t.app).filter((r) => r.access !== 'public')) {
      const response = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.url) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(errorCode(response.json())).toBe('AUTH_REQUIRED');
    }
  });

  for (const role of roles) {
    it(`gives ${role} exactly what the matrix says`, async () => {
      for (const route of routeAccessTable(t.app)) {
        if (route.url === '/api/auth/logout' || route.url === '/api/auth/login') continue; // would end the session under test
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: { cookie: cookies.get(role)! },
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const label = `${role} ${route.method} ${route.url} -> ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (expectedAllowed(route, role)) {
          expect(response.statusCode, label).not.toBe(403);
          expect(response.statusCode, label).not.toBe(401);
        } else {
          expect(response.statusCode, label).toBe(403);
          expect(errorCode(response.json()), label).toBe('AUTH_FORBIDDEN');
        }
        expect(response.statusCode, label).toBeLessThan(500);
      }
    });
  }
});
