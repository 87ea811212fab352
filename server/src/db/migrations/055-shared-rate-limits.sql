-- Rate limit counters in PostgreSQL, shared by every app instance behind a proxy (ADR 043). One row per route and
-- caller key (an address, or address and email for sign-in); the window starts with the first hit. UNLOGGED: a
-- counter is not worth a WAL write and an fsync per public request; after a crash of PostgreSQL (or on a promoted
-- standby) the counters start again from zero, which only gives a caller one fresh window.
CREATE UNLOGGED TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_resets_at ON rate_limit_counters (resets_at);
