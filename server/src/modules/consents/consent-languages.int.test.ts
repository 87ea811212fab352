import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConsentDocuments } from '@needlepoint/core/consents/default-documents';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { makePng } from '../../testing/images';
import { pdfShows } from '../../testing/pdf';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let clinicId: string;
let owner: string;
let provider: string;
let patientId: string;
let portal: string;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const signature = `data:image/png;base64,${makePng(120, 40).toString('base64')}`;
const english = defaultConsentDocuments.find((d) => d.kind === 'treatment-mechanical')!;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  clinicId = (await makeClinic(db, { name: 'Clínica Aguja' })).id;
  owner = await signInCookie(t.app, await makeUser(db, clinicId, 'owner'));
  provider = await signInCookie(t.app, await makeUser(db, clinicId, 'provider'));
  patientId = (await makePatient(db, clinicId, { givenName: 'Lucía', familyName: 'Gómez' })).id;
  portal = await signInCookie(t.app, await makeUser(db, clinicId, 'patient', { patientId }));
});
afterAll(async () => t.close());

const as = (cookie: string) => (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

interface Document {
  id: string;
  version: number;
  title: string;
  spanish: { title: string; body: string; bodySha256: string } | null;
}
interface Status {
  kind: string;
  state: string;
  document: Document;
  latestSignature: { id: string; language: string; documentTitle: string; documentVersion: number } | null;
}
const mechanical = async (): Promise<Status> =>
  (await as(portal)('GET', '/api/portal/consents'))
    .json()
    .consents.find((c: Status) => c.kind === 'treatment-mechanical');
const stored = async () =>
  (
    await t.database.db.query<{ language: string; document_sha256: string; document_version: number }>(
      `SELECT language, document_sha256, document_version FROM consent_signatures
        WHERE clinic_id = $1 AND patient_id = $2 AND kind = 'treatment-mechanical' ORDER BY signed_at`,
      [clinicId, patientId],
    )
  ).rows;

describe('consent documents in English and Spanish', () => {
  it('gives every default version 1 a Spanish text with its own SHA-256', async () => {
    const { document } = await mechanical();
    expect(document.version).toBe(1);
    expect(document.spanish).toEqual({
      title: english.spanish.title,
      body: english.spanish.body,
      bodySha256: sha256(english.spanish.body),
    });
  });

  it('stores a signature in Spanish with its language and the hash of the Spanish text signed', async () => {
    const { document } = await mechanical();
    const response = await as(portal)('POST', `/api/portal/consents/${document.id}/sign`, {
      language: 'es',
      typedName: 'Lucía Gómez',
      signature,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().latestSignature).toMatchObject({
      language: 'es',
      documentTitle: english.spanish.title,
      documentSha256: sha256(english.spanish.body),
    });
    expect(await stored()).toEqual([
      { language: 'es', document_sha256: sha256(english.spanish.body), document_version: 1 },
    ]);
    const audit = await t.database.db.query<{ details: { language: string } }>(
      "SELECT details FROM audit_events WHERE action = 'consent.signed' AND patient_id = $1",
      [patientId],
    );
    expect(audit.rows.map((r) => r.details.language)).toEqual(['es']);
  });

  it('shows staff the language signed and prints the Spanish text in the PDF, saying the language', async () => {
    const staff = (await as(provider)('GET', `/api/patients/${patientId}/consents`)).json();
    expect(staff.signatures).toMatchObject([{ language: 'es', documentTitle: english.spanish.title }]);
    const pdf = await as(provider)(
      'GET',
      `/api/patients/${patientId}/consent-signatures/${staff.signatures[0].id}/pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toMatch(/filename="consent-treatment-mechanical-v1-es-/);
    expect(pdfShows(pdf.rawPayload, 'Language signed: Spanish (español)')).toBe(true);
    expect(pdfShows(pdf.rawPayload, 'Qué resultados esperar')).toBe(true);
    expect(pdfShows(pdf.rawPayload, 'What results to expect')).toBe(false);
  });

  it('keeps the signed Spanish version when the owner publishes an English-only version 2', async () => {
    const published = await as(owner)('POST', '/api/consent-documents', {
      kind: 'treatment-mechanical',
      title: 'Consent to microneedling treatment',
      body: `${english.body}\n\n## One more thing\nWe now also record the needle cartridge's lot number.`,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 2, spanish: null });

    const now = await mechanical();
    expect(now.state).toBe('needs-re-consent');
    expect(now.latestSignature).toMatchObject({ documentVersion: 1, language: 'es' });
    expect(await stored()).toEqual([
      { language: 'es', document_sha256: sha256(english.spanish.body), document_version: 1 },
    ]);

    // Version 2 has no Spanish text: it can be signed only as the English the patient was shown.
    const inSpanish = await as(portal)('POST', `/api/portal/consents/${now.document.id}/sign`, {
      language: 'es',
      typedName: 'Lucía Gómez',
      signature,
    });
    expect(inSpanish.statusCode).toBe(422);
    expect(inSpanish.json().error.code).toBe('CONSENT_LANGUAGE_NOT_AVAILABLE');
    expect(inSpanish.json().error.fields).toEqual([
      { path: 'body.language', message: expect.stringMatching(/no Spanish text/) },
    ]);
    const inEnglish = await as(portal)('POST', `/api/portal/consents/${now.document.id}/sign`, {
      language: 'en',
      typedName: 'Lucía Gómez',
      signature,
    });
    expect(inEnglish.statusCode).toBe(201);
    expect((await stored()).map((s) => [s.document_version, s.language])).toEqual([
      [1, 'es'],
      [2, 'en'],
    ]);
  });

  it('publishes a version with a Spanish text, and refuses half of one', async () => {
    const spanish = {
      title: 'Consentimiento nuevo',
      body: 'Texto completo del consentimiento, versión tres.',
    };
    const published = await as(owner)('POST', '/api/consent-documents', {
      kind: 'treatment-mechanical',
      title: 'New consent',
      body: 'The full text of the consent, version three.',
      spanish,
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      version: 3,
      spanish: { ...spanish, bodySha256: sha256(spanish.body) },
    });
    const half = await as(owner)('POST', '/api/consent-documents', {
      kind: 'treatment-mechanical',
      title: 'New consent',
      body: 'The full text of the consent, version four.',
      spanish: { title: 'Solo el título' },
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.spanish.body']);
    await expect(
      t.database.db.query(
        `INSERT INTO consent_documents (clinic_id, kind, version, title, body, body_sha256, title_es)
         VALUES ($1, 'treatment-rf', 9, 't', 'b', 'h', 'solo título')`,
        [clinicId],
      ),
    ).rejects.toThrow(/consent_documents_spanish_whole/);
  });
});
