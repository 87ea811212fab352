import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import { clientBearer, registerTestClient } from '../../testing/fhir-clients';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { fhirProblem } from '../imports/fhir-validation';

/** Appointments, signed consents and intake questionnaires served as FHIR, searched with their parameters. */
let t: TestApp;
let clinicId: string;
let bearer: string;
let pat: TestPatient;
let other: TestPatient;
const ids: Record<string, string> = {};

type Bundle = { total?: number; entry: { resource: Record<string, unknown> & { id: string } }[] };
const search = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: bearer } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Bundle>();
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  clinicId = (await makeClinic(db)).id;
  const provider = await makeUser(db, clinicId, 'provider', { name: 'Dr Rivera' });
  const owner = await signInCookie(t.app, await makeUser(db, clinicId, 'owner'));
  pat = await makePatient(db, clinicId, { givenName: 'Cora' });
  other = await makePatient(db, clinicId, { givenName: 'Dale' });
  const appointment = async (patientId: string, start: string, status: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status,
           procedure_starts_at, room_free_at, cancel_reason)
         VALUES ($1, $2, $3, 'microneedling-face', $4, $4::timestamptz + interval '1 hour', $5, $4, $4::timestamptz + interval '1 hour', $6)
         RETURNING id`,
        [clinicId, patientId, provider.id, start, status, status === 'cancelled' ? 'unwell' : null],
      )
    ).rows[0]!.id;
  ids.booked = await appointment(pat.id, '2026-07-01T09:00:00Z', 'booked');
  ids.cancelled = await appointment(pat.id, '2026-06-01T09:00:00Z', 'cancelled');
  ids.done = await appointment(other.id, '2026-05-01T09:00:00Z', 'completed');
  const document = (
    await db.query<{ id: string }>(
      `INSERT INTO consent_documents (clinic_id, kind, version, title, body, body_sha256)
       VALUES ($1, 'photo-clinical', 1, 'Clinical photographs', 'text', 'abc') RETURNING id`,
      [clinicId],
    )
  ).rows[0]!.id;
  const sign = async (patientId: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO consent_signatures (clinic_id, patient_id, document_id, kind, document_version, document_sha256,
           typed_name, signature_png, signed_at, signed_by_user)
         VALUES ($1, $2, $3, 'photo-clinical', 1, 'abc', 'Cora Test', '\\x89', '2026-04-01T10:00:00Z', $4) RETURNING id`,
        [clinicId, patientId, document, provider.id],
      )
    ).rows[0]!.id;
  ids.consent = await sign(pat.id);
  ids.revoked = await sign(other.id);
  await db.query(
    `INSERT INTO consent_revocations (clinic_id, patient_id, signature_id, revoked_at, reason, revoked_by_user)
     VALUES ($1, $2, $3, '2026-04-05T10:00:00Z', 'changed my mind', $4)`,
    [clinicId, other.id, ids.revoked, provider.id],
  );
  ids.intake = (
    await db.query<{ id: string }>(
      `INSERT INTO intake_forms (clinic_id, patient_id, status, submitted, submitted_at)
       VALUES ($1, $2, 'submitted', $3, '2026-03-01T08:00:00Z') RETURNING id`,
      [
        clinicId,
        pat.id,
        JSON.stringify({
          kind: 'needlepoint.intake',
          version: 1,
          pregnancy: { pregnant: 'no', breastfeeding: 'no' },
          medications: [{ name: 'Warfarin', dose: '5 mg' }],
        }),
      ],
    )
  ).rows[0]!.id;
  await db.query(
    `INSERT INTO intake_forms (clinic_id, patient_id, status, draft) VALUES ($1, $2, 'draft', '{}')`,
    [clinicId, other.id],
  );
  const client = await registerTestClient(t.app, owner, ['system/*.rs']);
  bearer = await clientBearer(t.app, client, 'system/*.rs');
});
afterAll(async () => t.close());

describe('care records over FHIR', () => {
  it('serves appointments by patient, status and date', async () => {
    const mine = await search(`/fhir/R4/Appointment?patient=${pat.id}`);
    expect(mine.entry.map((e) => e.resource.id).sort()).toEqual([ids.booked, ids.cancelled].sort());
    const cancelled = await search('/fhir/R4/Appointment?status=cancelled');
    expect(cancelled.entry.map((e) => e.resource.id)).toEqual([ids.cancelled]);
    expect(cancelled.entry[0]!.resource.cancelationReason).toEqual({ text: 'unwell' });
    const fulfilled = await search('/fhir/R4/Appointment?status=fulfilled&date=2026-05');
    expect(fulfilled.entry.map((e) => e.resource.id)).toEqual([ids.done]);
    const july = await search('/fhir/R4/Appointment?date=ge2026-06-15');
    expect(july.entry.map((e) => e.resource.id)).toEqual([ids.booked]);
    expect(july.entry[0]!.resource.participant).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: { display: 'Dr Rivera' } })]),
    );
  });

  it('serves signed consents, inactive once revoked', async () => {
    const active = await search('/fhir/R4/Consent?status=active');
    expect(active.entry.map((e) => e.resource.id)).toEqual([ids.consent]);
    const inactive = await search(`/fhir/R4/Consent?patient=${other.id}`);
    expect(inactive.entry[0]!.resource).toMatchObject({
      status: 'inactive',
      provision: { period: { end: '2026-04-05T10:00:00.000Z' } },
    });
    expect((await search('/fhir/R4/Consent?date=lt2026-04-01')).entry).toHaveLength(0);
  });

  it('serves submitted intake questionnaires only', async () => {
    const all = await search('/fhir/R4/QuestionnaireResponse');
    expect(all.entry.map((e) => e.resource.id)).toEqual([ids.intake]);
    const qr = all.entry[0]!.resource;
    expect(qr).toMatchObject({ status: 'completed', authored: '2026-03-01T08:00:00.000Z' });
    expect(JSON.stringify(qr.item)).toContain('Warfarin');
    expect((await search('/fhir/R4/QuestionnaireResponse?status=in-progress')).entry).toHaveLength(0);
  });

  it('every one of them validates, read one by one and in $everything', async () => {
    const everything = await search(`/fhir/R4/Patient/${pat.id}/$everything`);
    const types = everything.entry.map((e) => e.resource.resourceType);
    expect(types).toEqual(
      expect.arrayContaining(['Patient', 'Appointment', 'Consent', 'QuestionnaireResponse']),
    );
    for (const { resource } of everything.entry) expect(fhirProblem(resource)).toBeNull();
    for (const [type, id] of [
      ['Appointment', ids.done],
      ['Consent', ids.revoked],
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/fhir/R4/${type}/${id}`,
        headers: { authorization: bearer },
      });
      expect(response.statusCode).toBe(200);
      expect(fhirProblem(response.json())).toBeNull();
    }
  });
});
