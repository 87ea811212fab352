// A process that starts the embedded PostgreSQL on DATA_DIR, prints its URL and waits: tests kill it with
// SIGKILL to leave an orphaned server behind, as a crashed app does.
import { startEmbeddedPostgres } from '../db/embedded';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-child.ts <data dir>');
const server = await startEmbeddedPostgres(dataDir, { database: 'needlepoint' });
process.stdout.write(`ready ${server.url}\n`);
setInterval(() => undefined, 60_000);
