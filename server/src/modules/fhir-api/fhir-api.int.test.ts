import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import {
  clientBearer,
  registerTestClient,
  requestToken,
  signAssertion,
  testTokenUrl,
  type TestFhirClient,
} from '../../testing/fhir-clients';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let provider: string;
let owner: string;
let everything: TestFhirClient;
let patientsOnly: TestFhirClient;
let bearer: string;
let ann: TestPatient;
let annVersion: number;
const patients: TestPatient[] = [];

type Bundle = {
  resourceType: string;
  type: string;
  total?: number;
  link: { relation: string; url: string }[];
  entry: { fullUrl: string; resource: Record<string, unknown> & { id: string; resourceType: string } }[];
};

const get = (url: string, auth: { cookie?: string; bearer?: string }, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: {
      ...headers,
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(auth.bearer ? { authorization: auth.bearer } : {}),
    },
  });
const relative = (url: string) => url.replace('https://clinic.test', '');

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  provider = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'provider'));
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
  ann = await makePatient(t.database.db, clinicId, {
    givenName: 'Ann',
    familyName: 'Zeta',
    birthDate: '1980-03-02',
  });
  for (let i = 0; i < 7; i++)
    patients.push(
      await makePatient(t.database.db, clinicId, {
        givenName: `Bea${i}`,
        familyName: 'Paging',
        birthDate: `199${i}-06-15`,
      }),
    );
  await t.database.db.query(
    `INSERT INTO patient_identifiers (clinic_id, system, value, patient_id) VALUES ($1, 'urn:mrn', 'MRN-ANN', $2)`,
    [clinicId, ann.id],
  );
  const entry = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${ann.id}/entries`,
      headers: { cookie: provider },
      payload,
    });
  expect(
    (
      await entry({
        kind: 'medication',
        display: 'Warfarin 5 mg',
        codes: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '855332' }],
        status: 'active',
        startDate: '2024-01-10',
      })
    ).statusCode,
  ).toBe(201);
  await entry({
    kind: 'condition',
    display: 'Rosacea',
    codes: [{ system: 'http://snomed.info/sct', code: '398909004' }],
    status: 'active',
    startDate: '2019-05-01',
  });
  await entry({ kind: 'allergy', display: 'Latex', codes: [], status: 'active' });
  await entry({
    kind: 'observation',
    display: 'HbA1c',
    codes: [{ system: 'http://loinc.org', code: '4548-4' }],
    status: 'final',
    startDate: '2025-02-01',
    value: '6.1 %',
  });
  const before = await t.database.db.query<{ version: number }>(
    'SELECT version FROM patients WHERE id = $1',
    [ann.id],
  );
  const renamed = await t.app.inject({
    method: 'PATCH',
    url: `/api/patients/${ann.id}`,
    headers: { cookie: provider },
    payload: { expectedVersion: before.rows[0]!.version, phone: '+1 555 0199' },
  });
  expect(renamed.statusCode, renamed.body).toBe(200);
  annVersion = renamed.json().version;
  everything = await registerTestClient(t.app, owner, ['system/*.rs']);
  patientsOnly = await registerTestClient(t.app, owner, ['system/Patient.rs']);
  bearer = await clientBearer(t.app, everything, 'system/*.rs');
});
afterAll(async () => t.close());

describe('metadata', () => {
  it('states what is served, with the SMART token endpoint', async () => {
    // A stale token does not stop anyone reading the metadata.
    const response = await get('/fhir/R4/metadata', { bearer: 'Bearer stale' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const cs = response.json();
    expect(cs.resourceType).toBe('CapabilityStatement');
    const rest = cs.rest[0];
    expect(rest.resource.map((r: { type: string }) => r.type)).toContain('QuestionnaireResponse');
    const patient = rest.resource.find((r: { type: string }) => r.type === 'Patient');
    expect(patient.interaction.map((i: { code: string }) => i.code)).toEqual([
      'read',
      'vread',
      'history-instance',
      'search-type',
    ]);
    expect(rest.security.extension[0].extension[0]).toEqual({ url: 'token', valueUri: testTokenUrl });
    const smart = (await get('/fhir/R4/.well-known/smart-configuration', {})).json();
    expect(smart.token_endpoint).toBe(testTokenUrl);
  });
});

describe('search', () => {
  it('pages with a cursor: every patient exactly once, total on the first page, self and next links', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/fhir/R4/Patient?name=Paging&_count=3';
    let pages = 0;
    let total: number | undefined;
    while (url) {
      const response = await get(url, { bearer });
      expect(response.statusCode, response.body).toBe(200);
      const bundle = response.json<Bundle>();
      expect(bundle.type).toBe('searchset');
      if (pages === 0) total = bundle.total;
      seen.push(...bundle.entry.map((e) => e.resource.id));
      expect(bundle.link.find((l) => l.relation === 'self')).toBeDefined();
      const next = bundle.link.find((l) => l.relation === 'next');
      url = next ? relative(next.url) : undefined;
      if (url) expect(url).not.toMatch(/offset/i);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(total).toBe(7);
    expect(seen.sort()).toEqual(patients.map((p) => p.id).sort());
  });

  it('finds by identifier, birthdate and _id; clinic data only', async () => {
    const byId = (await get('/fhir/R4/Patient?identifier=urn:mrn|MRN-ANN', { bearer })).json<Bundle>();
    expect(byId.entry.map((e) => e.resource.id)).toEqual([ann.id]);
    const born = (
      await get('/fhir/R4/Patient?birthdate=ge1995-01-01&birthdate=lt1997', { bearer })
    ).json<Bundle>();
    expect(born.entry.map((e) => e.resource.birthDate).sort()).toEqual(['1995-06-15', '1996-06-15']);
    const other = await makeClinic(t.database.db);
    const stranger = await makePatient(t.database.db, other.id, { givenName: 'Ann', familyName: 'Zeta' });
    const named = (await get('/fhir/R4/Patient?name=zet', { bearer })).json<Bundle>();
    expect(named.entry.map((e) => e.resource.id)).toEqual([ann.id]);
    expect((await get(`/fhir/R4/Patient?_id=${stranger.id}`, { bearer })).json().total).toBe(0);
  });

  it('searches clinical types by patient, code, status and date', async () => {
    const meds = (
      await get(`/fhir/R4/MedicationStatement?patient=Patient/${ann.id}&code=855332`, { bearer })
    ).json<Bundle>();
    expect(meds.entry).toHaveLength(1);
    expect(meds.entry[0]!.resource.medicationCodeableConcept).toMatchObject({ text: 'Warfarin 5 mg' });
    const active = (
      await get(`/fhir/R4/Condition?patient=${ann.id}&clinical-status=active&onset-date=2019`, { bearer })
    ).json<Bundle>();
    expect(active.entry.map((e) => (e.resource.code as { text: string }).text)).toEqual(['Rosacea']);
    const none = (
      await get(`/fhir/R4/Condition?patient=${ann.id}&clinical-status=resolved`, { bearer })
    ).json<Bundle>();
    expect(none.entry).toHaveLength(0);
    const obs = (
      await get(`/fhir/R4/Observation?patient=${ann.id}&date=ge2025-01-01&status=final`, { bearer })
    ).json<Bundle>();
    expect(obs.entry[0]!.resource.valueString).toBe('6.1 %');
  });

  it('answers a bad search with an OperationOutcome, and refuses unknown parameters only when strict', async () => {
    const bad = await get('/fhir/R4/Patient?birthdate=yesterday', { bearer });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/fhir+json');
    expect(bad.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
    expect((await get('/fhir/R4/Patient?colour=blue', { bearer })).statusCode).toBe(200);
    const strict = await get('/fhir/R4/Patient?colour=blue', { bearer }, { prefer: 'handling=strict' });
    expect(strict.statusCode).toBe(400);
    expect((await get('/fhir/R4/Encounter', { bearer })).json().resourceType).toBe('OperationOutcome');
  });
});

describe('read, history and $everything', () => {
  it('reads a patient with its version; an unknown id is a 404 OperationOutcome', async () => {
    const response = await get(`/fhir/R4/Patient/${ann.id}`, { bearer });
    expect(response.statusCode).toBe(200);
    const patient = response.json();
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      id: ann.id,
      birthDate: '1980-03-02',
      meta: { versionId: String(annVersion) },
    });
    expect(patient.identifier).toEqual([{ system: 'urn:mrn', value: 'MRN-ANN' }]);
    expect(response.headers.etag).toBe(`W/"${annVersion}"`);
    const missing = await get('/fhir/R4/Patient/00000000-0000-4000-8000-000000000000', { bearer });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().resourceType).toBe('OperationOutcome');
    expect((await get('/fhir/R4/Patient/not-a-uuid', { bearer })).statusCode).toBe(404);
  });

  it('_history lists each version, rebuilt from the recorded changes; vread reads one', async () => {
    const history = (await get(`/fhir/R4/Patient/${ann.id}/_history`, { bearer })).json<Bundle>();
    expect(history.type).toBe('history');
    const versions = history.entry.map((e) => Number((e.resource.meta as { versionId: string }).versionId));
    expect(versions).toEqual(Array.from({ length: annVersion }, (_, i) => annVersion - i));
    expect(history.entry[0]!.resource.telecom).toEqual([{ system: 'phone', value: '+1 555 0199' }]);
    expect(history.entry[1]!.resource.telecom).toBeUndefined();
    expect(history.entry[versions.length - 1]!.resource.telecom).toBeUndefined();
    const v1 = await get(`/fhir/R4/Patient/${ann.id}/_history/1`, { bearer });
    expect(v1.json().meta.versionId).toBe('1');
    expect((await get(`/fhir/R4/Patient/${ann.id}/_history/${annVersion + 1}`, { bearer })).statusCode).toBe(
      404,
    );
  });

  it('$everything returns the patient and each of their resources', async () => {
    const bundle = (await get(`/fhir/R4/Patient/${ann.id}/$everything`, { bearer })).json<Bundle>();
    expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(
      ['AllergyIntolerance', 'Condition', 'MedicationStatement', 'Observation', 'Patient'].sort(),
    );
  });

  it('staff sessions use the same routes', async () => {
    const response = await get(`/fhir/R4/Patient/${ann.id}/$everything`, { cookie: provider });
    expect(response.statusCode).toBe(200);
    expect((await get(`/fhir/R4/Patient/${ann.id}`, {})).statusCode).toBe(401);
  });
});

describe('scopes', () => {
  it('a client without the scope gets a 403 OperationOutcome', async () => {
    const narrow = await clientBearer(t.app, patientsOnly, 'system/Patient.rs system/Condition.rs');
    expect((await get(`/fhir/R4/Patient/${ann.id}`, { bearer: narrow })).statusCode).toBe(200);
    const refused = await get(`/fhir/R4/Condition?patient=${ann.id}`, { bearer: narrow });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/fhir+json');
    expect(refused.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error' }],
    });
    const everythingNarrow = (
      await get(`/fhir/R4/Patient/${ann.id}/$everything`, { bearer: narrow })
    ).json<Bundle>();
    expect(everythingNarrow.entry.map((e) => e.resource.resourceType)).toEqual(['Patient']);
  });

  it('read-only scope cannot search; a client cannot reach staff routes', async () => {
    const readOnly = await clientBearer(t.app, everything, 'system/Patient.r');
    expect((await get(`/fhir/R4/Patient/${ann.id}`, { bearer: readOnly })).statusCode).toBe(200);
    expect((await get('/fhir/R4/Patient?name=Ann', { bearer: readOnly })).statusCode).toBe(403);
    expect((await get('/api/patients', { bearer: readOnly })).statusCode).toBe(401);
  });

  it('a revoked client loses its tokens', async () => {
    const doomed = await registerTestClient(t.app, owner, ['system/Patient.rs']);
    const token = await clientBearer(t.app, doomed, 'system/Patient.rs');
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/fhir-clients/${doomed.clientId}/revoke`,
      headers: { cookie: owner },
    });
    expect(revoke.statusCode).toBe(200);
    expect((await get(`/fhir/R4/Patient/${ann.id}`, { bearer: token })).statusCode).toBe(401);
  });

  it('only the owner registers clients', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/fhir-clients',
      headers: { cookie: provider },
    });
    expect(response.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/fhir-clients', headers: { cookie: owner } });
    expect(list.json().clients.length).toBeGreaterThanOrEqual(2);
  });
});

describe('token endpoint', () => {
  it('issues a short-lived bearer token with the granted scopes', async () => {
    const response = await requestToken(
      t.app,
      await signAssertion(everything),
      'system/Patient.rs system/Spaceship.rs',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 300,
      scope: 'system/Patient.rs',
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('accepts an ES384 (P-384) key as well', async () => {
    const ec = await registerTestClient(t.app, owner, ['system/Patient.rs'], 'ES384');
    const response = await requestToken(t.app, await signAssertion(ec), 'system/Patient.rs');
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refuses to register a private key or a key it cannot use', async () => {
    const { privateKey } = await generateKeyPair('RS384', { extractable: true });
    const register = (jwk: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/fhir-clients',
        headers: { cookie: owner },
        payload: { name: 'Leaky', scopes: ['system/*.rs'], jwks: { keys: [jwk] } },
      });
    const leaked = await register({ ...(await exportJWK(privateKey)), kid: 'k' });
    expect(leaked.statusCode).toBe(400);
    expect(leaked.json().error.code).toBe('VALIDATION_FAILED');
    const broken = await register({ kty: 'RSA', kid: 'k', n: 'AQAB', e: 'x' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('FHIR_CLIENT_KEYS_INVALID');
  });

  it('refuses a bad signature', async () => {
    const { privateKey } = await generateKeyPair('RS384');
    const response = await requestToken(
      t.app,
      await signAssertion(everything, { key: privateKey }),
      'system/Patient.rs',
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      error: 'invalid_client',
      error_description: expect.stringMatching(/signature/),
    });
  });

  it('refuses a replayed jti', async () => {
    const assertion = await signAssertion(everything, { jti: 'once-only' });
    expect((await requestToken(t.app, assertion, 'system/Patient.rs')).statusCode).toBe(200);
    const again = await requestToken(t.app, assertion, 'system/Patient.rs');
    expect(again.statusCode).toBe(401);
    expect(again.json().error_description).toMatch(/already used/);
  });

  it('refuses an expired assertion, a wrong audience and an exp too far ahead', async () => {
    const expired = await requestToken(
      t.app,
      await signAssertion(everything, { expiresIn: -120 }),
      'system/Patient.rs',
    );
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error_description).toMatch(/expired/);
    const aud = await requestToken(
      t.app,
      await signAssertion(everything, { audience: 'https://elsewhere/token' }),
      'system/Patient.rs',
    );
    expect(aud.json().error_description).toMatch(/aud/);
    const far = await requestToken(
      t.app,
      await signAssertion(everything, { expiresIn: 3600 }),
      'system/Patient.rs',
    );
    expect(far.statusCode).toBe(401);
  });

  it('refuses a scope the client was not registered for, and an unknown token', async () => {
    const response = await requestToken(t.app, await signAssertion(patientsOnly), 'system/Observation.rs');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('invalid_scope');
    const unknown = await get(`/fhir/R4/Patient/${ann.id}`, { bearer: 'Bearer nope' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().resourceType).toBe('OperationOutcome');
  });
});

describe('audit', () => {
  it('records every FHIR read with the patient and the client', async () => {
    const narrow = await clientBearer(t.app, everything, 'system/Patient.r');
    const response = await get(`/fhir/R4/Patient/${ann.id}`, { bearer: narrow });
    const { rows } = await t.database.db.query<{
      action: string;
      patient_id: string;
      details: Record<string, unknown>;
      request_id: string;
    }>(
      `SELECT action, patient_id, details, request_id FROM audit_events WHERE clinic_id = $1 AND request_id = $2`,
      [clinicId, response.headers['x-request-id']],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'fhir.read',
        patient_id: ann.id,
        details: expect.objectContaining({ fhirClient: everything.clientId }),
      }),
    ]);
    const search = await get(`/fhir/R4/Condition?patient=${ann.id}`, { cookie: provider });
    const searched = await t.database.db.query<{
      action: string;
      patient_id: string;
      actor_user_id: string | null;
    }>(
      `SELECT action, patient_id, actor_user_id FROM audit_events WHERE clinic_id = $1 AND request_id = $2`,
      [clinicId, search.headers['x-request-id']],
    );
    expect(searched.rows).toEqual([expect.objectContaining({ action: 'fhir.searched', patient_id: ann.id })]);
    expect(searched.rows[0]!.actor_user_id).not.toBeNull();
  });
});
