import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../server/src/db/database';
import { ensureDatabase } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';
import { chainSize, generateChain } from './chain-data';

/**
 * `node server/bin/tsx.mjs bench/generate/cli.ts --database postgresql://.../chain_1m --patients 1000000`
 * creates the database when missing, migrates it and fills it with a generated clinic chain (it must be empty).
 * Other options: --clinics, --appointments-per-patient, --audit-per-patient, --entry-fraction.
 */
const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    patients: { type: 'string', default: '10000' },
    clinics: { type: 'string' },
    'appointments-per-patient': { type: 'string' },
    'audit-per-patient': { type: 'string' },
    'entry-fraction': { type: 'string' },
  },
});
if (!values.database) throw new Error('--database <postgresql url> is required');
const url = new URL(values.database);
const name = url.pathname.slice(1);
await ensureDatabase(Object.assign(new URL(url), { pathname: '/postgres' }).toString(), name);
const db = createDatabase(values.database, { max: 2 });
const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
try {
  await migrate(db);
  const start = performance.now();
  const overrides = Object.fromEntries(
    Object.entries({
      clinics: number(values.clinics),
      appointmentsPerPatient: number(values['appointments-per-patient']),
      auditEventsPerPatient: number(values['audit-per-patient']),
      entryFraction: number(values['entry-fraction']),
    }).filter(([, v]) => v !== undefined),
  );
  const chain = await generateChain(db, chainSize(Number(values.patients), overrides), new Date());
  const size = await db.query<{ s: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS s',
  );
  console.log(
    JSON.stringify(
      {
        ...chain,
        clinics: chain.clinics.length,
        database: size.rows[0]!.s,
        totalSeconds: Math.round((performance.now() - start) / 1000),
      },
      null,
      2,
    ),
  );
} finally {
  await db.close();
}
