import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinic, makePatient, makeUser, type TestPatient } from '../../testing/factories';
import { signInCookie } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { verifyAuditChain } from './audit.service';

let t: TestApp;
let clinicId: string;
let patient: TestPatient;
let provider: string;
let providerId: string;
let owner: string;

beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await makeClinic(t.database.db)).id;
  patient = await makePatient(t.database.db, clinicId);
  const providerUser = await makeUser(t.database.db, clinicId, 'provider');
  providerId = providerUser.id;
  provider = await signInCookie(t.app, providerUser);
  owner = await signInCookie(t.app, await makeUser(t.database.db, clinicId, 'owner'));
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('records who read which patient record, when and from where', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patient.id}`,
      headers: { cookie: provider },
      remoteAddress: '192.0.2.7',
    });
    expect(read.statusCode).toBe(200);
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/audit?patientId=${patient.id}&action=patient.viewed`,
      headers: { cookie: owner },
    });
    const [event] = log.json().events;
    expect(event).toMatchObject({
      action: 'patient.viewed',
      actorUserId: providerId,
      actorRole: 'provider',
      patientId: patient.id,
      ip: '192.0.2.7',
    });
    expect(event.requestId).toBe(read.headers['x-request-id']);
  });

  it('records searches, creations and failed sign-ins too', async () => {
    await t.app.inject({ method: 'GET', url: '/api/patients?q=test', headers: { cookie: provider } });
    await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: provider },
      payload: { givenName: 'New', familyName: 'Patient', birthDate: '1980-02-03', sex: 'female' },
    });
    const { rows } = await t.database.db.query<{ action: string }>(
      'SELECT DISTINCT action FROM audit_events WHERE clinic_id = $1',
      [clinicId],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['patient.searched', 'patient.created', 'auth.login']),
    );
  });

  it('pages newest first', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/audit?limit=2',
      headers: { cookie: owner },
    });
    const page = first.json();
    expect(page.events).toHaveLength(2);
    expect(page.events[0].seq).toBeGreaterThan(page.events[1].seq);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/audit?limit=2&beforeSeq=${page.nextBeforeSeq}`,
      headers: { cookie: owner },
    });
    expect(next.json().events[0].seq).toBeLessThan(page.events[1].seq);
  });

  it('refuses to update or delete an event: the app role may not, and the triggers stop even a superuser', async () => {
    const edit = "UPDATE audit_events SET action = 'x' WHERE clinic_id = $1";
    const remove = 'DELETE FROM audit_events WHERE clinic_id = $1';
    await expect(t.database.db.query(edit, [clinicId])).rejects.toThrow(/permission denied/);
    await expect(t.database.db.query(remove, [clinicId])).rejects.toThrow(/permission denied/);
    await expect(t.database.admin().query(edit, [clinicId])).rejects.toThrow(/append-only/);
    await expect(t.database.admin().query(remove, [clinicId])).rejects.toThrow(/append-only/);
  });

  it('verifies an intact chain, and detects a row edited behind the triggers’ back', async () => {
    const intact = await t.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: { cookie: owner },
    });
    expect(intact.json()).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect(intact.json().checked).toBeGreaterThan(3);
    // Someone with the server's superuser (the app's own role cannot switch a trigger off).
    await t.database.admin().transaction(async (client) => {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      await client.query("UPDATE audit_events SET ip = '203.0.113.1' WHERE clinic_id = $1 AND seq = 2", [
        clinicId,
      ]);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');
    });
    expect(await verifyAuditChain(t.database.db, clinicId)).toMatchObject({
      intact: false,
      firstBrokenSeq: 2,
    });
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    const other = (await makeClinic(t.database.db)).id;
    const cookie = await signInCookie(t.app, await makeUser(t.database.db, other, 'provider'));
    const p = await makePatient(t.database.db, other);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: { cookie } }),
      ),
    );
    expect(await verifyAuditChain(t.database.db, other)).toMatchObject({ intact: true, checked: 21 });
  });
});
