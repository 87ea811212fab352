import type { Database } from '../../db/database';
import { pendingMigrations } from '../../db/migrate';

export interface Readiness {
  ready: boolean;
  database: boolean;
  pendingMigrations: string[];
}

/** Ready when the database answers and every migration in the code has been applied. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    const pending = await pendingMigrations(db);
    return { ready: pending.length === 0, database: true, pendingMigrations: pending };
  } catch {
    return { ready: false, database: false, pendingMigrations: [] };
  }
}
