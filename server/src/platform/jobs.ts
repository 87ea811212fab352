import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type pg from 'pg';
import type { Queryable } from '../db/database';

/**
 * Durable background jobs on the same PostgreSQL (graphile-worker, ADR 003). A use case enqueues its job inside
 * its own transaction, so the job exists exactly when the data that needs it does.
 */

const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error') console.error(`[jobs] ${message}`);
});

/** Creates or upgrades the job queue's own schema (`graphile_worker`). */
export async function migrateJobs(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: quietLogger });
}

export async function startJobs(
  pool: pg.Pool,
  tasks: TaskList,
  options: { concurrency?: number } = {},
): Promise<Runner> {
  return run({
    pgPool: pool,
    taskList: tasks,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    logger: quietLogger,
    pollInterval: 2000,
  });
}

export interface EnqueueOptions {
  runAt?: Date;
  /** One job per key: enqueuing again with the same key replaces the pending job (e.g. a rescheduled reminder). */
  jobKey?: string;
  maxAttempts?: number;
}

export async function enqueueJob(
  client: Queryable,
  task: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await client.query(
    `SELECT graphile_worker.add_job(identifier => $1, payload => $2::json, run_at => $3, job_key => $4, max_attempts => $5)`,
    [task, JSON.stringify(payload), options.runAt ?? null, options.jobKey ?? null, options.maxAttempts ?? 10],
  );
}

/** Removes a pending job by key (e.g. the reminder of a cancelled session). */
export async function cancelJob(client: Queryable, jobKey: string): Promise<void> {
  await client.query('SELECT graphile_worker.remove_job($1)', [jobKey]);
}
