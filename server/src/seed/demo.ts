import type { Database } from '../db/database';
import { noClinicYet } from '../modules/clinic/create-clinic.service';
import { hashPassword } from '../platform/passwords';
import { demoPatients } from './demo-patients';
import * as repo from './demo.repo';
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
    if (!(await noClinicYet(client))) return false;
    const clinicId = await repo.insertDemoClinic(client);
    const patientIds: string[] = [];
    for (const p of demoPatients) {
      const slug = `${p.givenName}.${p.familyName}`.toLowerCase();
      const patientId = await repo.insertDemoPatient(client, {
        clinicId,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        sex: p.sex,
        email: `${slug}@example.test`,
        phone: `+44 7700 9${String(patientIds.length).padStart(5, '0')}`,
        fitzpatrick: p.fitzpatrick,
        concerns: p.concerns,
        notes: p.notes ?? '',
      });
      patientIds.push(patientId);
      for (const e of p.entries) {
        await repo.insertDemoEntry(client, {
          clinicId,
          patientId,
          kind: e.kind,
          system: e.system ?? null,
          code: e.code ?? null,
          display: e.display,
          status: e.status,
          startDate:
            e.startDaysAgo === undefined ? null : isoDate(new Date(now.getTime() - e.startDaysAgo * day)),
          endDate: e.endDaysAgo === undefined ? null : isoDate(new Date(now.getTime() - e.endDaysAgo * day)),
          value: e.value ?? null,
        });
      }
    }
    const userIds = new Map<string, string>();
    for (const login of demoLogins) {
      const userId = await repo.insertDemoUser(client, {
        clinicId,
        email: login.email,
        name: login.name,
        role: login.role,
        passwordHash: hashes.get(login.email)!,
        patientId: login.role === 'patient' ? patientIds[0]! : null,
      });
      userIds.set(login.email, userId);
    }
    await seedSchedule(client, { clinicId, now, patientIds, userIds });
    return true;
  });
}
