-- Each job worker says it is alive every few seconds; jobs locked by a worker that stopped saying so (its process
-- died) are released at once instead of after graphile-worker's four-hour reclaim.
CREATE TABLE job_worker_heartbeats (
  worker_id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
