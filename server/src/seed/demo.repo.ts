import type { Queryable } from '../db/database';

/** SQL of the demo seed: the demo clinic's fixture rows, written directly like test factories (no use case). */

export async function insertDemoClinic(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO clinics (name, time_zone, phone, email, address, is_demo)
     VALUES ('Needlepoint Demo Clinic', 'Europe/London', '+44 20 7946 0000', 'hello@demo.needlepoint.test',
             '1 Collagen Court, London', true) RETURNING id`,
  );
  return rows[0]!.id;
}

export async function insertDemoPatient(
  db: Queryable,
  p: {
    clinicId: string;
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: string;
    email: string;
    phone: string;
    fitzpatrick: number | null;
    concerns: string[];
    notes: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone, fitzpatrick, concerns, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      p.clinicId,
      p.givenName,
      p.familyName,
      p.birthDate,
      p.sex,
      p.email,
      p.phone,
      p.fitzpatrick,
      p.concerns,
      p.notes,
    ],
  );
  return rows[0]!.id;
}

export async function insertDemoEntry(
  db: Queryable,
  e: {
    clinicId: string;
    patientId: string;
    kind: string;
    system: string | null;
    code: string | null;
    display: string;
    status: string;
    startDate: string | null;
    endDate: string | null;
    value: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, display, status, start_date, end_date, value)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.clinicId, e.patientId, e.kind, e.system, e.code, e.display, e.status, e.startDate, e.endDate, e.value],
  );
}

export async function insertDemoUser(
  db: Queryable,
  u: {
    clinicId: string;
    email: string;
    name: string;
    role: string;
    passwordHash: string;
    patientId: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (clinic_id, email, name, role, password_hash, patient_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.clinicId, u.email, u.name, u.role, u.passwordHash, u.patientId],
  );
  return rows[0]!.id;
}

export async function insertWorkingHours(
  db: Queryable,
  clinicId: string,
  providerId: string,
  rules: unknown,
): Promise<void> {
  await db.query('INSERT INTO working_hours (provider_id, clinic_id, rules) VALUES ($1, $2, $3)', [
    providerId,
    clinicId,
    JSON.stringify(rules),
  ]);
}

export async function insertRoom(db: Queryable, clinicId: string, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO rooms (clinic_id, name) VALUES ($1, $2) RETURNING id',
    [clinicId, name],
  );
  return rows[0]!.id;
}

export async function insertDevice(
  db: Queryable,
  d: { clinicId: string; name: string; serialNumber: string; roomId: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO devices (clinic_id, name, serial_number, room_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [d.clinicId, d.name, d.serialNumber, d.roomId],
  );
  return rows[0]!.id;
}

export async function setAnswers(
  db: Queryable,
  clinicId: string,
  patientId: string,
  answers: unknown,
  listsReviewed: unknown,
): Promise<void> {
  await db.query('UPDATE patients SET answers = $3, lists_reviewed = $4 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    patientId,
    JSON.stringify(answers),
    JSON.stringify(listsReviewed),
  ]);
}

export async function insertPlan(
  db: Queryable,
  p: { id: string; clinicId: string; patientId: string; status: string; plan: unknown; createdBy: string },
): Promise<void> {
  await db.query(
    'INSERT INTO treatment_plans (id, clinic_id, patient_id, status, plan, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [p.id, p.clinicId, p.patientId, p.status, JSON.stringify(p.plan), p.createdBy],
  );
}

export async function insertAppointment(
  db: Queryable,
  a: {
    clinicId: string;
    patientId: string;
    providerId: string;
    roomId: string | null;
    deviceId: string | null;
    service: string;
    startsAt: Date;
    procedureStartsAt: Date;
    endsAt: Date;
    roomFreeAt: Date;
    status: string;
    planId: string | null;
    sessionNumber: number | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO appointments (clinic_id, patient_id, provider_id, room_id, device_id, service, starts_at, procedure_starts_at, ends_at,
       room_free_at, status, plan_id, session_number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      a.clinicId,
      a.patientId,
      a.providerId,
      a.roomId,
      a.deviceId,
      a.service,
      a.startsAt,
      a.procedureStartsAt,
      a.endsAt,
      a.roomFreeAt,
      a.status,
      a.planId,
      a.sessionNumber,
    ],
  );
}
