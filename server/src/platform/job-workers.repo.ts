import type { Queryable } from '../db/database';

/** Marks these workers alive now (the database's clock: the sweep compares against the same clock). */
export async function markWorkersAlive(client: Queryable, workerIds: string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await client.query(
    `INSERT INTO job_worker_heartbeats (worker_id, seen_at) SELECT id, now() FROM unnest($1::text[]) AS id
     ON CONFLICT (worker_id) DO UPDATE SET seen_at = excluded.seen_at`,
    [workerIds],
  );
}

export async function forgetWorkers(client: Queryable, workerIds: string[]): Promise<void> {
  await client.query('DELETE FROM job_worker_heartbeats WHERE worker_id = ANY($1::text[])', [workerIds]);
}

/**
 * Releases jobs (and job queues) locked by workers not seen for `staleSeconds`: their process is gone. A job
 * locked less than `staleSeconds` ago is left alone: a worker that has just started may take a job before its first
 * heartbeat is written (on a busy database that write can wait), and releasing that job would run it twice.
 */
export async function releaseJobsOfDeadWorkers(client: Queryable, staleSeconds: number): Promise<string[]> {
  const { rows } = await client.query<{ worker_id: string }>(
    `SELECT DISTINCT locked_by AS worker_id FROM (
         SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
         UNION ALL
         SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
       ) locked
      WHERE locked_at < now() - make_interval(secs => $1)
        AND NOT EXISTS (SELECT 1 FROM job_worker_heartbeats h
                         WHERE h.worker_id = locked.locked_by AND h.seen_at > now() - make_interval(secs => $1))`,
    [staleSeconds],
  );
  const dead = rows.map((row) => row.worker_id);
  if (dead.length > 0) {
    await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
    await forgetWorkers(client, dead);
  }
  await client.query("DELETE FROM job_worker_heartbeats WHERE seen_at < now() - interval '1 day'");
  return dead;
}
