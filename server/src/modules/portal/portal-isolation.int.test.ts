import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let patientB: TestPatient;
let frontDeskA: string;
let providerA: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicA = await makeClinic(db, { name: 'Clinic A' });
  const clinicB = await makeClinic(db, { name: 'Clinic B' });
  patientB = await makePatient(db, clinicB.id, { email: 'bella@example.test' });
  frontDeskA = await signInCookie(t.app, await makeUser(db, clinicA.id, 'front-desk'));
  providerA = await signInCookie(t.app, await makeUser(db, clinicA.id, 'provider'));
});
afterAll(async () => t.close());

describe('the portal never reaches another clinic’s patient', () => {
  it('sends no invitation to another clinic’s patient and lists none of theirs', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientB.id}/invitations`,
      headers: { cookie: frontDeskA },
      payload: {},
    });
    expect(invite.statusCode).toBe(404);
    expect(invite.json().error.code).toBe('PATIENT_NOT_FOUND');
    const { rows } = await t.database.db.query('SELECT 1 FROM portal_invitations WHERE patient_id = $1', [
      patientB.id,
    ]);
    expect(rows).toHaveLength(0);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientB.id}/invitations`,
      headers: { cookie: frontDeskA },
    });
    expect(list.statusCode).toBe(404);
  });

  it('shows none of another clinic’s intake questionnaires', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientB.id}/intakes`,
      headers: { cookie: providerA },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PATIENT_NOT_FOUND');
  });
});
