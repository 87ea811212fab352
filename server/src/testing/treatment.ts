import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../db/database';
import { answeredNo, makePatient, makeUser, type TestUser } from './factories';
import { signInCookie } from './http';
import { makePng } from './images';

/** A clinic set up to chart sessions: a room, a device, a provider with working hours every day. */
export interface ChartingClinic {
  clinicId: string;
  deviceId: string;
  providerId: string;
  providerUser: TestUser;
  provider: string;
  owner: string;
  frontDesk: string;
}

type Call = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
) => Promise<LightMyRequestResponse>;

export function caller(app: FastifyInstance): Call {
  return (cookie, method, url, payload) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

export async function setUpChartingClinic(
  app: FastifyInstance,
  db: Database,
  clinicId: string,
  now: Date,
): Promise<ChartingClinic> {
  const call = caller(app);
  // `now` moved on by the time spent here (password hashing is slow on a busy machine), so a two-factor code
  // chosen for an app on the real clock is not already stale when it arrives; a fixed clock barely moves.
  const started = Date.now();
  const at = () => new Date(now.getTime() + (Date.now() - started));
  const providerUser = await makeUser(db, clinicId, 'provider', { name: 'Dr Chart' });
  const provider = await signInCookie(app, providerUser, at());
  const owner = await signInCookie(app, await makeUser(db, clinicId, 'owner'), at());
  const frontDesk = await signInCookie(app, await makeUser(db, clinicId, 'front-desk'), at());
  const room = (await call(owner, 'POST', '/api/rooms', { name: 'Room 1' })).json();
  const device = (
    await call(owner, 'POST', '/api/devices', { name: 'Pen A', serialNumber: 'PEN-001', roomId: room.id })
  ).json();
  const rules = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
    (weekday) => ({
      weekday,
      start: '08:00',
      end: '18:00',
    }),
  );
  const hours = await call(frontDesk, 'PUT', `/api/providers/${providerUser.id}/working-hours`, { rules });
  if (hours.statusCode !== 200) throw new Error(`working hours: ${hours.body}`);
  return {
    clinicId,
    deviceId: device.id,
    providerId: providerUser.id,
    providerUser,
    provider,
    owner,
    frontDesk,
  };
}

/**
 * A patient who screens clean, signed the mechanical treatment consent in the portal, has an acne-scars plan and a
 * booked plan session at `start`.
 */
export async function bookedSession(
  app: FastifyInstance,
  db: Database,
  c: ChartingClinic,
  start: string,
  options: { consent?: boolean; answers?: Record<string, unknown>; patientId?: string; planId?: string } = {},
): Promise<{ patientId: string; planId: string; appointmentId: string }> {
  const call = caller(app);
  let patientId = options.patientId;
  let planId = options.planId;
  if (!patientId) {
    const p = await makePatient(db, c.clinicId, {
      email: `p${Math.random().toString(16).slice(2, 8)}@example.test`,
      phone: '+1 555 0100',
    });
    patientId = p.id;
    const update = await call(c.provider, 'PATCH', `/api/patients/${p.id}`, {
      expectedVersion: 1,
      answers: { ...answeredNo, ...(options.answers ?? {}) },
      listsReviewed: { conditions: '2026-11-20', medications: '2026-11-20', allergies: '2026-11-20' },
    });
    if (update.statusCode !== 200) throw new Error(`patient: ${update.body}`);
    if (options.consent ?? true) {
      const portal = await signInCookie(app, await makeUser(db, c.clinicId, 'patient', { patientId: p.id }));
      const docs = (await call(portal, 'GET', '/api/portal/consents')).json().consents as {
        kind: string;
        document: { id: string };
      }[];
      const doc = docs.find((d) => d.kind === 'treatment-mechanical')!;
      const signed = await call(portal, 'POST', `/api/portal/consents/${doc.document.id}/sign`, {
        typedName: 'Pat Test',
        signature: `data:image/png;base64,${makePng(120, 40).toString('base64')}`,
      });
      if (signed.statusCode !== 201 && signed.statusCode !== 200) throw new Error(`consent: ${signed.body}`);
    }
  }
  if (!planId) {
    const plan = await call(c.provider, 'POST', '/api/plans', { patientId, templateId: 'acne-scars' });
    if (plan.statusCode !== 201) throw new Error(`plan: ${plan.body}`);
    planId = plan.json().id as string;
  }
  const booking = await call(c.frontDesk, 'POST', '/api/bookings', {
    patientId,
    serviceTypeId: 'microneedling',
    start,
    planId,
  });
  if (booking.statusCode !== 201) throw new Error(`booking: ${booking.body}`);
  return { patientId, planId, appointmentId: booking.json().id };
}
