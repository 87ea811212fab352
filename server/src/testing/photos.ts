import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../db/database';
import { makePng } from './images';

/** The patient signs the current photo consent of `kind` in the portal; returns the signature id. */
export async function signPhotoConsent(
  app: FastifyInstance,
  cookie: string,
  kind: 'photo-clinical' | 'photo-teaching' | 'photo-marketing' = 'photo-clinical',
): Promise<string> {
  const consents = (
    await app.inject({ method: 'GET', url: '/api/portal/consents', headers: { cookie } })
  ).json().consents as { kind: string; document: { id: string } }[];
  const doc = consents.find((c) => c.kind === kind)!.document;
  const signed = await app.inject({
    method: 'POST',
    url: `/api/portal/consents/${doc.id}/sign`,
    headers: { cookie },
    payload: {
      typedName: 'Pat Test',
      signature: `data:image/png;base64,${makePng(120, 40).toString('base64')}`,
    },
  });
  expect(signed.statusCode, signed.body).toBe(201);
  return signed.json().latestSignature.id;
}

export async function revokePhotoConsent(app: FastifyInstance, cookie: string, signatureId: string) {
  const revoked = await app.inject({
    method: 'POST',
    url: `/api/portal/consent-signatures/${signatureId}/revoke`,
    headers: { cookie },
    payload: {},
  });
  expect(revoked.statusCode, revoked.body).toBeLessThan(300);
}

/**
 * A completed session and an aftercare check-in on it, written directly (the aftercare tests cover how they come
 * about); photo tests only need one to attach to.
 */
export async function makeCheckIn(
  db: Database,
  c: { clinicId: string; patientId: string; providerId: string; patientUserId: string; at: string },
): Promise<{ appointmentId: string; checkInId: string }> {
  const start = new Date(c.at);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO appointments (clinic_id, patient_id, provider_id, service, starts_at, ends_at, status,
       procedure_starts_at, room_free_at)
     VALUES ($1, $2, $3, 'microneedling', $4, $5, 'completed', $4, $5) RETURNING id`,
    [c.clinicId, c.patientId, c.providerId, start, new Date(start.getTime() + 3_600_000)],
  );
  const appointmentId = rows[0]!.id;
  const checkIn = await db.query<{ id: string }>(
    `INSERT INTO aftercare_check_ins (clinic_id, patient_id, appointment_id, days_since_treatment, answers, urgency,
       urgency_rank, triage, rules_version, submitted_by, submitted_at)
     VALUES ($1, $2, $3, 1, '{}', 'expected', 0, '{}', 'test', $4, $5) RETURNING id`,
    [c.clinicId, c.patientId, appointmentId, c.patientUserId, new Date(start.getTime() + 86_400_000)],
  );
  return { appointmentId, checkInId: checkIn.rows[0]!.id };
}
