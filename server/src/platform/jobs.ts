import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { Queryable } from '../db/database';
import { forgetWorkers, markWorkersAlive, releaseJobsOfDeadWorkers } from './job-workers.repo';

/**
 * Durable background jobs on the same PostgreSQL (graphile-worker, ADR 003). A use case enqueues its job inside
 * its own transaction, so the job exists exactly when the data that needs it does.
 */

const quietLogger = new Logger(() => (level, message) => {
  if ((level as string) === 'error') console.error(`[jobs] ${message}`);
});

/** Creates or upgrades the job queue's own schema (`graphile_worker`). */
export async function migrateJobs(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: quietLogger });
}

export interface JobOptions {
  concurrency?: number;
  /** How often workers say they are alive, and how often the sweep looks for jobs of dead workers. */
  heartbeatMs?: number;
  /** A worker not heard from for this long is dead: its jobs are released to run again. */
  staleSeconds?: number;
}

/**
 * Starts the workers. Each says it is alive every few seconds (`job_worker_heartbeats`); on start and then
 * periodically, jobs still locked by workers that stopped saying so (their process died mid-job) are released,
 * so they run again within a minute instead of after graphile-worker's four-hour reclaim. `stop` lets running
 * jobs finish.
 */
export async function startJobs(pool: pg.Pool, tasks: TaskList, options: JobOptions = {}): Promise<Runner> {
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const staleSeconds = options.staleSeconds ?? 30;
  const workers = new Set<string>();
  const beat = () => markWorkersAlive(pool, [...workers]).catch(() => undefined);
  const sweep = () => releaseJobsOfDeadWorkers(pool, staleSeconds).catch(() => []);
  await sweep();
  // Listen before the workers exist: they are created while `run` starts.
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => {
    workers.add(worker.workerId);
    void beat();
  });
  events.on('worker:stop', ({ worker }) => {
    workers.delete(worker.workerId);
    void forgetWorkers(pool, [worker.workerId]).catch(() => undefined);
  });
  const runner = await run({
    events,
    pgPool: pool,
    taskList: tasks,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    logger: quietLogger,
    pollInterval: 2000,
  });
  const timer = setInterval(() => void beat().then(sweep), heartbeatMs);
  timer.unref();
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    clearInterval(timer);
    await stop();
  };
  return runner;
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

/** A job to queue: its task, payload and options. */
export type NewJob = { task: string; payload: Record<string, unknown> } & EnqueueOptions;

/** Several jobs in one statement, each exactly as `enqueueJob` queues it. */
export async function enqueueJobs(client: Queryable, jobs: readonly NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await client.query(
    `SELECT graphile_worker.add_job(identifier => j.task, payload => j.payload, run_at => j.run_at,
                                    job_key => j.job_key, max_attempts => j.max_attempts)
       FROM json_to_recordset($1::json) AS j(task text, payload json, run_at timestamptz, job_key text, max_attempts int)`,
    [
      JSON.stringify(
        jobs.map((j) => ({
          task: j.task,
          payload: j.payload,
          run_at: j.runAt ?? null,
          job_key: j.jobKey ?? null,
          max_attempts: j.maxAttempts ?? 10,
        })),
      ),
    ],
  );
}

/** Removes a pending job by key (e.g. the reminder of a cancelled session). */
export async function cancelJob(client: Queryable, jobKey: string): Promise<void> {
  await client.query('SELECT graphile_worker.remove_job($1)', [jobKey]);
}
