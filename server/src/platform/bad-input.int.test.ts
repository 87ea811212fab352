import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../testing/factories';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
let cookie: string;
let clinicId: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  cookie = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

const countPatients = async () =>
  Number(
    (
      await t.database.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM patients WHERE clinic_id = $1',
        [clinicId],
      )
    ).rows[0]!.n,
  );

describe('bad input gets one clear 4xx body and writes nothing', () => {
  it.each([
    [
      'malformed JSON',
      { body: '{"givenName": ', type: 'application/json' },
      400,
      'REQUEST_MALFORMED',
      undefined,
    ],
    [
      'wrong types',
      {
        body: JSON.stringify({ givenName: 7, familyName: 'X', birthDate: '1990-01-01', sex: 'female' }),
        type: 'application/json',
      },
      400,
      'VALIDATION_FAILED',
      'body.givenName',
    ],
    [
      'unknown field',
      {
        body: JSON.stringify({
          givenName: 'A',
          familyName: 'B',
          birthDate: '1990-01-01',
          sex: 'female',
          ssn: '1',
        }),
        type: 'application/json',
      },
      400,
      'VALIDATION_FAILED',
      'body',
    ],
    [
      'bad date',
      {
        body: JSON.stringify({ givenName: 'A', familyName: 'B', birthDate: '03/02/1980', sex: 'female' }),
        type: 'application/json',
      },
      400,
      'VALIDATION_FAILED',
      'body.birthDate',
    ],
    [
      'not JSON at all',
      { body: 'givenName=A', type: 'text/plain' },
      415,
      'REQUEST_CONTENT_TYPE_UNSUPPORTED',
      undefined,
    ],
    [
      'a huge body',
      { body: JSON.stringify({ givenName: 'x'.repeat(2_000_000) }), type: 'application/json' },
      413,
      'REQUEST_TOO_LARGE',
      undefined,
    ],
  ])('%s', async (_name, { body, type }, status, code, field) => {
    const before = await countPatients();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie, 'content-type': type },
      payload: body,
    });
    expect(response.statusCode).toBe(status);
    const json = response.json();
    expect(json.error.code).toBe(code);
    expect(json.error.requestId).toEqual(expect.any(String));
    expect(response.body).not.toMatch(/at .*\.ts:\d+|node_modules|stack/i);
    if (field) expect(json.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await countPatients()).toBe(before);
  });

  it.each([
    ['/api/patients/not-a-uuid', 400, 'VALIDATION_FAILED'],
    ['/api/patients/00000000-0000-4000-8000-000000000000', 404, 'PATIENT_NOT_FOUND'],
    ['/api/patients?limit=100000', 400, 'VALIDATION_FAILED'],
    ['/api/patients?unknown=1', 400, 'VALIDATION_FAILED'],
    ['/api/nowhere', 404, 'NOT_FOUND'],
  ])('GET %s -> %i %s', async (url, status, code) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({
      status: 'ready',
      database: true,
      pendingMigrations: [],
      draining: false,
    });
  });

  it('serves an OpenAPI 3 document generated from the contracts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/patients/{id}', '/api/audit']),
    );
  });
});
