import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { enqueueJob, startJobs } from './jobs';
import { markWorkersAlive } from './job-workers.repo';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

/** Leaves one job locked by `worker`, as a process that died mid-job leaves it. */
async function jobLockedBy(worker: string, label: string): Promise<void> {
  await enqueueJob(database.db.pool, 'record', { label });
  await database.db.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '1 minute'
      WHERE payload->>'label' = $2`,
    [worker, label],
  );
}

describe('jobs of a worker that died', () => {
  it('run again at start instead of waiting hours; jobs of a live worker stay with it', async () => {
    await jobLockedBy('worker-of-a-killed-process', 'orphaned');
    await markWorkersAlive(database.db.pool, ['worker-still-alive']);
    await jobLockedBy('worker-still-alive', 'held');
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
