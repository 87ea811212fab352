import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { answeredNo, makeClinic } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { bookedSession, caller, setUpChartingClinic, type ChartingClinic } from '../../testing/treatment';
import { sealAuditTrail } from '../../testing/audit';

// Sessions are booked for tomorrow morning; the record is charted "now" (the clinic day before is fine for tests).
const clock = fixedClock(new Date('2026-12-02T08:00:00Z'));
let t: TestApp;
let c: ChartingClinic;
let call: ReturnType<typeof caller>;
let lotId: string;
let expiredLotId: string;

const complete = (deviceId: string, lot: string) => ({
  checklist: {
    photosTaken: true,
    skinClean: true,
    preparationFollowed: true,
    preparationNote: 'Retinoid held 5 days',
  },
  numbing: {
    product: 'lidocaine-prilocaine-2.5-2.5',
    concentration: '2.5%/2.5%',
    amountG: 10,
    areaCm2: 200,
    appliedAt: '2026-12-03T09:00:00Z',
    removedAt: '2026-12-03T09:45:00Z',
  },
  deviceId,
  handpieceSerial: 'HP-77',
  consumables: [{ lotId: lot, productName: 'x', lot: 'x', expiry: '2099-01-01' }],
  zones: [
    {
      zone: 'cheeks',
      depthMm: 1.5,
      passes: 3,
      speed: 'high',
      technique: 'crosshatch',
      endpoint: 'pinpoint-bleeding',
    },
  ],
  topicals: [{ role: 'glide', productId: 'sterile-saline-0.9', productName: 'Saline', lot: 'SAL-1' }],
  immediateReaction: 'Uniform erythema',
  pain: 4,
  aftercareGiven: true,
});

beforeAll(async () => {
  t = await createTestApp({ clock });
  call = caller(t.app);
  const clinicId = (await makeClinic(t.database.db, { name: 'Charting Clinic' })).id;
  c = await setUpChartingClinic(t.app, t.database.db, clinicId, clock.now());
  const product = (
    await call(c.owner, 'POST', '/api/inventory/products', {
      name: 'Cartridge 36-pin',
      kind: 'cartridge',
      gtin: '04006381333931',
      needleCount: 36,
      lowStockThreshold: 2,
    })
  ).json();
  lotId = (
    await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'CART-2412',
      expiry: '2027-06-30',
      quantity: 10,
    })
  ).json().id;
  expiredLotId = (
    await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'OLD-1',
      expiry: '2026-11-30',
      quantity: 3,
    })
  ).json().id;
});
afterAll(async () => t.close());

async function openSession(start = '2026-12-03T09:00:00Z', options = {}) {
  const s = await bookedSession(t.app, t.database.db, c, start, options);
  const opened = await call(c.provider, 'POST', `/api/appointments/${s.appointmentId}/treatment-record`);
  expect(opened.statusCode, opened.body).toBe(200);
  return { ...s, record: opened.json() };
}

describe('opening a record from a booked session', () => {
  it('opens once per appointment, pre-filled from the plan, with the screening re-run and the consent checked', async () => {
    const { appointmentId, record } = await openSession();
    expect(record).toMatchObject({
      appointmentId,
      status: 'draft',
      version: 1,
      modality: 'mechanical',
      screening: { cleared: true, verdict: expect.any(String) },
      consent: { kind: 'treatment-mechanical', onFile: true, signedVersion: 1, currentVersion: 1 },
      startBlockedReason: null,
      draft: { deviceId: c.deviceId },
    });
    expect(record.draft.zones.map((z: { zone: string }) => z.zone)).toContain('cheeks');
    expect(record.draft.zones.find((z: { zone: string }) => z.zone === 'cheeks').depthMm).toBe(1.5);
    const again = await call(c.provider, 'POST', `/api/appointments/${appointmentId}/treatment-record`);
    expect(again.json().id).toBe(record.id);
    const screenings = await t.database.db.query(
      "SELECT trigger FROM screenings WHERE appointment_id = $1 AND trigger = 'pre-session'",
      [appointmentId],
    );
    expect(screenings.rowCount).toBe(1);
  });

  it('refuses to chart a cancelled appointment', async () => {
    const s = await bookedSession(t.app, t.database.db, c, '2026-12-04T09:00:00Z');
    await call(c.frontDesk, 'POST', `/api/bookings/${s.appointmentId}/cancel`, { reason: 'ill' });
    const opened = await call(c.provider, 'POST', `/api/appointments/${s.appointmentId}/treatment-record`);
    expect(opened.statusCode).toBe(409);
    expect(opened.json().error.code).toBe('TREATMENT_APPOINTMENT_NOT_CHARTABLE');
  });

  it('blocks starting on a non-cleared screening until a provider overrides with a reason', async () => {
    // Booked while clear; the patient reports a pregnancy afterwards, so the re-run in the room is not cleared.
    const s = await bookedSession(t.app, t.database.db, c, '2026-12-04T11:00:00Z');
    const changed = await call(c.provider, 'PATCH', `/api/patients/${s.patientId}`, {
      expectedVersion: 2,
      answers: { ...answeredNo, pregnant: { value: 'yes' } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const record = (
      await call(c.provider, 'POST', `/api/appointments/${s.appointmentId}/treatment-record`)
    ).json();
    expect(record.screening.cleared).toBe(false);
    expect(record.startBlockedReason).toMatch(/not cleared/);
    const draft = complete(c.deviceId, lotId);
    const refused = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('TREATMENT_SCREENING_NOT_CLEARED');
    const frontDeskOverride = await call(
      c.frontDesk,
      'POST',
      `/api/treatment-records/${record.id}/screening-override`,
      {
        reason: 'x',
      },
    );
    expect(frontDeskOverride.statusCode).toBe(403);
    const override = await call(
      c.provider,
      'POST',
      `/api/treatment-records/${record.id}/screening-override`,
      {
        reason: 'Prescriber clearance on file',
      },
    );
    expect(override.statusCode).toBe(200);
    expect(override.json()).toMatchObject({
      startBlockedReason: null,
      screening: { override: { reason: 'Prescriber clearance on file' } },
    });
    const saved = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft,
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
});

describe('saving the draft', () => {
  it('refuses an expired lot, saves nothing, and names the field', async () => {
    const { record } = await openSession('2026-12-05T09:00:00Z');
    const response = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: complete(c.deviceId, expiredLotId),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'TREATMENT_LOT_EXPIRED',
      fields: [{ path: 'body.draft.consumables.0.expiry' }],
    });
    const typed = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: {
        ...complete(c.deviceId, lotId),
        consumables: [{ productName: 'Roller', lot: 'R-1', expiry: '2026-12-01' }],
      },
    });
    expect(typed.json().error.code).toBe('TREATMENT_LOT_EXPIRED');
    expect((await call(c.provider, 'GET', `/api/treatment-records/${record.id}`)).json().version).toBe(1);
  });

  it('blocks a product that is not on the sterile allow-list and accepts a clinic product flagged sterile', async () => {
    const { record } = await openSession('2026-12-05T11:00:00Z');
    const serum = {
      role: 'adjunct',
      productId: 'vitamin-c-serum',
      productName: 'Vitamin C serum',
      lot: 'VC-1',
    };
    const refused = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: { ...complete(c.deviceId, lotId), topicals: [serum] },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'TREATMENT_PRODUCT_NOT_ALLOWED',
      fields: [{ path: 'body.draft.topicals.0.productId' }],
    });
    const sterile = (
      await call(c.owner, 'POST', '/api/inventory/products', {
        name: 'Sterile HA',
        kind: 'adjunct',
        sterileForNeedling: true,
      })
    ).json();
    const allowed = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: {
        ...complete(c.deviceId, lotId),
        topicals: [{ role: 'adjunct', productId: sterile.id, lot: 'HA-9' }],
      },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('needs an explicit confirmation for a depth outside the plan range', async () => {
    const { record } = await openSession('2026-12-06T09:00:00Z');
    const deep = complete(c.deviceId, lotId);
    deep.zones = [{ ...deep.zones[0]!, depthMm: 2.5 }];
    const refused = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: deep,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'TREATMENT_DEPTH_UNCONFIRMED',
      fields: [{ path: 'body.draft.zones.0.depthConfirmed' }],
    });
    const confirmed = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: { ...deep, zones: [{ ...deep.zones[0], depthConfirmed: true }] },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().draft.zones[0]).toMatchObject({ depthMm: 2.5, depthConfirmed: true });
  });

  it('refuses the second tablet’s stale save with a conflict carrying the current version and draft', async () => {
    const { record } = await openSession('2026-12-06T11:00:00Z');
    const first = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: { ...record.draft, immediateReaction: 'tablet A' },
    });
    expect(first.json().version).toBe(2);
    const second = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: { ...record.draft, immediateReaction: 'tablet B' },
    });
    expect(second.statusCode).toBe(409);
    const body = second.json();
    expect(body.error.code).toBe('TREATMENT_RECORD_CONFLICT');
    expect(body.error.details).toMatchObject({
      currentVersion: 2,
      yourVersion: 1,
      current: { draft: { immediateReaction: 'tablet A' } },
    });
    const stored = await t.database.db.query<{ draft: { immediateReaction: string } }>(
      'SELECT draft FROM treatment_records WHERE id = $1',
      [record.id],
    );
    expect(stored.rows[0]!.draft.immediateReaction).toBe('tablet A');
  });

  it('warns (does not block) when numbing exceeds a labelled or clinic limit, naming the source', async () => {
    const { record } = await openSession('2026-12-07T09:00:00Z');
    const draft = complete(c.deviceId, lotId);
    draft.numbing = { ...draft.numbing, areaCm2: 700 };
    const saved = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().numbingWarnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'NUMB-EMLA-MAX-AREA', sources: ['S71'] }),
        expect.objectContaining({ ruleId: 'NUMB-CLINIC-MAX-AREA' }),
      ]),
    );
  });
});

describe('sign-off, lock, addenda, stock and lot lookup', () => {
  it('signs (taking the lot out of stock), locks the record in the database, and takes addenda', async () => {
    const { record, patientId } = await openSession('2026-12-07T11:00:00Z');
    const before = (await call(c.owner, 'GET', `/api/inventory/lots?lot=CART-2412`)).json().lots[0]
      .quantityOnHand;
    const notReady = await call(c.provider, 'POST', `/api/treatment-records/${record.id}/sign`, {
      expectedVersion: 1,
    });
    expect(notReady.statusCode).toBe(422);
    expect(notReady.json().error.code).toBe('TREATMENT_NOT_READY_TO_SIGN');
    const saved = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 1,
      draft: complete(c.deviceId, lotId),
    });
    expect(saved.json().signOffIssues).toEqual([]);
    const ownerSign = await call(c.owner, 'POST', `/api/treatment-records/${record.id}/sign`, {
      expectedVersion: 2,
    });
    expect(ownerSign.statusCode).toBe(403);
    const signed = await call(c.provider, 'POST', `/api/treatment-records/${record.id}/sign`, {
      expectedVersion: 2,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedByName: 'Dr Chart', version: 3 });
    const after = (await call(c.owner, 'GET', `/api/inventory/lots?lot=CART-2412`)).json().lots[0]
      .quantityOnHand;
    expect(after).toBe(before - 1);
    const movement = await t.database.db.query(
      'SELECT change, reason FROM inventory_movements WHERE record_id = $1',
      [record.id],
    );
    expect(movement.rows).toEqual([{ change: -1, reason: 'used' }]);

    const edit = await call(c.provider, 'PUT', `/api/treatment-records/${record.id}`, {
      expectedVersion: 3,
      draft: complete(c.deviceId, lotId),
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('TREATMENT_RECORD_SIGNED');
    const again = await call(c.provider, 'POST', `/api/treatment-records/${record.id}/sign`, {
      expectedVersion: 3,
    });
    expect(again.json().error.code).toBe('TREATMENT_RECORD_SIGNED');

    // The database itself refuses, whoever asks.
    await expect(
      t.database.db.query(
        `UPDATE treatment_records SET draft = jsonb_set(draft, '{pain}', '9') WHERE id = $1`,
        [record.id],
      ),
    ).rejects.toThrow(/signed/);
    await expect(
      t.database.db.query(
        `UPDATE treatment_records SET status = 'draft', signed_at = NULL, signed_by = NULL WHERE id = $1`,
        [record.id],
      ),
    ).rejects.toThrow(/signed/);
    await expect(
      t.database.db.query('DELETE FROM treatment_records WHERE id = $1', [record.id]),
    ).rejects.toThrow(/signed/);
    await expect(
      t.database.db.query('DELETE FROM treatment_record_lots WHERE record_id = $1', [record.id]),
    ).rejects.toThrow(/signed/);

    const addendum = await call(c.provider, 'POST', `/api/treatment-records/${record.id}/addenda`, {
      text: 'Patient called: redness settled by day 2.',
    });
    expect(addendum.statusCode).toBe(201);
    expect(addendum.json().addenda).toEqual([
      expect.objectContaining({
        text: 'Patient called: redness settled by day 2.',
        signedByName: 'Dr Chart',
        signedAt: expect.any(String),
      }),
    ]);
    expect(addendum.json().draft.pain).toBe(4);
    await expect(
      t.database.db.query("UPDATE treatment_record_addenda SET text = 'x' WHERE record_id = $1", [record.id]),
    ).rejects.toThrow(/permission denied/);

    const pdf = await call(c.provider, 'GET', `/api/treatment-records/${record.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Lot lookup for a recall: the patient, with contact details, as JSON and CSV; audited.
    const lookup = await call(c.owner, 'GET', '/api/recalls/lots?lot=cart-2412');
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().patients).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          patientId,
          recordId: record.id,
          recordStatus: 'signed',
          lot: 'CART-2412',
          phone: '+1 555 0100',
        }),
      ]),
    );
    const csv = await call(c.owner, 'GET', '/api/recalls/lots.csv?lot=CART-2412');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      'patient,birth_date,email,phone,treated_at,product,gtin,lot,expiry,provider,record_status,record_id',
    );
    expect(csv.body).toContain(record.id);
    await sealAuditTrail(t.database.db);
    const audit = await t.database.db.query(
      "SELECT action FROM audit_events WHERE action LIKE 'inventory.lot-lookup%' ORDER BY seq",
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'inventory.lot-lookup',
      'inventory.lot-lookup-exported',
    ]);
    const adjunctLot = await call(c.provider, 'GET', '/api/recalls/lots?lot=SAL-1');
    expect(adjunctLot.json().patients.map((p: { recordId: string }) => p.recordId)).toContain(record.id);
  });

  it('pre-fills the next session from the last signed record', async () => {
    const first = await openSession('2026-12-08T09:00:00Z');
    await call(c.provider, 'PUT', `/api/treatment-records/${first.record.id}`, {
      expectedVersion: 1,
      draft: complete(c.deviceId, lotId),
    });
    expect(
      (
        await call(c.provider, 'POST', `/api/treatment-records/${first.record.id}/sign`, {
          expectedVersion: 2,
        })
      ).statusCode,
    ).toBe(200);
    const next = await bookedSession(t.app, t.database.db, c, '2027-01-12T09:00:00Z', {
      patientId: first.patientId,
      planId: first.planId,
    });
    const opened = (
      await call(c.provider, 'POST', `/api/appointments/${next.appointmentId}/treatment-record`)
    ).json();
    expect(opened.prefilledFrom).toEqual({ planId: first.planId, lastRecordId: first.record.id });
    expect(opened.draft).toMatchObject({
      handpieceSerial: 'HP-77',
      consumables: [],
      numbing: { product: 'lidocaine-prilocaine-2.5-2.5', appliedAt: null, removedAt: null },
    });
    expect(opened.draft.zones.find((z: { zone: string }) => z.zone === 'cheeks')).toMatchObject({
      passes: 3,
      technique: 'crosshatch',
    });
  });

  it('shows front desk the schedule-level status only', async () => {
    const { record, appointmentId } = await openSession('2026-12-09T09:00:00Z');
    const status = await call(
      c.frontDesk,
      'GET',
      '/api/treatment-records/status?from=2026-12-09T00:00:00Z&to=2026-12-10T00:00:00Z',
    );
    expect(status.statusCode).toBe(200);
    expect(status.json().statuses).toEqual([
      { appointmentId, recordId: record.id, status: 'draft', signedAt: null },
    ]);
    expect((await call(c.frontDesk, 'GET', `/api/treatment-records/${record.id}`)).statusCode).toBe(403);
    expect((await call(c.frontDesk, 'GET', '/api/recalls/lots?lot=CART-2412')).statusCode).toBe(403);
  });
});
