import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { makePng } from '../../testing/images';
import { pdfText } from '../../testing/pdf';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let owner: string;
let provider: string;
let patientId: string;
let portal: string;
let otherPatientId: string;
let otherPortal: string;
let foreignProvider: string;
let foreignPortal: string;

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
const signature = dataUrl(makePng(120, 40));

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  clinicId = (await makeClinic(db, { name: 'Needle & Co', timeZone: 'Europe/Berlin' })).id;
  owner = await signInCookie(t.app, await makeUser(db, clinicId, 'owner'));
  provider = await signInCookie(t.app, await makeUser(db, clinicId, 'provider'));
  const patient = await makePatient(db, clinicId, { givenName: 'Ada', familyName: 'Lovelace' });
  patientId = patient.id;
  portal = await signInCookie(t.app, await makeUser(db, clinicId, 'patient', { patientId }));
  otherPatientId = (await makePatient(db, clinicId)).id;
  otherPortal = await signInCookie(
    t.app,
    await makeUser(db, clinicId, 'patient', { patientId: otherPatientId }),
  );
  const foreign = (await makeClinic(db)).id;
  foreignProvider = await signInCookie(t.app, await makeUser(db, foreign, 'provider'));
  foreignPortal = await signInCookie(t.app, await makeUser(db, foreign, 'patient'));
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST';
const as =
  (cookie: string) =>
  (method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...headers },
      remoteAddress: '203.0.113.7',
      ...(payload ? { payload } : {}),
    });

interface Status {
  kind: string;
  state: string;
  document: { id: string; version: number; body: string; bodySha256: string };
  latestSignature: { id: string } | null;
}
const portalConsents = async (cookie = portal): Promise<Status[]> =>
  (await as(cookie)('GET', '/api/portal/consents')).json().consents;
const statusOf = async (kind: string, cookie = portal) =>
  (await portalConsents(cookie)).find((c) => c.kind === kind)!;
const sign = (documentId: string, body: object = { typedName: 'Ada Lovelace', signature }, cookie = portal) =>
  as(cookie)('POST', `/api/portal/consents/${documentId}/sign`, body, { 'user-agent': 'TestBrowser/1.0' });
const signatureCount = async () =>
  Number(
    (
      await t.database.db.query<{ n: string }>(
        'SELECT count(*) AS n FROM consent_signatures WHERE patient_id = $1',
        [patientId],
      )
    ).rows[0]!.n,
  );
const auditCount = async (action: string) =>
  (
    await t.database.db.query('SELECT 1 FROM audit_events WHERE action = $1 AND patient_id = $2', [
      action,
      patientId,
    ])
  ).rowCount;

describe('consent documents', () => {
  it('gives a clinic default version-1 documents of every kind on first listing, once', async () => {
    const [first, second] = await Promise.all([
      as(provider)('GET', '/api/consent-documents'),
      as(owner)('GET', '/api/consent-documents'),
    ]);
    expect(first.statusCode).toBe(200);
    expect(second.json().documents.length).toBe(6);
    const docs = first.json().documents as {
      kind: string;
      version: number;
      body: string;
      current: boolean;
    }[];
    expect(docs.map((d) => d.kind).sort()).toEqual([
      'adjunct-prp',
      'photo-clinical',
      'photo-marketing',
      'photo-teaching',
      'treatment-mechanical',
      'treatment-rf',
    ]);
    expect(docs.every((d) => d.version === 1 && d.current)).toBe(true);
    const mechanical = docs.find((d) => d.kind === 'treatment-mechanical')!.body;
    expect(mechanical).toMatch(/hyperpigmentation/i);
    expect(mechanical).toMatch(/numbing cream/i);
    const { rows } = await t.database.db.query('SELECT 1 FROM consent_documents WHERE clinic_id = $1', [
      clinicId,
    ]);
    expect(rows.length).toBe(6);
  });

  it('creates one set of defaults when a new clinic’s documents are first read concurrently', async () => {
    const fresh = (await makeClinic(t.database.db)).id;
    const cookie = await signInCookie(t.app, await makeUser(t.database.db, fresh, 'front-desk'));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => as(cookie)('GET', '/api/consent-documents')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const { rows } = await t.database.db.query('SELECT 1 FROM consent_documents WHERE clinic_id = $1', [
      fresh,
    ]);
    expect(rows.length).toBe(6);
  });

  it('shows the portal patient every current document with its full text, unsigned', async () => {
    const consents = await portalConsents();
    expect(consents.length).toBe(6);
    expect(consents.every((c) => c.state === 'not-signed' && c.document.body.length > 200)).toBe(true);
    expect(await auditCount('consent.viewed')).toBeGreaterThan(0);
  });

  it('lets only owners publish a new version', async () => {
    const body = { kind: 'photo-teaching', title: 'Teaching photos', body: 'x'.repeat(40) };
    expect((await as(provider)('POST', '/api/consent-documents', body)).statusCode).toBe(403);
    expect((await as(portal)('POST', '/api/consent-documents', body)).statusCode).toBe(403);
  });
});

describe('signing in the portal', () => {
  it('signs with typed name and drawn PNG, recording time, version, IP, browser and the text hash', async () => {
    const doc = (await statusOf('treatment-mechanical')).document;
    const response = await sign(doc.id);
    expect(response.statusCode).toBe(201);
    const status = response.json();
    expect(status).toMatchObject({
      kind: 'treatment-mechanical',
      state: 'signed',
      latestSignature: {
        typedName: 'Ada Lovelace',
        documentVersion: 1,
        documentSha256: doc.bodySha256,
        ip: '203.0.113.7',
        userAgent: 'TestBrowser/1.0',
        revocation: null,
      },
    });
    const { rows } = await t.database.db.query<{ signature_png: Buffer; ip: string; sha: string }>(
      `SELECT signature_png, ip, encode(sha256(convert_to(d.body, 'UTF8')), 'hex') AS sha
         FROM consent_signatures s JOIN consent_documents d ON d.id = s.document_id WHERE s.id = $1`,
      [status.latestSignature.id],
    );
    expect(rows[0]!.ip).toBe('203.0.113.7');
    expect(rows[0]!.sha).toBe(status.latestSignature.documentSha256);
    expect(rows[0]!.signature_png.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(await auditCount('consent.signed')).toBe(1);
    expect((await sign(doc.id)).json().error.code).toBe('CONSENT_ALREADY_SIGNED');
  });

  it('asks for re-consent when the owner publishes a new version, and is signed again after re-signing', async () => {
    const v1 = (await statusOf('treatment-mechanical')).document;
    const published = await as(owner)('POST', '/api/consent-documents', {
      kind: 'treatment-mechanical',
      title: 'Microneedling consent',
      body: `${v1.body}\n\n## New\n- We now also explain the after-care call on day 2.`,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, current: true });
    const status = await statusOf('treatment-mechanical');
    expect(status.state).toBe('needs-re-consent');
    expect(status.document.version).toBe(2);
    const old = await sign(v1.id);
    expect(old.statusCode).toBe(409);
    expect(old.json().error.code).toBe('CONSENT_DOCUMENT_SUPERSEDED');
    const again = await sign(status.document.id);
    expect(again.json()).toMatchObject({ state: 'signed', latestSignature: { documentVersion: 2 } });
    const docs = (await as(provider)('GET', '/api/consent-documents')).json().documents;
    expect(docs.filter((d: { kind: string }) => d.kind === 'treatment-mechanical').length).toBe(2);
  });

  it('revokes a photo consent and refuses to revoke a treatment consent', async () => {
    const photo = (await sign((await statusOf('photo-marketing')).document.id)).json();
    const revoked = await as(portal)(
      'POST',
      `/api/portal/consent-signatures/${photo.latestSignature.id}/revoke`,
      { reason: 'Changed my mind' },
    );
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ revocable: false, revocation: { reason: 'Changed my mind' } });
    expect((await statusOf('photo-marketing')).state).toBe('revoked');
    const twice = await as(portal)(
      'POST',
      `/api/portal/consent-signatures/${photo.latestSignature.id}/revoke`,
    );
    expect(twice.json().error.code).toBe('CONSENT_ALREADY_REVOKED');

    const clinical = (await sign((await statusOf('photo-clinical')).document.id)).json();
    const noBody = await as(portal)(
      'POST',
      `/api/portal/consent-signatures/${clinical.latestSignature.id}/revoke`,
    );
    expect(noBody.statusCode).toBe(200);

    const treatment = (await statusOf('treatment-mechanical')).latestSignature!;
    const refused = await as(portal)('POST', `/api/portal/consent-signatures/${treatment.id}/revoke`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONSENT_NOT_REVOCABLE');
    expect((await statusOf('treatment-mechanical')).state).toBe('signed');
    expect(await auditCount('consent.revoked')).toBe(2);
  });

  it('refuses a bad signature with the field named, and writes nothing', async () => {
    const doc = (await statusOf('treatment-rf')).document;
    const before = await signatureCount();
    const gif = `data:image/png;base64,${Buffer.from('GIF89a-not-a-png-at-all-but-long-enough-to-parse').toString('base64')}`;
    const cases: [object, string][] = [
      [{ typedName: 'Ada Lovelace', signature: gif }, 'body.signature'],
      [{ typedName: 'Ada Lovelace', signature: 'data:image/jpeg;base64,/9j/4AAQ' }, 'body.signature'],
      [{ typedName: 'Ada Lovelace', signature: dataUrl(makePng(400, 800, true)) }, 'body.signature'],
      [{ typedName: '   ', signature }, 'body.typedName'],
      [{ typedName: '', signature }, 'body.typedName'],
      [{ signature }, 'body.typedName'],
    ];
    for (const [body, path] of cases) {
      const response = await sign(doc.id, body);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(await signatureCount()).toBe(before);
    expect((await statusOf('treatment-rf')).state).toBe('not-signed');
  });
});

describe('isolation', () => {
  it('keeps one patient out of another patient’s consents', async () => {
    const mine = (await statusOf('treatment-mechanical')).latestSignature!.id;
    expect((await statusOf('treatment-mechanical', otherPortal)).state).toBe('not-signed');
    const revoke = await as(otherPortal)('POST', `/api/portal/consent-signatures/${mine}/revoke`, {});
    expect(revoke.statusCode).toBe(404);
    expect(revoke.json().error.code).toBe('CONSENT_SIGNATURE_NOT_FOUND');
    const pdf = await as(otherPortal)('GET', `/api/portal/consent-signatures/${mine}/pdf`);
    expect(pdf.statusCode).toBe(404);
    // Portal patients never reach the staff routes for any patient.
    expect((await as(otherPortal)('GET', `/api/patients/${patientId}/consents`)).statusCode).toBe(403);
  });

  it('refuses another clinic’s documents to a portal patient', async () => {
    const doc = (await statusOf('photo-teaching')).document;
    const response = await sign(doc.id, { typedName: 'Someone Else', signature }, foreignPortal);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('CONSENT_DOCUMENT_NOT_FOUND');
    const theirs = await portalConsents(foreignPortal);
    expect(theirs.map((c) => c.document.id)).not.toContain(doc.id);
  });

  it('answers 404 to staff of another clinic', async () => {
    const sigId = (await statusOf('treatment-mechanical')).latestSignature!.id;
    const list = await as(foreignProvider)('GET', `/api/patients/${patientId}/consents`);
    expect(list.statusCode).toBe(404);
    expect(list.json().error.code).toBe('PATIENT_NOT_FOUND');
    const pdf = await as(foreignProvider)(
      'GET',
      `/api/patients/${patientId}/consent-signatures/${sigId}/pdf`,
    );
    expect(pdf.statusCode).toBe(404);
  });
});

describe('staff view and evidence', () => {
  it('shows staff the states and the whole signature history with revocations', async () => {
    const response = await as(provider)('GET', `/api/patients/${patientId}/consents`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const state = (kind: string) => body.consents.find((c: { kind: string }) => c.kind === kind).state;
    expect(state('treatment-mechanical')).toBe('signed');
    expect(state('photo-marketing')).toBe('revoked');
    expect(state('treatment-rf')).toBe('not-signed');
    expect(body.signatures.length).toBe(4);
    const revoked = body.signatures.filter((s: { revocation: unknown }) => s.revocation);
    expect(revoked.length).toBe(2);
    expect(JSON.stringify(body)).not.toContain('signature_png');
  });

  it('keeps signatures, revocations and published texts immutable in the database', async () => {
    const db = t.database.db;
    await expect(
      db.query("UPDATE consent_signatures SET typed_name = 'Forged' WHERE patient_id = $1", [patientId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.query('DELETE FROM consent_signatures WHERE patient_id = $1', [patientId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.query("UPDATE consent_revocations SET reason = 'x' WHERE patient_id = $1", [patientId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.query("UPDATE consent_documents SET body = 'x' WHERE clinic_id = $1", [clinicId]),
    ).rejects.toThrow(/permission denied/);
  });

  it('prints a PDF of a signature for the patient and for staff', async () => {
    const sigId = (await statusOf('photo-marketing')).latestSignature!.id;
    for (const [cookie, url] of [
      [portal, `/api/portal/consent-signatures/${sigId}/pdf`],
      [provider, `/api/patients/${patientId}/consent-signatures/${sigId}/pdf`],
    ] as const) {
      const response = await as(cookie)('GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /attachment; filename="consent-photo-marketing-v1-/,
      );
      const bytes = response.rawPayload;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
      expect(pdf.getTitle()).toMatch(/marketing.*version 1/i);
      // Page content is deflated and standard-font text written as hex strings.
      const text = pdfText(bytes);
      const shown = (s: string) => text.includes(Buffer.from(s, 'latin1').toString('hex').toUpperCase());
      expect(shown('Needle & Co')).toBe(true);
      expect(shown('(Europe/Berlin)')).toBe(true);
      expect(shown('Typed name: Ada Lovelace')).toBe(true);
      expect(shown('Withdrawn at:')).toBe(true);
      expect(shown('203.0.113.7')).toBe(true);
      expect(text).toMatch(/\/Subtype \/Image/); // the drawn signature
    }
    const longText = (await statusOf('treatment-mechanical')).latestSignature!.id;
    const long = await as(portal)('GET', `/api/portal/consent-signatures/${longText}/pdf`);
    expect((await PDFDocument.load(long.rawPayload)).getPageCount()).toBeGreaterThan(1);
    expect(await auditCount('consent.pdf-downloaded')).toBe(3);
  });
});
