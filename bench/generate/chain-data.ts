import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Database, Queryable } from '../../server/src/db/database';
import { hashPassword } from '../../server/src/platform/passwords';
import { newTotpSecret } from '../../server/src/platform/totp';
import { testPassword, type TestUser } from '../../server/src/testing/factories';
import { appointmentColumns, appointmentRows, workingDay } from './appointment-rows';
import { auditColumns, auditRows } from './audit-rows';
import { withoutIndexes } from './bulk-load';
import {
  consentDocumentColumns,
  consentDocumentRows,
  consentSignatureColumns,
  consentSignatureRows,
  type ClinicDocument,
} from './consent-rows';
import { copyRows } from './copy-rows';
import { familyNames, givenNames } from './names';
import {
  entryColumns,
  entryRows,
  patientColumns,
  patientRows,
  planColumns,
  planRows,
  screeningColumns,
  screeningRows,
  type GeneratedPatient,
} from './patient-rows';
import { Random } from './random';
import { readSyntheaShapes } from './synthea-shapes';

/** How big a chain to generate. `chainSize(1_000_000)` is the chain: 100 clinics, 5M sessions, 50M audit rows. */
export interface ChainSize {
  clinics: number;
  patients: number;
  /** Sessions per patient over the years (capped by the providers' free slots). */
  appointmentsPerPatient: number;
  auditEventsPerPatient: number;
  /** Share of the Synthea patients' distinct codes each patient gets (1 = about 22 coded entries each). */
  entryFraction: number;
  providersPerClinic: number;
  years: number;
  seed: number;
}

export function chainSize(patients: number, overrides: Partial<ChainSize> = {}): ChainSize {
  return {
    clinics: 100,
    patients,
    appointmentsPerPatient: 5,
    auditEventsPerPatient: 50,
    entryFraction: 0.25,
    providersPerClinic: 10,
    years: 5,
    seed: 20261202,
    ...overrides,
  };
}

export interface GeneratedClinic {
  id: string;
  name: string;
  timeZone: string;
  owner: TestUser;
  providers: TestUser[];
  frontDesk: TestUser;
  /** The first patients generated (for benchmarks and tests to ask about). */
  samplePatients: GeneratedPatient[];
}

export interface GeneratedChain {
  size: ChainSize;
  clinics: GeneratedClinic[];
  rows: Record<string, number>;
  seconds: Record<string, number>;
}

const timeZones = [
  'America/New_York',
  'Europe/Madrid',
  'America/Los_Angeles',
  'Europe/London',
  'America/Chicago',
];
const YEAR = 365.25 * 86_400_000;

/**
 * Fills a freshly migrated, empty database with a clinic chain through COPY, table by table, each loaded without
 * its secondary indexes and constraints, which are built once at the end (then VACUUM and ANALYZE). Deterministic for a seed
 * (apart from ids). The window ends half a year after `now`: the calendar has future bookings.
 */
export async function generateChain(db: Database, size: ChainSize, now: Date): Promise<GeneratedChain> {
  const client = await db.pool.connect();
  try {
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
    return await generate(client, size, now);
  } finally {
    client.release();
  }
}

async function generate(client: pg.PoolClient, size: ChainSize, now: Date): Promise<GeneratedChain> {
  const existing = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM patients');
  if (existing.rows[0]!.n > 0) throw new Error('generateChain needs an empty database');
  const random = new Random(size.seed);
  const shapes = readSyntheaShapes();
  const window = {
    start: now.getTime() - (size.years - 0.5) * YEAR,
    end: now.getTime() + 0.5 * YEAR,
    now: now.getTime(),
  };
  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const timed = async (table: string, load: () => Promise<number>) => {
    const start = performance.now();
    rows[table] = (rows[table] ?? 0) + (await load());
    seconds[table] = Number((((seconds[table] ?? 0) * 1000 + performance.now() - start) / 1000).toFixed(1));
  };

  const passwordHash = await hashPassword(testPassword);
  const clinics: Omit<GeneratedClinic, 'samplePatients'>[] = [];
  const staffRows: unknown[][] = [];
  const user = (clinicId: string, role: TestUser['role'], label: string, name: string): TestUser => {
    const totpSecret = role === 'owner' ? newTotpSecret() : null;
    const u = {
      id: crypto.randomUUID(),
      email: `${label}@chain.bench`,
      password: testPassword,
      role,
      clinicId,
      patientId: null,
      totpSecret,
    };
    staffRows.push([u.id, clinicId, u.email, name, role, passwordHash, totpSecret, totpSecret !== null]);
    return u;
  };
  for (let c = 0; c < size.clinics; c++) {
    const id = crypto.randomUUID();
    clinics.push({
      id,
      name: `Chain clinic ${c + 1}`,
      timeZone: timeZones[c % timeZones.length]!,
      owner: user(id, 'owner', `owner-${c + 1}`, `Owner ${c + 1}`),
      providers: Array.from({ length: size.providersPerClinic }, (_, k) =>
        user(
          id,
          'provider',
          `provider-${c + 1}-${k + 1}`,
          `${givenNames[k % givenNames.length]} ${familyNames[(c + k) % familyNames.length]}`,
        ),
      ),
      frontDesk: user(id, 'front-desk', `desk-${c + 1}`, `Front desk ${c + 1}`),
    });
  }
  await timed('clinics', () =>
    copyRows(
      client,
      'clinics',
      ['id', 'name', 'time_zone'],
      clinics.map((c) => [c.id, c.name, c.timeZone]),
    ),
  );
  await timed('users', () =>
    copyRows(
      client,
      'users',
      ['id', 'clinic_id', 'email', 'name', 'role', 'password_hash', 'totp_secret', 'totp_enabled'],
      staffRows,
    ),
  );
  const resources = clinics.map((c) => ({
    clinicId: c.id,
    timeZone: c.timeZone,
    providers: c.providers.map((p) => p.id),
    rooms: c.providers.map(() => crypto.randomUUID()),
    devices: c.providers.map(() => crypto.randomUUID()),
    frontDesk: c.frontDesk.id,
  }));
  await timed('rooms', () =>
    copyRows(
      client,
      'rooms',
      ['id', 'clinic_id', 'name'],
      resources.flatMap((r) => r.rooms.map((id, k) => [id, r.clinicId, `Room ${k + 1}`])),
    ),
  );
  await timed('devices', () =>
    copyRows(
      client,
      'devices',
      ['id', 'clinic_id', 'name', 'serial_number', 'room_id'],
      resources.flatMap((r) =>
        r.devices.map((id, k) => [
          id,
          r.clinicId,
          `Pen ${k + 1}`,
          `PEN-${k + 1}-${r.clinicId.slice(0, 8)}`,
          r.rooms[k],
        ]),
      ),
    ),
  );
  const hours = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((weekday) => ({
    weekday,
    ...workingDay,
  }));
  await timed('working_hours', () =>
    copyRows(
      client,
      'working_hours',
      ['provider_id', 'clinic_id', 'rules'],
      resources.flatMap((r) => r.providers.map((p) => [p, r.clinicId, JSON.stringify(hours)])),
    ),
  );

  // Per clinic: its patients first (kept in memory for the tables that point at them), then each table in turn.
  const perClinic = Math.floor(size.patients / size.clinics);
  const patients = clinics.map((c, i) => {
    const list: GeneratedPatient[] = [];
    const documents: ClinicDocument[] = [];
    return {
      clinic: c,
      resources: resources[i]!,
      list,
      documents,
      count: perClinic + (i < size.patients % size.clinics ? 1 : 0),
    };
  });
  const tables: [string, readonly string[], (p: (typeof patients)[number]) => Iterable<unknown[]>][] = [
    ['patients', patientColumns, (p) => patientRows(random, shapes, p.clinic.id, p.count, window, p.list)],
    [
      'patient_entries',
      entryColumns,
      (p) => entryRows(random, shapes, p.clinic.id, p.list, size.entryFraction),
    ],
    ['consent_documents', consentDocumentColumns, (p) => consentDocumentRows(p.clinic.id, p.documents)],
    [
      'consent_signatures',
      consentSignatureColumns,
      (p) => consentSignatureRows(p.clinic.id, p.documents, p.list, p.clinic.frontDesk.id),
    ],
    ['screenings', screeningColumns, (p) => screeningRows(random, p.clinic.id, p.list, window.now)],
    ['treatment_plans', planColumns, (p) => planRows(random, p.clinic.id, p.list)],
    [
      'appointments',
      appointmentColumns,
      (p) =>
        appointmentRows(
          random,
          p.resources,
          p.list,
          p.count * size.appointmentsPerPatient,
          window,
          slotCount,
        ),
    ],
    [
      'audit_events',
      auditColumns,
      (p) =>
        auditRows(
          random,
          p.clinic.id,
          [p.clinic.owner, ...p.clinic.providers, p.clinic.frontDesk].map((u) => ({
            id: u.id,
            role: u.role,
          })),
          p.list,
          p.count * size.auditEventsPerPatient,
          { start: window.start, end: Math.min(window.now, window.end) },
        ),
    ],
  ];
  const slotCount = { slots: 0, booked: 0 };
  for (const [table, columns, rowsOf] of tables) {
    await timed(table, () =>
      withoutIndexes(client, table, async () => {
        let n = 0;
        for (const p of patients) n += await copyRows(client, table, columns, rowsOf(p));
        return n;
      }),
    );
  }
  // VACUUM as well as ANALYZE: a chain that has lived has been vacuumed (autovacuum), so its visibility map lets
  // index-only scans skip the heap; a freshly loaded one has none until then.
  await timed('vacuum_analyze', async () => (await client.query('VACUUM (ANALYZE)'), 0));
  rows.appointment_slots = slotCount.slots;
  await client.query(
    `COMMENT ON DATABASE ${client.escapeIdentifier((await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d)} IS ${client.escapeLiteral(JSON.stringify({ generatedChain: size }))}`,
  );
  return { size, clinics: await loadChain(client), rows, seconds };
}

/** The clinics of a generated chain with their staff (signed in with the test password) and 50 patients each. */
export async function loadChain(client: Queryable): Promise<GeneratedClinic[]> {
  const clinics = (
    await client.query<{ id: string; name: string; time_zone: string }>(
      "SELECT id, name, time_zone FROM clinics WHERE name LIKE 'Chain clinic %' ORDER BY created_at, name",
    )
  ).rows;
  const result: GeneratedClinic[] = [];
  for (const c of clinics) {
    const staff = (
      await client.query<{ id: string; email: string; role: TestUser['role']; totp_secret: string | null }>(
        'SELECT id, email, role, totp_secret FROM users WHERE clinic_id = $1 ORDER BY email',
        [c.id],
      )
    ).rows.map((u): TestUser => ({
      id: u.id,
      email: u.email,
      password: testPassword,
      role: u.role,
      clinicId: c.id,
      patientId: null,
      totpSecret: u.totp_secret,
    }));
    const samples = await client.query<{
      id: string;
      given_name: string;
      family_name: string;
      birth_date: string;
      created_at: Date;
    }>(
      `SELECT id, given_name, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, created_at FROM patients
        WHERE clinic_id = $1 ORDER BY id LIMIT 50`,
      [c.id],
    );
    result.push({
      id: c.id,
      name: c.name,
      timeZone: c.time_zone,
      owner: staff.find((u) => u.role === 'owner')!,
      providers: staff.filter((u) => u.role === 'provider'),
      frontDesk: staff.find((u) => u.role === 'front-desk')!,
      samplePatients: samples.rows.map((p) => ({
        id: p.id,
        givenName: p.given_name,
        familyName: p.family_name,
        birthDate: p.birth_date,
        createdAt: p.created_at,
      })),
    });
  }
  return result;
}

/** The size a database was generated with (stored as the database's comment), or null. */
export async function generatedSize(client: Queryable): Promise<ChainSize | null> {
  const { rows } = await client.query<{ c: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = current_database()",
  );
  const parsed = rows[0]?.c ? (JSON.parse(rows[0].c) as { generatedChain?: ChainSize }) : {};
  return parsed.generatedChain ?? null;
}
