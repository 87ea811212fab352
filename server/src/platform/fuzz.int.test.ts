import { can } from '@needlepoint/core/auth/permissions';
import type { Role } from '@needlepoint/core/auth/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../testing/factories';
import {
  bodyCases,
  documentCases,
  ownUrl,
  pathCases,
  queryCases,
  type FuzzCase,
  type IdBook,
  type JsonSchema,
} from '../testing/fuzz-payloads';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';
import { routeAccessTable } from './session';

/**
 * Replays malformed requests against every route of the OpenAPI document (plus the hidden FHIR and calendar
 * routes), for every role and no session at all. Fails on any 5xx, and on any 4xx without the error body
 * (an OperationOutcome under /fhir). Prints its request count so CI output shows it.
 */

type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', 'patient', 'front-desk', 'provider', 'owner'];

interface Operation {
  method: string;
  template: string;
  query: string[];
  body: JsonSchema | undefined;
  hasBody: boolean;
}

let t: TestApp;
const cookies = new Map<Caller, string>();
let ids: IdBook;

async function created(cookie: string, url: string, payload: Record<string, unknown>): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json().id as string;
}

/** Two clinics with a little of everything, so ids in the requests can be real, unknown or the other clinic's. */
async function seed(): Promise<void> {
  const db = t.database.db;
  const clinic = (await makeClinic(db)).id;
  const other = (await makeClinic(db)).id;
  const owner = await makeUser(db, clinic, 'owner');
  const provider = await makeUser(db, clinic, 'provider');
  const patientUser = await makeUser(db, clinic, 'patient');
  const spare = await makeUser(db, clinic, 'front-desk');
  cookies.set('owner', await signInCookie(t.app, owner));
  cookies.set('provider', await signInCookie(t.app, provider));
  cookies.set('front-desk', await signInCookie(t.app, await makeUser(db, clinic, 'front-desk')));
  cookies.set('patient', await signInCookie(t.app, patientUser));
  const otherOwner = await makeUser(db, other, 'owner');
  const otherProvider = await makeUser(db, other, 'provider');
  const otherOwnerCookie = await signInCookie(t.app, otherOwner);
  const otherProviderCookie = await signInCookie(t.app, otherProvider);
  const otherPatient = (await makePatient(db, other)).id;
  const ownerCookie = cookies.get('owner')!;
  const ownRoom = await created(ownerCookie, '/api/rooms', { name: 'Room 1' });
  ids = {
    own: {
      patient: patientUser.patientId!,
      user: spare.id,
      provider: provider.id,
      plan: await created(cookies.get('provider')!, '/api/plans', {
        patientId: patientUser.patientId!,
        templateId: 'acne-scars',
      }),
      room: ownRoom,
      device: await created(ownerCookie, '/api/devices', { name: 'Pen 1', roomId: ownRoom }),
      template: 'acne-scars',
      serviceType: 'microneedling',
    },
    other: {
      patient: otherPatient,
      user: otherOwner.id,
      provider: otherProvider.id,
      plan: await created(otherProviderCookie, '/api/plans', {
        patientId: otherPatient,
        templateId: 'acne-scars',
      }),
      room: await created(otherOwnerCookie, '/api/rooms', { name: 'Their room' }),
    },
  };
}

/** Every operation of the OpenAPI document, plus the routes it hides (FHIR batch, calendar feed). */
function operations(): Operation[] {
  const doc = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string }[];
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        template,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema,
        hasBody: method !== 'get' && method !== 'delete',
      });
    }
  }
  ops.push(
    { method: 'POST', template: '/fhir/R4', query: [], body: undefined, hasBody: true },
    { method: 'GET', template: '/calendar/{token}', query: [], body: undefined, hasBody: false },
  );
  return ops;
}

/** Who may call the route, from the access it declared (routes outside /api and /fhir are public). */
function allowed(op: Operation, caller: Caller): boolean {
  const url = op.template.replace(/\{([a-zA-Z]+)\}/g, ':$1');
  const access =
    routeAccessTable(t.app).find((r) => r.method === op.method && r.url === url)?.access ?? 'public';
  if (access === 'public') return true;
  if (caller === 'anonymous') return false;
  if (access === 'signed-in' || access === 'enrolling') return true;
  return can(caller, access);
}

/**
 * The classes sent. One caller allowed on the route (taking turns from route to route, so each role gets every
 * class on some routes) gets all of them; every other caller gets a sample: the plain request, wrong ids in
 * the path, broken documents, the example body and other-clinic ids in it. Keeps the run bounded.
 */
function casesFor(op: Operation, index: number, caller: Caller): FuzzCase[] {
  const url = ownUrl(op.template, ids);
  const documents = op.hasBody ? documentCases(url) : [];
  const body = op.hasBody ? bodyCases(url, op.body, ids) : [];
  const mayCall = callers.filter((c) => allowed(op, c));
  if (mayCall[index % Math.max(mayCall.length, 1)] === caller) {
    return [
      { name: 'plain', url },
      ...pathCases(op.template, ids),
      ...queryCases(url, op.query),
      ...documents,
      ...body,
    ];
  }
  const sample = [
    { name: 'plain', url },
    ...pathCases(op.template, ids).slice(0, 3),
    ...documents.slice(0, 4),
  ];
  if (!mayCall.includes(caller)) return sample;
  return [...sample, ...body.filter((c) => c.name === 'example body' || c.name.endsWith('other clinic id'))];
}

/** What is wrong with an answer, or null: a 5xx, or a 4xx without the one error body. */
function problemWith(url: string, status: number, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (/\bat .+\.(ts|js):\d+|node_modules/.test(body)) return 'a stack trace in the body';
  if (status < 400) return null;
  let json: { error?: { code?: unknown; message?: unknown; requestId?: unknown }; resourceType?: unknown };
  try {
    json = JSON.parse(body);
  } catch {
    return `${status} without a JSON error body`;
  }
  if (url.startsWith('/fhir/'))
    return json.resourceType === 'OperationOutcome' ? null : `${status} without an OperationOutcome`;
  const e = json.error;
  if (typeof e?.code !== 'string' || typeof e.message !== 'string' || typeof e.requestId !== 'string')
    return `${status} without the error body`;
  return null;
}

beforeAll(async () => {
  t = await createTestApp();
  await seed();
});
afterAll(async () => t.close());

describe('fuzz: malformed requests on every route, for every role', () => {
  it('never answers 5xx, and every refusal carries the error body', async () => {
    const failures: string[] = [];
    let requests = 0;
    const ops = operations();
    expect(ops.length).toBeGreaterThan(90);
    for (const caller of callers) {
      for (const [index, op] of ops.entries()) {
        // Signing out would end the session the rest of the run uses.
        if (op.template === '/api/auth/logout' && caller !== 'anonymous') continue;
        const cases = casesFor(op, index, caller);
        for (let i = 0; i < cases.length; i += 4) {
          await Promise.all(
            cases.slice(i, i + 4).map(async (c) => {
              const cookie = cookies.get(caller);
              const response = await t.app.inject({
                method: op.method as 'GET',
                url: c.url,
                headers: {
                  ...(cookie ? { cookie } : {}),
                  ...(c.contentType ? { 'content-type': c.contentType } : {}),
                },
                ...(c.payload !== undefined ? { payload: c.payload } : {}),
              });
              requests += 1;
              const problem = problemWith(c.url, response.statusCode, response.body);
              if (problem) {
                failures.push(
                  `${caller} ${op.method} ${op.template} [${c.name}]: ${problem} ${response.body.slice(0, 200)}`,
                );
              }
            }),
          );
        }
      }
    }
    console.log(`fuzz: ${requests} requests, ${failures.length} failures`);
    if (failures.length > 0) console.log(failures.slice(0, 200).join('\n'));
    expect(failures.slice(0, 30)).toEqual([]);
  }, 180_000);
});
