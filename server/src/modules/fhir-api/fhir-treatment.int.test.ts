import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { makeClinic } from '../../testing/factories';
import { clientBearer, registerTestClient } from '../../testing/fhir-clients';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { bookedSession, caller, setUpChartingClinic, type ChartingClinic } from '../../testing/treatment';
import { fhirProblem } from '../imports/fhir-validation';

/**
 * What the clinic charts, served by the open FHIR API: the treatment record as a Procedure (device, lots, zones),
 * the adverse event as an AdverseEvent, the outcome score as an Observation; each beside what was imported.
 */
const clock = fixedClock(new Date('2026-12-02T08:00:00Z'));
let t: TestApp;
let c: ChartingClinic;
let call: ReturnType<typeof caller>;
let bearer: string;
let patientId: string;
let draftPatientId: string;
let recordId: string;
let draftRecordId: string;
let eventId: string;
let scoreId: string;
let importedProcedureId: string;

type Resource = Record<string, unknown> & { id: string; resourceType: string };
type Bundle = { total?: number; entry: { resource: Resource }[] };

const fhir = (url: string, authorization = bearer) =>
  t.app.inject({ method: 'GET', url, headers: { authorization } });
const search = async (url: string) => {
  const response = await fhir(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Bundle>();
};
const ids = (bundle: Bundle) => bundle.entry.map((e) => e.resource.id).sort();

beforeAll(async () => {
  t = await createTestApp({ clock });
  call = caller(t.app);
  c = await setUpChartingClinic(t.app, t.database.db, (await makeClinic(t.database.db)).id, clock.now());
  const product = (
    await call(c.owner, 'POST', '/api/inventory/products', {
      name: 'Cartridge 36-pin',
      kind: 'cartridge',
      gtin: '04006381333931',
      needleCount: 36,
    })
  ).json();
  const lot = (
    await call(c.owner, 'POST', '/api/inventory/lots', {
      productId: product.id,
      lot: 'FHIR-LOT-7',
      expiry: '2027-06-30',
      quantity: 5,
    })
  ).json();

  const s = await bookedSession(t.app, t.database.db, c, '2026-12-03T09:00:00Z');
  patientId = s.patientId;
  recordId = (await call(c.provider, 'POST', `/api/appointments/${s.appointmentId}/treatment-record`)).json()
    .id;
  const saved = await call(c.provider, 'PUT', `/api/treatment-records/${recordId}`, {
    expectedVersion: 1,
    draft: {
      checklist: { photosTaken: true, skinClean: true, preparationFollowed: true },
      deviceId: c.deviceId,
      handpieceSerial: 'HP-9',
      consumables: [{ lotId: lot.id, productName: 'x', lot: 'x', expiry: '2099-01-01' }],
      zones: [
        { zone: 'cheeks', depthMm: 1.5, passes: 3, technique: 'crosshatch', endpoint: 'pinpoint-bleeding' },
        { zone: 'forehead', depthMm: 0.5, passes: 2 },
      ],
      topicals: [{ role: 'glide', productId: 'sterile-saline-0.9', productName: 'Saline', lot: 'SAL-1' }],
      pain: 3,
      aftercareGiven: true,
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const signed = await call(c.provider, 'POST', `/api/treatment-records/${recordId}/sign`, {
    expectedVersion: 2,
  });
  expect(signed.statusCode, signed.body).toBe(200);
  const addendum = await call(c.provider, 'POST', `/api/treatment-records/${recordId}/addenda`, {
    text: 'Patient phoned: redness settled on day 2.',
  });
  expect(addendum.statusCode, addendum.body).toBeLessThan(300);

  const other = await bookedSession(t.app, t.database.db, c, '2026-12-04T09:00:00Z');
  draftPatientId = other.patientId;
  draftRecordId = (
    await call(c.provider, 'POST', `/api/appointments/${other.appointmentId}/treatment-record`)
  ).json().id;

  const event = await call(c.provider, 'POST', '/api/adverse-events', {
    patientId,
    treatmentRecordId: recordId,
    type: 'pih',
    description: 'Dark patches on both cheeks',
    onsetOn: '2026-12-20',
    seriousness: ['required-intervention'],
  });
  expect(event.statusCode, event.body).toBe(201);
  eventId = event.json().id;

  const score = await call(c.provider, 'POST', `/api/plans/${s.planId}/outcomes`, {
    scaleId: 'goodman-baron-qualitative',
    timepoint: 'baseline',
    values: { grade: 3 },
  });
  expect(score.statusCode, score.body).toBe(201);
  scoreId = score.json().id;

  importedProcedureId = (
    await t.database.db.query<{ id: string }>(
      `INSERT INTO patient_entries (clinic_id, patient_id, kind, display, status, start_date, codes)
       VALUES ($1, $2, 'procedure', 'Chemical peel', 'completed', '2025-05-01',
         '[{"system": "http://snomed.info/sct", "code": "20035004", "display": "Chemical peel"}]')
       RETURNING id`,
      [c.clinicId, patientId],
    )
  ).rows[0]!.id;

  const client = await registerTestClient(t.app, c.owner, ['system/*.rs']);
  bearer = await clientBearer(t.app, client, 'system/*.rs', clock.now());
});
afterAll(async () => t.close());

describe('the treatment record as a FHIR Procedure', () => {
  it('carries the device, the lot, the zones and the addendum, and validates', async () => {
    const response = await fhir(`/fhir/R4/Procedure/${recordId}`);
    expect(response.statusCode, response.body).toBe(200);
    const procedure = response.json();
    expect(fhirProblem(procedure)).toBeNull();
    expect(procedure).toMatchObject({
      resourceType: 'Procedure',
      id: recordId,
      status: 'completed',
      subject: { reference: `Patient/${patientId}` },
      performedDateTime: '2026-12-03T09:00:00.000Z',
      performer: [{ actor: { reference: `Practitioner/${c.providerId}`, display: 'Dr Chart' } }],
    });
    expect(procedure.bodySite.map((b: { coding: { code: string }[] }) => b.coding[0]!.code)).toEqual([
      'cheeks',
      'forehead',
    ]);
    expect(procedure.contained).toContainEqual(
      expect.objectContaining({
        resourceType: 'Device',
        lotNumber: 'FHIR-LOT-7',
        expirationDate: '2027-06-30',
        udiCarrier: [expect.objectContaining({ deviceIdentifier: '04006381333931' })],
      }),
    );
    expect(procedure.focalDevice[0].manipulated).toMatchObject({
      reference: `Device/${c.deviceId}`,
      display: expect.stringContaining('PEN-001'),
    });
    expect(procedure.note.map((n: { text: string }) => n.text)).toContainEqual(
      expect.stringContaining('Addendum: Patient phoned'),
    );
  });

  it('is searched beside the imported procedures, by patient, status, code and date', async () => {
    expect(ids(await search(`/fhir/R4/Procedure?patient=${patientId}`))).toEqual(
      [recordId, importedProcedureId].sort(),
    );
    expect(ids(await search('/fhir/R4/Procedure?status=in-progress'))).toEqual([draftRecordId]);
    expect(ids(await search('/fhir/R4/Procedure?code=urn:needlepoint:procedure|microneedling'))).toEqual(
      [recordId, draftRecordId].sort(),
    );
    expect(ids(await search('/fhir/R4/Procedure?code=http://snomed.info/sct|20035004'))).toEqual([
      importedProcedureId,
    ]);
    expect(ids(await search('/fhir/R4/Procedure?date=2026-12-03'))).toEqual([recordId]);
    expect(ids(await search('/fhir/R4/Procedure?date=lt2026-01-01'))).toEqual([importedProcedureId]);
    const draft = (await fhir(`/fhir/R4/Procedure/${draftRecordId}`)).json();
    expect(draft.status).toBe('in-progress');
    expect(fhirProblem(draft)).toBeNull();
  });
});

describe('adverse events and outcome scores', () => {
  it('serves the adverse event with its suspect procedure, device and lot', async () => {
    const event = (await fhir(`/fhir/R4/AdverseEvent/${eventId}`)).json();
    expect(fhirProblem(event)).toBeNull();
    expect(event).toMatchObject({
      resourceType: 'AdverseEvent',
      subject: { reference: `Patient/${patientId}` },
      detected: '2026-12-20',
      seriousness: { coding: [{ code: 'serious' }] },
      event: { coding: [{ code: 'pih' }] },
    });
    expect(event.suspectEntity).toEqual(
      expect.arrayContaining([
        { instance: { reference: `Procedure/${recordId}` } },
        { instance: expect.objectContaining({ reference: `Device/${c.deviceId}` }) },
        { instance: expect.objectContaining({ display: 'Lot FHIR-LOT-7' }) },
      ]),
    );
    expect(
      ids(await search(`/fhir/R4/AdverseEvent?subject=Patient/${patientId}&seriousness=serious`)),
    ).toEqual([eventId]);
    expect(ids(await search('/fhir/R4/AdverseEvent?seriousness=non-serious'))).toEqual([]);
    expect(ids(await search(`/fhir/R4/AdverseEvent?subject=${draftPatientId}`))).toEqual([]);
    expect(ids(await search('/fhir/R4/AdverseEvent?event=pih'))).toEqual([eventId]);
  });

  it('serves the outcome score as an Observation, found by its scale code', async () => {
    const observation = (await fhir(`/fhir/R4/Observation/${scoreId}`)).json();
    expect(fhirProblem(observation)).toBeNull();
    expect(observation).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      subject: { reference: `Patient/${patientId}` },
      code: { coding: [{ system: 'urn:needlepoint:outcome-scale', code: 'goodman-baron-qualitative' }] },
      valueQuantity: { value: 3 },
    });
    expect(
      ids(await search('/fhir/R4/Observation?code=urn:needlepoint:outcome-scale|goodman-baron-qualitative')),
    ).toEqual([scoreId]);
  });

  it('puts all three in the patient’s $everything, every one valid', async () => {
    const everything = await search(`/fhir/R4/Patient/${patientId}/$everything`);
    const found = everything.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`);
    expect(found).toEqual(
      expect.arrayContaining([
        `Procedure/${recordId}`,
        `Procedure/${importedProcedureId}`,
        `AdverseEvent/${eventId}`,
        `Observation/${scoreId}`,
      ]),
    );
    for (const { resource } of everything.entry) expect(fhirProblem(resource)).toBeNull();
  });

  it('lets staff read them only with the permission the app asks for', async () => {
    const staff = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect((await staff(c.provider, `/fhir/R4/Procedure/${recordId}`)).statusCode).toBe(200);
    expect((await staff(c.owner, `/fhir/R4/AdverseEvent/${eventId}`)).statusCode).toBe(200);
    for (const url of [
      `/fhir/R4/Procedure/${recordId}`,
      `/fhir/R4/AdverseEvent?subject=${patientId}`,
      `/fhir/R4/Observation/${scoreId}`,
    ]) {
      const refused = await staff(c.frontDesk, url);
      expect(refused.statusCode, url).toBe(403);
    }
    expect((await staff(c.frontDesk, `/fhir/R4/Patient/${patientId}`)).statusCode).toBe(200);
    const everything = (await staff(c.frontDesk, `/fhir/R4/Patient/${patientId}/$everything`)).json<Bundle>();
    const types = new Set(everything.entry.map((e) => e.resource.resourceType));
    expect(types.has('Patient')).toBe(true);
    expect([...types].filter((ty) => ['Procedure', 'AdverseEvent', 'Observation'].includes(ty))).toEqual([]);
  });
});
