-- Foundation: clinics, staff and patient accounts, sessions, the hash-chained audit log, patients.

CREATE TABLE clinics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'UTC',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  session_timeout_minutes integer NOT NULL DEFAULT 480 CHECK (session_timeout_minutes BETWEEN 5 AND 1440),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE patients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  email text,
  phone text,
  fitzpatrick smallint CHECK (fitzpatrick BETWEEN 1 AND 6),
  concerns text[] NOT NULL DEFAULT '{}',
  notes text NOT NULL DEFAULT '',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patients_clinic_family_idx ON patients (clinic_id, lower(family_name) text_pattern_ops);
CREATE INDEX patients_clinic_given_idx ON patients (clinic_id, lower(given_name) text_pattern_ops);
CREATE INDEX patients_clinic_birth_idx ON patients (clinic_id, birth_date);

-- One row per coded clinical fact on the record: conditions, medications, allergies, procedures, observations.
CREATE TABLE patient_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  kind text NOT NULL CHECK (kind IN ('condition', 'medication', 'allergy', 'procedure', 'observation')),
  system text,
  code text,
  display text NOT NULL,
  status text NOT NULL,
  start_date date,
  end_date date,
  value text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patient_entries_patient_idx ON patient_entries (clinic_id, patient_id, kind);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'provider', 'front-desk', 'patient')),
  patient_id uuid REFERENCES patients (id),
  password_hash text NOT NULL,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'patient') = (patient_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_clinic_idx ON users (clinic_id);

-- Sessions are stored by the SHA-256 of the cookie token, never the token itself.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only, hash-chained per clinic: hash = sha256(prev_hash || canonical event). Rows are never updated.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_role text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  patient_id uuid,
  ip text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (clinic_id, seq)
);
CREATE INDEX audit_events_patient_idx ON audit_events (clinic_id, patient_id, seq);
CREATE INDEX audit_events_actor_idx ON audit_events (clinic_id, actor_user_id, seq);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  provider_id uuid NOT NULL REFERENCES users (id),
  service text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'completed', 'cancelled', 'no-show')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX appointments_clinic_start_idx ON appointments (clinic_id, starts_at);
