import { runOnce } from 'graphile-worker';
import type { Database } from '../db/database';
import { makeTasks, type TaskDeps } from '../jobs/tasks';
import { messageJobs } from '../modules/messages/messages-jobs';
import type { Clock } from '../platform/clock';
import type { Mailer } from '../platform/mail';

export const testMailFrom = 'Clinic <clinic@test.needlepoint>';

type DeliveryOptions = { mailer: Mailer | null; clock: Clock } & Partial<Omit<TaskDeps, 'db'>>;

function tasks(db: Database, deps: DeliveryOptions) {
  return makeTasks({
    publicUrl: 'https://clinic.test',
    mailFrom: testMailFrom,
    log: () => undefined,
    ...deps,
    db,
  });
}

/** Delivers every outbox message that is due (only `message-deliver` jobs; other jobs stay queued). */
export async function deliverDueMessages(db: Database, deps: DeliveryOptions): Promise<void> {
  await runOnce({
    pgPool: db.pool,
    taskList: { [messageJobs.deliver]: tasks(db, deps)[messageJobs.deliver]! },
  });
  await jobFailuresRecorded(db);
}

/**
 * graphile-worker records a failed attempt (unlock, backoff) without awaiting it, so `runOnce` can return first;
 * wait until no job is left locked so the test reads the queue as it will be.
 */
async function jobFailuresRecorded(db: Database): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const locked = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE locked_at IS NOT NULL',
    );
    if (locked.rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('Jobs stayed locked after the run');
}
