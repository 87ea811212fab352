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
}
