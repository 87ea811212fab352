import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive, readPostmasterLock } from '../db/embedded-folder';

/** After a scenario: stops a PostgreSQL still running on `dataDir` (a failed run may leave one), removes the folder. */
export async function removeDataDir(dataDir: string | undefined): Promise<void> {
  if (!dataDir) return;
  const lock = await readPostmasterLock(join(dataDir, 'postgres'));
  if (lock && lock.pid > 0 && isAlive(lock.pid)) {
    process.kill(lock.pid, 'SIGQUIT');
    for (let i = 0; i < 100 && isAlive(lock.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(dataDir, { recursive: true, force: true });
}
