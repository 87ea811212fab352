import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic, makePatient, makeUser } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { bookedSession, caller, setUpChartingClinic, type ChartingClinic } from '../../testing/treatment';

const clock = fixedClock(new Date('2026-12-02T08:00:00Z'));
let t: TestApp;
let c: ChartingClinic;
let call: ReturnType<typeof caller>;
let recordId: string;
let patientId: string;
let appointmentId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  call = caller(t.app);
  c = await setUpChartingClinic(t.app, t.database.db, (await makeClinic(t.database.db)).id, clock.now());
  const product = (
    await call(c.owner, 'POST', '/api/inventory/products', {
      name: 'Cartridge 12',
      kind: 'cartridge',
      lowStockThreshold: 5,
    })
  ).json();
  const lot = (
    await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'AE-LOT',
      expiry: '2027-01-15',
      quantity: 5,
    })
  ).json();
  const s = await bookedSession(t.app, t.database.db, c, '2026-12-03T09:00:00Z');
  patientId = s.patientId;
  appointmentId = s.appointmentId;
  await t.database.db.query('UPDATE patients SET fitzpatrick = 5 WHERE id = $1', [patientId]);
  const record = (
    await call(c.provider, 'POST', `/api/appointments/${s.appointmentId}/treatment-record`)
  ).json();
  recordId = record.id;
  const saved = await call(c.provider, 'PUT', `/api/treatment-records/${recordId}`, {
    expectedVersion: 1,
    draft: {
      checklist: { photosTaken: true, skinClean: true, preparationFollowed: true },
      deviceId: c.deviceId,
      handpieceSerial: 'HP-1',
      consumables: [{ lotId: lot.id, productName: 'x', lot: 'x', expiry: '2099-01-01' }],
      zones: [{ zone: 'cheeks', depthMm: 1.5 }],
      pain: 2,
      aftercareGiven: true,
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect(
    (await call(c.provider, 'POST', `/api/treatment-records/${recordId}/sign`, { expectedVersion: 2 }))
      .statusCode,
  ).toBe(200);
});
afterAll(async () => t.close());

describe('adverse events', () => {
  it('opens one on a treated patient with the record’s device and lots, follows it up, and exports MedWatch 3500 fields', async () => {
    const opened = await call(c.provider, 'POST', '/api/adverse-events', {
      patientId,
      treatmentRecordId: recordId,
      type: 'pih',
      description: 'Dark patches on both cheeks',
      onsetOn: '2026-12-20',
      seriousness: ['required-intervention'],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const event = opened.json();
    expect(event).toMatchObject({
      type: 'pih',
      serious: true,
      deviceId: c.deviceId,
      deviceName: 'Pen A',
      lots: ['AE-LOT'],
      version: 1,
    });

    const followed = await call(c.provider, 'PATCH', `/api/adverse-events/${event.id}`, {
      expectedVersion: 1,
      outcome: 'recovering',
      followUp: 'Fading with hydroquinone',
    });
    expect(followed.json()).toMatchObject({
      outcome: 'recovering',
      version: 2,
      followUps: [{ note: 'Fading with hydroquinone' }],
    });
    const stale = await call(c.provider, 'PATCH', `/api/adverse-events/${event.id}`, {
      expectedVersion: 1,
      outcome: 'recovered',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('ADVERSE_EVENT_CONFLICT');

    const form = (await call(c.owner, 'GET', `/api/adverse-events/${event.id}/medwatch`)).json().form;
    expect(form).toMatchObject({
      'B.2 Serious': 'yes',
      'B.3 Date of event': '2026-12-20',
      'B.7 Other relevant history': 'Fitzpatrick skin type V',
      'D.1 Brand name (device)': 'Pen A',
      'D.4 Lot #': 'AE-LOT',
      'D.4 Serial #': 'PEN-001; handpiece HP-1',
    });
    const csv = await call(c.owner, 'GET', '/api/adverse-events/medwatch.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toContain('B.5 Describe event or problem');
    expect(csv.body).toContain('Post-inflammatory hyperpigmentation: Dark patches on both cheeks');
  });

  it('refuses an untreated patient and another patient’s record', async () => {
    const untreated = await makePatient(t.database.db, c.clinicId);
    const refused = await call(c.provider, 'POST', '/api/adverse-events', {
      patientId: untreated.id,
      type: 'burn',
      onsetOn: '2026-12-04',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'ADVERSE_EVENT_PATIENT_NOT_TREATED',
      fields: [{ path: 'body.patientId' }],
    });
    const mismatched = await call(c.provider, 'POST', '/api/adverse-events', {
      patientId: untreated.id,
      treatmentRecordId: recordId,
      type: 'burn',
      onsetOn: '2026-12-04',
    });
    expect(mismatched.statusCode).toBe(404);
    expect(mismatched.json().error).toMatchObject({
      code: 'TREATMENT_RECORD_NOT_FOUND',
      fields: [{ path: 'body.treatmentRecordId' }],
    });
    expect((await call(c.frontDesk, 'GET', '/api/adverse-events')).statusCode).toBe(403);
  });

  it('reports events per 100 signed sessions by type, device, lot, provider and Fitzpatrick type', async () => {
    const report = (await call(c.owner, 'GET', '/api/adverse-events/report')).json();
    expect(report).toMatchObject({ sessions: 1, events: 1, per100: 100 });
    expect(report.byType).toEqual([
      { key: 'pih', label: 'Post-inflammatory hyperpigmentation', events: 1, sessions: 1, per100: 100 },
    ]);
    expect(report.byDevice).toEqual([
      { key: c.deviceId, label: 'Pen A', events: 1, sessions: 1, per100: 100 },
    ]);
    expect(report.byLot).toEqual([{ key: 'AE-LOT', label: 'AE-LOT', events: 1, sessions: 1, per100: 100 }]);
    expect(report.byProvider).toEqual([
      { key: c.providerId, label: 'Dr Chart', events: 1, sessions: 1, per100: 100 },
    ]);
    expect(report.byFitzpatrick).toEqual([{ key: '5', label: '5', events: 1, sessions: 1, per100: 100 }]);
  });
});

describe('inventory', () => {
  it('lists expiring lots, low stock and devices due for service for the owner; only owners manage', async () => {
    const product = (
      await call(c.owner, 'POST', '/api/inventory/products', {
        name: 'Roller 1.5',
        kind: 'roller',
        lowStockThreshold: 3,
      })
    ).json();
    await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'R-9',
      expiry: '2026-12-20',
      quantity: 2,
    });
    const more = await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'R-9',
      expiry: '2026-12-20',
      quantity: 4,
    });
    expect(more.json().quantityOnHand).toBe(6);
    const clash = await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'R-9',
      expiry: '2027-12-20',
      quantity: 1,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('INVENTORY_LOT_EXPIRY_MISMATCH');
    expect(
      (
        await call(c.provider, 'POST', '/api/inventory/lots', {
          productId: product.id,
          lot: 'X',
          expiry: '2027-01-01',
          quantity: 1,
        })
      ).statusCode,
    ).toBe(403);
    const serviced = await call(c.owner, 'PATCH', `/api/inventory/devices/${c.deviceId}`, {
      model: 'Pen X1',
      lastServicedOn: '2026-06-01',
      nextServiceDueOn: '2026-12-15',
    });
    expect(serviced.json()).toMatchObject({ model: 'Pen X1', nextServiceDueOn: '2026-12-15' });

    const alerts = (await call(c.owner, 'GET', '/api/inventory/alerts?withinDays=30')).json();
    expect(alerts.expiring.map((l: { lot: string }) => l.lot)).toEqual(['R-9']);
    // 5 received, 1 used by the signed record: 4 left, at or below the threshold of 5.
    expect(
      alerts.lowStock.map((p: { name: string; quantityOnHand: number }) => [p.name, p.quantityOnHand]),
    ).toEqual([['Cartridge 12', 4]]);
    expect(alerts.serviceDue.map((d: { id: string }) => d.id)).toEqual([c.deviceId]);
  });
});

describe('from an aftercare check-in', () => {
  it('opens an event linked to the check-in and to the treatment record of its session', async () => {
    const patientUser = await makeUser(t.database.db, c.clinicId, 'patient', { patientId });
    const checkInId = (
      await t.database.db.query<{ id: string }>(
        `INSERT INTO aftercare_check_ins (clinic_id, patient_id, appointment_id, days_since_treatment, answers, urgency,
           urgency_rank, triage, rules_version, submitted_by, submitted_at)
         VALUES ($1, $2, $3, 3, '{}', 'soon', 2, '{}', 'test', $4, '2026-12-06T10:00:00Z') RETURNING id`,
        [c.clinicId, patientId, appointmentId, patientUser.id],
      )
    ).rows[0]!.id;
    const opened = await call(c.provider, 'POST', '/api/adverse-events', {
      patientId,
      checkInId,
      type: 'infection',
      onsetOn: '2026-12-06',
      description: 'Pustules on day 3',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({
      checkInId,
      treatmentRecordId: recordId,
      deviceId: c.deviceId,
      lots: ['AE-LOT'],
    });

    const other = await makePatient(t.database.db, c.clinicId);
    const mismatched = await call(c.provider, 'POST', '/api/adverse-events', {
      patientId: other.id,
      checkInId,
      type: 'infection',
      onsetOn: '2026-12-06',
    });
    expect(mismatched.statusCode).toBe(404);
    expect(mismatched.json().error).toMatchObject({
      code: 'AFTERCARE_CHECKIN_NOT_FOUND',
      fields: [{ path: 'body.checkInId' }],
    });
  });
});
