import { buildApp } from '../../server/src/app';
import { createDatabase } from '../../server/src/db/database';
import { startAuditSealer } from '../../server/src/platform/audit-sealer';
import { systemClock } from '../../server/src/platform/clock';

/**
 * The app as it runs in production, in a process of its own (so the load generator does not share its event
 * loop): the API on a free port, the audit sealer every second. Prints `{"port":N}`; stops on SIGTERM.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: audited-app.ts <database-url>');
const db = createDatabase(url, { max: 10 });
const app = await buildApp({ db, clock: systemClock, webDist: null, signInAttemptsPerMinute: 1000 });
const sealer = startAuditSealer({ db, clock: systemClock, anchor: null, log: (line) => console.error(line) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
process.on('SIGTERM', () => {
  void (async () => {
    await app.close();
    await sealer.stop();
    await db.close();
    process.exit(0);
  })();
});
