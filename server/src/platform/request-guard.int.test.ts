import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makeUser } from '../testing/factories';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';

/** A FHIR Bundle that creates one patient, as a cross-site form could post it. */
const bundle = (family: string) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'batch',
    entry: [
      {
        resource: {
          resourceType: 'Patient',
          id: `p-${family}`,
          name: [{ given: ['Forged'], family }],
          birthDate: '1990-01-01',
          gender: 'female',
        },
      },
    ],
  });

const logLines: string[] = [];
let t: TestApp;
let clinicId: string;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ logStream: { write: (line) => void logLines.push(line) } });
  clinicId = (await makeClinic(t.database.db)).id;
  cookie = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
});
afterAll(async () => t.close());

async function patientsNamed(family: string): Promise<number> {
  const { rows } = await t.database.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM patients WHERE clinic_id = $1 AND family_name = $2',
    [clinicId, family],
  );
  return rows[0]!.n;
}

describe('cross-site requests', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }, 403, 'AUTH_ORIGIN_REFUSED'],
    ['a cross-site fetch without Origin', { 'sec-fetch-site': 'cross-site' }, 403, 'AUTH_ORIGIN_REFUSED'],
    ['the app’s own Origin', { origin: 'https://clinic.test' }, 415, 'REQUEST_CONTENT_TYPE_UNSUPPORTED'],
  ])('refuses a text/plain import from %s, creating no patient', async (_from, headers, status, code) => {
    const family = `Forged${status}${code.length}${Object.keys(headers)[0]!.length}`;
    for (const url of ['/api/imports', '/fhir/R4']) {
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'text/plain', ...headers },
        payload: bundle(family),
      });
      expect(response.statusCode).toBe(status);
      const body = response.json();
      // FHIR clients get an OperationOutcome carrying the same code.
      expect(body.error?.code ?? body.issue?.[0]?.details.coding[0].code).toBe(code);
    }
    expect(await patientsNamed(family)).toBe(0);
  });

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'])(
    'refuses %s on a JSON route',
    async (type) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/patients',
        headers: { cookie, 'content-type': type },
        payload: 'givenName=Forged&familyName=Form',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error).toMatchObject({
        code: 'REQUEST_CONTENT_TYPE_UNSUPPORTED',
        requestId: expect.any(String),
      });
    },
  );

  it('accepts each route’s declared types from the app’s own origin', async () => {
    const fhir = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie, 'content-type': 'application/fhir+json', origin: 'https://clinic.test' },
      payload: bundle('Declared'),
    });
    expect(fhir.statusCode).toBe(200);
    const ndjson = await t.app.inject({
      method: 'POST',
      url: '/api/imports?format=ndjson',
      headers: { cookie, 'content-type': 'application/x-ndjson', 'sec-fetch-site': 'same-origin' },
      payload: `${JSON.stringify(JSON.parse(bundle('Ndjson')).entry[0].resource)}\n`,
    });
    expect(ndjson.statusCode).toBe(200);
    expect(await patientsNamed('Declared')).toBe(1);
    expect(await patientsNamed('Ndjson')).toBe(1);
    // A script (no Origin, no Sec-Fetch-Site) is not a browser carrying someone's cookie: it is let through.
    const script = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'front-desk')) },
    });
    expect(script.statusCode).toBe(200);
  });
});

describe('logged URLs', () => {
  it('carry no calendar-feed or invitation token', async () => {
    const feedToken = 'feedTOKENabcdefghijklmnopqrstuvwxyz0123';
    const inviteToken = 'inviteTOKENabcdefghijklmnopqrstuvwxyz01';
    await t.app.inject({ method: 'GET', url: `/calendar/${feedToken}.ics` });
    await t.app.inject({ method: 'GET', url: `/api/portal/invitations/${inviteToken}` });
    await t.app.inject({ method: 'POST', url: `/api/portal/invitations/${inviteToken}/accept`, payload: {} });
    const logged = logLines.join('');
    expect(logged).toContain('/calendar/[redacted]');
    expect(logged).toContain('/api/portal/invitations/[redacted]/accept');
    expect(logged).not.toContain(feedToken);
    expect(logged).not.toContain(inviteToken);
  });
});
