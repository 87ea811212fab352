import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestUser } from '../testing/factories';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';
import { registerErrorHandler } from './error-handler';

/** What the database refuses becomes a coded 4xx with the error body, never a 500. */

let t: TestApp;
let clinicId: string;
let owner: string;
let provider: string;
let frontDesk: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
  frontDesk = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk'));
});
afterAll(async () => t.close());

function call(
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: Record<string, unknown>,
) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
}

function expectErrorBody(
  response: { statusCode: number; json(): Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.json()).toMatchObject({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });
}

describe('text PostgreSQL cannot store is refused at the edge, naming the field', () => {
  const patient = { givenName: 'Ana', familyName: 'Ruiz', birthDate: '1990-01-01', sex: 'female' };

  it.each([
    ['a NUL character in a name (22021)', { ...patient, givenName: 'A\u0000na' }, 'body.givenName'],
    ['a lone high surrogate in a name', { ...patient, familyName: 'Ruiz\ud800' }, 'body.familyName'],
    ['a lone low surrogate in a name', { ...patient, familyName: '\udc00Ruiz' }, 'body.familyName'],
  ])('%s', async (_name, body, field) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: frontDesk, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expectErrorBody(response, 400, 'VALIDATION_FAILED');
    expect(response.json().error.fields).toEqual([
      { path: field, message: 'Contains a NUL character or an unpaired surrogate' },
    ]);
  });

  it('a lone surrogate that would reach a JSON column (22P02) is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/rooms',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: '{"name":"Room \\ud800"}',
    });
    expectErrorBody(response, 400, 'VALIDATION_FAILED');
  });

  it('a NUL character in a query string is refused', async () => {
    const response = await call(frontDesk, 'GET', '/api/patients?q=%00');
    expectErrorBody(response, 400, 'VALIDATION_FAILED');
  });

  it('a well-formed pair (an emoji) is still accepted', async () => {
    const response = await call(frontDesk, 'POST', '/api/patients', { ...patient, givenName: 'Ana 😀' });
    expect(response.statusCode).toBe(201);
  });
});

describe("references are checked against the caller's clinic", () => {
  let otherProvider: TestUser;
  let otherPlanId: string;
  let patientId: string;

  beforeAll(async () => {
    const other = (await makeClinic(t.database.db)).id;
    otherProvider = await makeUser(t.database.db, other, 'provider');
    const otherCookie = await signInCookie(t.app, otherProvider);
    const otherPatient = await makePatient(t.database.db, other);
    const plan = await call(otherCookie, 'POST', '/api/plans', {
      patientId: otherPatient.id,
      templateId: 'acne-scars',
    });
    expect(plan.statusCode).toBe(201);
    otherPlanId = plan.json().id;
    patientId = (await makePatient(t.database.db, clinicId)).id;
  });

  const waitlist = (extra: Record<string, unknown>) =>
    call(frontDesk, 'POST', '/api/waitlist', {
      patientId,
      serviceTypeId: 'microneedling',
      earliestDate: '2030-01-01',
      latestDate: '2030-02-01',
      ...extra,
    });

  it.each([
    [
      'an unknown provider (23503)',
      () => ({ providerId: '00000000-0000-4000-8000-000000000001' }),
      'body.providerId',
    ],
    ["another clinic's provider", () => ({ providerId: otherProvider.id }), 'body.providerId'],
    ['an unknown plan (23503)', () => ({ planId: '00000000-0000-4000-8000-000000000002' }), 'body.planId'],
    ["another clinic's plan", () => ({ planId: otherPlanId }), 'body.planId'],
    ['an unknown service type', () => ({ serviceTypeId: 'laser-tattoo' }), 'body.serviceTypeId'],
  ])('the waitlist refuses %s', async (_name, extra, field) => {
    const response = await waitlist(extra());
    // An unknown id in the body is a 404 naming the field (ADR 063), with the module's own *_NOT_FOUND code.
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json().error.code).toMatch(/NOT_FOUND$/);
    expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    const { rows } = await t.database.db.query('SELECT 1 FROM waitlist_entries WHERE patient_id = $1', [
      patientId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("the waitlist still takes its own clinic's provider", async () => {
    const me = (await call(provider, 'GET', '/api/auth/me')).json();
    const response = await waitlist({ providerId: me.user.id });
    expect(response.statusCode).toBe(201);
  });
});

describe('two changes at the same time: one wins, the other is a 409', () => {
  it('creating the same staff email eight times at once gives one 201 and 409s', async () => {
    const email = `race-${Date.now()}@test.needlepoint`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(owner, 'POST', '/api/users', {
          email,
          name: 'Race',
          role: 'front-desk',
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    for (const r of responses.filter((r) => r.statusCode === 409))
      expect(r.json().error.requestId).toBeTruthy();
  });
});

describe('the error handler maps each database error class (real PostgreSQL errors)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Made as the owner role, as a migration would be: the app role gets its privileges by default.
    await t.database.admin().query(
      `SET ROLE needlepoint_owner;
       CREATE TABLE IF NOT EXISTS probe_parent (id int PRIMARY KEY);
       CREATE TABLE IF NOT EXISTS probe_child (id int PRIMARY KEY, parent int REFERENCES probe_parent (id),
         n smallint, label varchar(3) CHECK (label <> 'bad'));
       RESET ROLE`,
    );
    app = Fastify();
    registerErrorHandler(app);
    app.get('/probe/:sql', async (request) => {
      await t.database.db.query((request.params as { sql: string }).sql);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it.each([
    [
      'unique violation 23505',
      'INSERT INTO probe_parent VALUES (1) ON CONFLICT DO NOTHING; INSERT INTO probe_parent VALUES (1)',
      409,
      'REQUEST_CONFLICT',
    ],
    [
      'foreign key 23503',
      'INSERT INTO probe_child (id, parent) VALUES (1, 999)',
      422,
      'REQUEST_REFERENCE_UNKNOWN',
    ],
    ['NUL in JSON 22P05', `SELECT '"\\u0000"'::jsonb`, 400, 'REQUEST_VALUE_INVALID'],
    ['lone surrogate in JSON 22P02', `SELECT '"\\ud800"'::jsonb`, 400, 'REQUEST_VALUE_INVALID'],
    ['not a uuid 22P02', "SELECT 'x'::uuid", 400, 'REQUEST_VALUE_INVALID'],
    ['out of range 22003', 'INSERT INTO probe_child (id, n) VALUES (2, 99999)', 400, 'REQUEST_VALUE_INVALID'],
    [
      'too long 22001',
      "INSERT INTO probe_child (id, label) VALUES (3, 'abcd')",
      400,
      'REQUEST_VALUE_INVALID',
    ],
    ['check 23514', "INSERT INTO probe_child (id, label) VALUES (4, 'bad')", 400, 'REQUEST_VALUE_INVALID'],
    ['not null 23502', 'INSERT INTO probe_child (id) VALUES (NULL)', 400, 'REQUEST_VALUE_INVALID'],
    ['a real server fault stays a 500 with the body', 'SELECT * FROM no_such_table', 500, 'INTERNAL'],
  ])('%s', async (_name, sql, status, code) => {
    const response = await app.inject({ method: 'GET', url: `/probe/${encodeURIComponent(sql)}` });
    expectErrorBody(response, status, code);
    expect(response.body).not.toMatch(/probe_|no_such_table|violates|syntax/);
  });

  it('a NUL byte sent as a parameter (22021) is a 400', async () => {
    const nul = Fastify();
    registerErrorHandler(nul);
    nul.get('/nul', async () => (await t.database.db.query('SELECT $1::text AS v', ['a\u0000b'])).rows);
    const response = await nul.inject({ method: 'GET', url: '/nul' });
    expectErrorBody(response, 400, 'REQUEST_VALUE_INVALID');
    await nul.close();
  });
});

describe('answers Node gives before there is a request carry the error body too', () => {
  it('headers too large: 431 with the error body', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: '/health',
        headers: { 'x-padding': 'x'.repeat(20_000) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        code: 'REQUEST_HEADERS_TOO_LARGE',
        message: expect.any(String),
        requestId: expect.any(String),
      },
    });
  });
});
