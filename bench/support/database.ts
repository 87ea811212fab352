import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '../../server/src/db/database';
import { ensureDatabase, startEmbeddedPostgres } from '../../server/src/db/embedded';
import { migrate } from '../../server/src/db/migrate';

/** A migrated throw-away database for one benchmark: on DATABASE_URL's server, else an embedded one. */
export async function benchDatabase(): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const name = `needlepoint_bench_${process.pid}_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    await ensureDatabase(admin, name);
    const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
    const db = createDatabase(url, { max: 10 });
    await migrate(db);
    return {
      db,
      url,
      async dispose() {
        await db.close();
        const client = new pg.Client({ connectionString: admin });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'needlepoint-bench-pg-'));
  const server = await startEmbeddedPostgres(dir, { database: name, persistent: false });
  const db = createDatabase(server.url, { max: 10 });
  await migrate(db);
  return {
    db,
    url: server.url,
    async dispose() {
      await db.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
