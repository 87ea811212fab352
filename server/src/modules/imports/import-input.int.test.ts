import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** What a malformed upload can do to the server: every case gets one clear answer and the server keeps serving. */

const limits = { maxBytes: 2 * 1024 * 1024, maxResourceBytes: 64 * 1024, maxBatchEntries: 50 };

let t: TestApp;
let clinicId: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ importLimits: limits });
  clinicId = (await makeClinic(t.database.db)).id;
  cookie = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

const countPatients = async () =>
  (
    await t.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patients WHERE clinic_id = $1', [
      clinicId,
    ])
  ).rows[0]!.n;

const patientLine = (id: string, family = 'Line') =>
  JSON.stringify({
    resourceType: 'Patient',
    id,
    name: [{ given: ['Nora'], family }],
    birthDate: '1985-04-04',
    gender: 'female',
  });

function post(url: string, payload: string | Buffer, type = 'application/fhir+json') {
  return t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload });
}

function expectErrorBody(json: Record<string, unknown>, code: string) {
  expect(json).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
}

describe('a malformed document is a 400, never a crash', () => {
  const truncated = '{"resourceType":"Bundle","type":"batch","entry":[{"resource":';

  it('the 61-byte truncated Bundle on /api/imports answers 400 and the server keeps serving', async () => {
    expect(Buffer.byteLength(truncated)).toBe(61);
    const response = await post('/api/imports', truncated);
    expect(response.statusCode).toBe(400);
    expectErrorBody(response.json(), 'IMPORT_DOCUMENT_INVALID');
    expect(response.json().error.message).toMatch(/not valid JSON/);
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('the same Bundle on /fhir/R4 answers a 400 OperationOutcome', async () => {
    const response = await post('/fhir/R4', truncated);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid' }],
    });
  });

  it.each([
    ['garbage after the entries', '{"resourceType":"Bundle","type":"batch","entry":[]} trailing'],
    ['a broken entry list', '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"a":1}},,]}'],
    [
      'a half-open string',
      '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Pat',
    ],
  ])('%s is refused with nothing written', async (_name, body) => {
    const before = await countPatients();
    for (const url of ['/api/imports', '/fhir/R4']) {
      const response = await post(url, body);
      expect(response.statusCode).toBe(400);
    }
    expect(await countPatients()).toBe(before);
  });

  it.each([
    ['no body at all', undefined],
    ['an empty body', ''],
    ['only white space', '   \n  '],
  ])('%s is a 400 with the error body', async (_name, payload) => {
    for (const url of ['/api/imports', '/api/imports?format=ndjson']) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        // A body is sent as FHIR JSON (a text/plain body is refused earlier, by its type).
        headers: payload === undefined ? { cookie } : { cookie, 'content-type': 'application/fhir+json' },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(response.statusCode).toBe(400);
      expectErrorBody(response.json(), 'IMPORT_DOCUMENT_INVALID');
    }
    const fhir = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: payload === undefined ? { cookie } : { cookie, 'content-type': 'application/fhir+json' },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(fhir.statusCode).toBe(400);
    expect(fhir.json().resourceType).toBe('OperationOutcome');
  });
});

describe('import input is bounded', () => {
  it('refuses a body over the configured limit with 413 and the error body', async () => {
    const big = Buffer.alloc(limits.maxBytes + 1024, 0x20);
    const response = await post('/api/imports?format=ndjson', big, 'application/x-ndjson');
    expect(response.statusCode).toBe(413);
    expectErrorBody(response.json(), 'REQUEST_TOO_LARGE');
  });

  it('refuses an NDJSON line over the per-resource limit and imports the other lines', async () => {
    const huge = JSON.stringify({
      resourceType: 'Patient',
      id: 'huge',
      name: [{ family: 'x'.repeat(limits.maxResourceBytes * 2) }],
    });
    const body = [patientLine('before-huge', 'Before'), huge, patientLine('after-huge', 'After')].join('\n');
    const response = await post('/api/imports?format=ndjson', body, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.patients.created).toBe(2);
    expect(report.rejected).toEqual([
      { source: 'upload', line: 2, reason: expect.stringMatching(/longer than 65536 bytes/) },
    ]);
    expect(report.rejectedCount).toBe(1);
  });

  it('refuses a Bundle entry over the per-resource limit as a whole', async () => {
    const bundle = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'Patient', id: 'e', text: { div: 'x'.repeat(200_000) } } }],
    });
    const response = await post('/api/imports', bundle);
    expect(response.statusCode).toBe(400);
    expectErrorBody(response.json(), 'IMPORT_DOCUMENT_INVALID');
    expect(response.json().error.message).toMatch(/larger than 65536 bytes/);
  });

  it('keeps a capped list of rejections with the total count', async () => {
    const entries = 1_200;
    const bundle = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: Array.from({ length: entries }, () => ({})),
    });
    const response = await post('/api/imports', bundle);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.rejectedCount).toBe(entries);
    expect(report.rejected).toHaveLength(500);
    expect(report.rejected[0].reason).toMatch(/no resource/);
  });

  it('refuses a FHIR batch with more entries than allowed, before writing any', async () => {
    const before = await countPatients();
    const entry = Array.from({ length: limits.maxBatchEntries + 1 }, (_, i) => ({
      resource: JSON.parse(patientLine(`batch-${i}`, `Batch${i}`)),
    }));
    const response = await post('/fhir/R4', JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ details: { coding: [{ code: 'IMPORT_BATCH_TOO_LARGE' }] } }],
    });
    expect(await countPatients()).toBe(before);
  });

  it('refuses a FHIR batch of 150,000 empty entries with 413 (it was a 500 from a spread over the call stack)', async () => {
    const body = `{"resourceType":"Bundle","type":"batch","entry":[${Array(150_000).fill('{}').join(',')}]}`;
    const response = await post('/fhir/R4', body);
    expect(response.statusCode).toBe(413);
    expect(response.json().resourceType).toBe('OperationOutcome');
  });

  it('reports a resource with a NUL character or a lone surrogate instead of failing', async () => {
    const body = [
      patientLine('nul').replace('Nora', 'No\\u0000ra'),
      patientLine('surrogate').replace('Nora', 'No\\ud800ra'),
      patientLine('fine-after-bad-text', 'Fine'),
    ].join('\n');
    const response = await post('/api/imports?format=ndjson', body, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.patients.created).toBe(1);
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([1, 2]);
    for (const r of report.rejected) expect(r.reason).toMatch(/NUL character or an unpaired surrogate/);

    const bundle = `{"resourceType":"Bundle","type":"collection","entry":[{"resource":${patientLine('b-nul', 'Nul').replace('Nora', 'No\\u0000ra')}},{"resource":${patientLine('b-ok', 'Bundled')}}]}`;
    const fromBundle = await post('/api/imports', bundle);
    expect(fromBundle.statusCode).toBe(200);
    expect(fromBundle.json().patients.created).toBe(1);
    expect(fromBundle.json().rejected[0].reason).toMatch(/NUL character or an unpaired surrogate/);
  });
});

describe('after an early answer the connection stays usable', () => {
  let base: { host: string; port: number };
  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address() as AddressInfo;
    base = { host: '127.0.0.1', port: address.port };
  });

  /** One request through `agent`; resolves with the status and body, or rejects after 10 s (a hung connection). */
  function request(
    agent: http.Agent,
    options: { method: string; path: string; headers?: http.OutgoingHttpHeaders; body?: Buffer },
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        ...base,
        agent,
        method: options.method,
        path: options.path,
        headers: options.headers,
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`${options.method} ${options.path}: no answer in 10 s`));
      }, 10_000);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', (error) => {
        // The server may stop reading our body once it has answered; the answer still counts.
        if (
          (error as NodeJS.ErrnoException).code !== 'EPIPE' &&
          (error as NodeJS.ErrnoException).code !== 'ECONNRESET'
        ) {
          clearTimeout(timer);
          reject(error);
        }
      });
      if (options.body) req.write(options.body);
      req.end();
    });
  }

  it.each([
    ['not a Bundle', 'application/fhir+json', '/api/imports', () => Buffer.alloc(1_500_000, 'x'), 400],
    [
      'a truncated Bundle followed by more bytes',
      'application/fhir+json',
      '/api/imports',
      () =>
        Buffer.concat([Buffer.from('{"resourceType":"Bundle","entry":[}'), Buffer.alloc(1_500_000, 0x20)]),
      400,
    ],
    [
      'a body over the limit',
      'application/x-ndjson',
      '/api/imports?format=ndjson',
      () => Buffer.alloc(limits.maxBytes + 500_000, 0x20),
      413,
    ],
  ])(
    '%s: the next request on the same keep-alive agent is answered',
    async (_name, type, path, body, status) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const payload = body();
        const first = await request(agent, {
          method: 'POST',
          path,
          headers: { cookie, 'content-type': type, 'content-length': payload.length },
          body: payload,
        });
        expect(first.status).toBe(status);
        expect(JSON.parse(first.body).error.requestId).toEqual(expect.any(String));
        const second = await request(agent, { method: 'GET', path: '/api/auth/me', headers: { cookie } });
        expect(second.status).toBe(200);
      } finally {
        agent.destroy();
      }
    },
  );

  it('a chunked body over the limit is cut off with 413 and the next request is answered', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(agent, {
        method: 'POST',
        path: '/api/imports?format=ndjson',
        headers: { cookie, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
        body: Buffer.alloc(limits.maxBytes + 500_000, 0x20),
      });
      expect(first.status).toBe(413);
      expect(JSON.parse(first.body).error.code).toBe('REQUEST_TOO_LARGE');
      const second = await request(agent, { method: 'GET', path: '/api/auth/me', headers: { cookie } });
      expect(second.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
