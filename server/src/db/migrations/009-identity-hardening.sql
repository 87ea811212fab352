-- Identity hardening: sign-in throttles shared by every app instance, TOTP replay guard, absolute session
-- lifetime, and the demo flag on a clinic.

-- Failed sign-ins counted per client address (across emails) and per account email; one row per key.
-- `address:<ip>` rows limit an address to a number of failures per window; `account:<email>` rows add a
-- progressive delay after repeated failures. Counted before the password is checked, in one statement, so
-- parallel guesses cannot pass the limit together.
CREATE TABLE sign_in_throttles (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL,
  next_attempt_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_throttles_updated_idx ON sign_in_throttles (updated_at);

-- The last TOTP time step accepted for the user: a code of that step or an earlier one is refused.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Sessions end this many hours after sign-in, however active (the idle timeout still applies).
ALTER TABLE clinics
  ADD COLUMN session_lifetime_hours integer NOT NULL DEFAULT 12 CHECK (session_lifetime_hours BETWEEN 1 AND 720);

-- The demo clinic loaded for trials; the web app says so on every page.
ALTER TABLE clinics ADD COLUMN is_demo boolean NOT NULL DEFAULT false;
UPDATE clinics SET is_demo = true WHERE email = 'hello@demo.needlepoint.test';
