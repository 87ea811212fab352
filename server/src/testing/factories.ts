import { randomBytes } from 'node:crypto';
import type { Role } from '@needlepoint/core/auth/roles';
import { answerKeys } from '@needlepoint/core/knowledge/knowledge.schema';
import type { Database } from '../db/database';
import { hashPassword } from '../platform/passwords';
import { newTotpSecret } from '../platform/totp';

/** Test data builders: each makes exactly what a test asks for, in its own clinic unless told otherwise. */

const unique = () => randomBytes(4).toString('hex');
let cachedHash: Promise<string> | undefined;
export const testPassword = 'correct horse battery staple';
const passwordHash = () => (cachedHash ??= hashPassword(testPassword));

export async function makeClinic(
  db: Database,
  overrides: { name?: string; timeZone?: string } = {},
): Promise<{ id: string; name: string }> {
  const name = overrides.name ?? `Clinic ${unique()}`;
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO clinics (name, time_zone) VALUES ($1, $2) RETURNING id',
    [name, overrides.timeZone ?? 'UTC'],
  );
  return { id: rows[0]!.id, name };
}

export interface TestPatient {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

export async function makePatient(
  db: Database,
  clinicId: string,
  overrides: Partial<Omit<TestPatient, 'id'>> & { email?: string; phone?: string } = {},
): Promise<TestPatient> {
  const p = {
    givenName: overrides.givenName ?? 'Pat',
    familyName: overrides.familyName ?? `Test${unique()}`,
    birthDate: overrides.birthDate ?? '1990-01-15',
  };
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone)
     VALUES ($1, $2, $3, $4, 'female', $5, $6) RETURNING id`,
    [clinicId, p.givenName, p.familyName, p.birthDate, overrides.email ?? null, overrides.phone ?? null],
  );
  return { id: rows[0]!.id, ...p };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  clinicId: string;
  patientId: string | null;
  totpSecret: string | null;
}

/** A user of `role`; owners get a second factor already set up unless `totp: false`. */
export async function makeUser(
  db: Database,
  clinicId: string,
  role: Role,
  options: { totp?: boolean; patientId?: string; name?: string } = {},
): Promise<TestUser> {
  const email = `${role}-${unique()}@test.needlepoint`;
  const totp = options.totp ?? role === 'owner';
  const totpSecret = totp ? newTotpSecret() : null;
  const patientId = role === 'patient' ? (options.patientId ?? (await makePatient(db, clinicId)).id) : null;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (clinic_id, email, name, role, password_hash, totp_secret, totp_enabled, patient_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      clinicId,
      email,
      options.name ?? `Test ${role}`,
      role,
      await passwordHash(),
      totpSecret,
      totp,
      patientId,
    ],
  );
  return { id: rows[0]!.id, email, password: testPassword, role, clinicId, patientId, totpSecret };
}

/** Every intake question answered "no": a record that screens clean unless a test adds something. */
export const answeredNo = Object.fromEntries(answerKeys.map((key) => [key, { value: 'no' as const }]));
