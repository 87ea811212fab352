import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../testing/factories';
import { signInCookie } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp;
let patientA: TestPatient;
let patientB: TestPatient;
let providerA: { cookie: string; id: string };
let providerB: { cookie: string; id: string };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicA = await makeClinic(db, { name: 'Clinic A' });
  const clinicB = await makeClinic(db, { name: 'Clinic B' });
  patientA = await makePatient(db, clinicA.id, { givenName: 'Anna' });
  patientB = await makePatient(db, clinicB.id, { givenName: 'Bella' });
  const a = await makeUser(db, clinicA.id, 'provider');
  const b = await makeUser(db, clinicB.id, 'provider');
  providerA = { cookie: await signInCookie(t.app, a), id: a.id };
  providerB = { cookie: await signInCookie(t.app, b), id: b.id };
});
afterAll(async () => t.close());

describe('requests that arrive together share their session read and their record read with its audit events', () => {
  it('gives every request its own session and records every read once, under its own request', async () => {
    // 40 requests at once, interleaving two clinics' providers: each reads its own patient, then the other's.
    const asks = Array.from({ length: 40 }, (_, i) => {
      const [who, patient] = i % 2 === 0 ? [providerA, patientA] : [providerB, patientB];
      const other = i % 4 < 2 ? patient : patient === patientA ? patientB : patientA;
      return { who, patient: other, own: other === patient };
    });
    const answers = await Promise.all(
      asks.map((ask) =>
        t.app.inject({ url: `/api/patients/${ask.patient.id}`, headers: { cookie: ask.who.cookie } }),
      ),
    );
    answers.forEach((answer, i) => {
      const ask = asks[i]!;
      // Never another user's session: a provider reads only their own clinic's patient.
      expect(answer.statusCode).toBe(ask.own ? 200 : 404);
      if (ask.own) expect(answer.json().id).toBe(ask.patient.id);
    });

    const { rows } = await t.database.db.query<{
      request_id: string;
      actor_user_id: string;
      patient_id: string;
    }>("SELECT request_id, actor_user_id, patient_id FROM audit_events WHERE action = 'patient.viewed'");
    const byRequest = new Map(rows.map((row) => [row.request_id, row]));
    expect(rows).toHaveLength(asks.filter((ask) => ask.own).length);
    answers.forEach((answer, i) => {
      const ask = asks[i]!;
      const event = byRequest.get(String(answer.headers['x-request-id']));
      if (!ask.own) return expect(event).toBeUndefined();
      expect(event).toMatchObject({ actor_user_id: ask.who.id, patient_id: ask.patient.id });
    });
  });
});
