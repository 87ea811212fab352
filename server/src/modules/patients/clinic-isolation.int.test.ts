import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let patientA: TestPatient;
let patientB: TestPatient;
let providerA: string;
let ownerA: string;
let portalB: string;
let portalBPatientId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const clinicA = await makeClinic(db, { name: 'Clinic A' });
  const clinicB = await makeClinic(db, { name: 'Clinic B' });
  patientA = await makePatient(db, clinicA.id, { familyName: 'Shared', givenName: 'Anna' });
  patientB = await makePatient(db, clinicB.id, { familyName: 'Shared', givenName: 'Bella' });
  providerA = await signInCookie(t.app, await makeUser(db, clinicA.id, 'provider'));
  ownerA = await signInCookie(t.app, await makeUser(db, clinicA.id, 'owner'));
  await makeUser(db, clinicB.id, 'provider');
  const portalUser = await makeUser(db, clinicB.id, 'patient', { patientId: patientB.id });
  portalBPatientId = portalUser.patientId!;
  portalB = await signInCookie(t.app, portalUser);
});
afterAll(async () => t.close());

describe('one clinic never sees another clinic’s data', () => {
  it('finds only its own patients in a search', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/patients?q=shared',
      headers: { cookie: providerA },
    });
    const ids = response.json().patients.map((p: { id: string }) => p.id);
    expect(ids).toContain(patientA.id);
    expect(ids).not.toContain(patientB.id);
  });

  it('answers 404 for another clinic’s patient, as if it did not exist', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientB.id}`,
      headers: { cookie: providerA },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PATIENT_NOT_FOUND');
  });

  it('lists only its own staff and cannot edit another clinic’s user', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: ownerA } });
    const { rows } = await t.database.db.query<{ id: string; clinic_name: string }>(
      "SELECT u.id, c.name AS clinic_name FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE c.name = 'Clinic B' AND u.role = 'provider'",
    );
    const foreignId = rows[0]!.id;
    expect(list.json().users.map((u: { id: string }) => u.id)).not.toContain(foreignId);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${foreignId}`,
      headers: { cookie: ownerA },
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(404);
    const still = await t.database.db.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [
      foreignId,
    ]);
    expect(still.rows[0]!.active).toBe(true);
  });

  it('shows an owner only their own clinic’s audit events', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=500',
      headers: { cookie: ownerA },
    });
    const patientIds = new Set(response.json().events.map((e: { patientId: string | null }) => e.patientId));
    expect(patientIds.has(patientB.id)).toBe(false);
  });

  it('gives a portal patient their own record only', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: portalB } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(portalBPatientId);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patientA.id}`,
      headers: { cookie: portalB },
    });
    expect(other.statusCode).toBe(403);
  });
});
