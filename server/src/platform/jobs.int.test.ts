import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { enqueueJob, startJobs } from './jobs';
import { markWorkersAlive } from './job-workers.repo';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

/** Leaves one job locked by `worker` `secondsAgo`, as a process that died mid-job leaves it. */
async function jobLockedBy(worker: string, label: string, secondsAgo = 60): Promise<void> {
  await enqueueJob(database.db.pool, 'record', { label });
  await database.db.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - make_interval(secs => $3)
      WHERE payload->>'label' = $2`,
    [worker, label, secondsAgo],
  );
}

describe('jobs of a worker that died', () => {
  it('run again at start instead of waiting hours; jobs of a live worker stay with it', async () => {
    await jobLockedBy('worker-of-a-killed-process', 'orphaned');
    await markWorkersAlive(database.db.pool, ['worker-still-alive']);
    await jobLockedBy('worker-still-alive', 'held');
    // A worker of another instance that has just started: it took a job before writing its first heartbeat.
    await jobLockedBy('worker-just-started', 'just-taken', 8);
    const ran: string[] = [];
    const runner = await startJobs(
      database.db.pool,
      {
        record: async (payload) => {
          ran.push((payload as { label: string }).label);
        },
      },
      { heartbeatMs: 500 },
    );
    try {
      await expect.poll(() => ran, { timeout: 30_000, interval: 200 }).toContain('orphaned');
      const { rows } = await database.db.query<{ locked_by: string | null }>(
        "SELECT locked_by FROM graphile_worker._private_jobs WHERE payload->>'label' = 'held'",
      );
      expect(rows[0]!.locked_by).toBe('worker-still-alive');
      expect(ran).not.toContain('held');
      const justTaken = await database.db.query<{ locked_by: string | null }>(
        "SELECT locked_by FROM graphile_worker._private_jobs WHERE payload->>'label' = 'just-taken'",
      );
      expect(justTaken.rows[0]!.locked_by).toBe('worker-just-started');
      expect(ran).not.toContain('just-taken');
      // The runner's own workers say they are alive.
      await expect
        .poll(
          async () =>
            (
              await database.db.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM job_worker_heartbeats WHERE worker_id <> 'worker-still-alive'",
              )
            ).rows[0]!.n,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
    } finally {
      await runner.stop();
    }
  });
});
