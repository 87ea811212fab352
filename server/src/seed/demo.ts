import type { Database } from '../db/database';
import { hashPassword } from '../platform/passwords';
import { demoPatients } from './demo-patients';
import { seedSchedule } from './demo-schedule';

/** Demo sign-ins for a local trial; printed at start. Demo data only: never used outside the demo clinic. */
export const demoLogins = [
  { role: 'owner', name: 'Olivia Owner', email: 'owner@demo.needlepoint.test', password: 'demo-owner-2026' },
  {
    role: 'provider',
    name: 'Dr Priya Patel',
    email: 'provider@demo.needlepoint.test',
    password: 'demo-provider-2026',
  },
  {
    role: 'provider',
    name: 'Sam Nguyen, NP',
    email: 'provider2@demo.needlepoint.test',
    password: 'demo-provider-2026',
  },
  {
    role: 'front-desk',
    name: 'Frankie Desk',
    email: 'frontdesk@demo.needlepoint.test',
    password: 'demo-frontdesk-2026',
  },
  {
    role: 'patient',
    name: 'Amelia Hart',
    email: 'patient@demo.needlepoint.test',
    password: 'demo-patient-2026',
  },
] as const;

const day = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Loads the demo clinic on first start (when no clinic exists). Returns whether it seeded. */
export async function seedDemoClinic(db: Database, now: Date): Promise<boolean> {
  const hashes = new Map<string, string>();
  for (const login of demoLogins) hashes.set(login.email, await hashPassword(login.password));
  return db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(8413708)');
    const existing = await client.query('SELECT 1 FROM clinics LIMIT 1');
    if (existing.rowCount) return false;
    const clinic = await client.query<{ id: string }>(
      `INSERT INTO clinics (name, time_zone, phone, email, address, is_demo)
       VALUES ('Needlepoint Demo Clinic', 'Europe/London', '+44 20 7946 0000', 'hello@demo.needlepoint.test',
               '1 Collagen Court, London', true) RETURNING id`,
    );
    const clinicId = clinic.rows[0]!.id;
    const patientIds: string[] = [];
    for (const p of demoPatients) {
      const slug = `${p.givenName}.${p.familyName}`.toLowerCase();
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone, fitzpatrick, concerns, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          clinicId,
          p.givenName,
          p.familyName,
          p.birthDate,
          p.sex,
          `${slug}@example.test`,
          `+44 7700 9${String(patientIds.length).padStart(5, '0')}`,
          p.fitzpatrick,
          p.concerns,
          p.notes ?? '',
        ],
      );
      const patientId = rows[0]!.id;
      patientIds.push(patientId);
      for (const e of p.entries) {
        await client.query(
          `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, display, status, start_date, end_date, value)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            clinicId,
            patientId,
            e.kind,
            e.system ?? null,
            e.code ?? null,
            e.display,
            e.status,
            e.startDaysAgo === undefined ? null : isoDate(new Date(now.getTime() - e.startDaysAgo * day)),
            e.endDaysAgo === undefined ? null : isoDate(new Date(now.getTime() - e.endDaysAgo * day)),
            e.value ?? null,
          ],
        );
      }
    }
    const userIds = new Map<string, string>();
    for (const login of demoLogins) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO users (clinic_id, email, name, role, password_hash, patient_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          clinicId,
          login.email,
          login.name,
          login.role,
          hashes.get(login.email),
          login.role === 'patient' ? patientIds[0] : null,
        ],
      );
      userIds.set(login.email, rows[0]!.id);
    }
    await seedSchedule(client, { clinicId, now, patientIds, userIds });
    return true;
  });
}
