-- Treatment plans and scheduling: the plan governs booking; the database refuses double bookings.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A clinic's edited copies of plan templates (built-in templates live in code).
CREATE TABLE plan_templates (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id text NOT NULL,
  template jsonb NOT NULL,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

CREATE TABLE treatment_plans (
  id uuid PRIMARY KEY,
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  status text NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'completed', 'cancelled')),
  -- The whole plan as the core model holds it (protocol, zones, adjuncts, history of transitions).
  plan jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX treatment_plans_patient_idx ON treatment_plans (clinic_id, patient_id);

-- A clinic's overrides of the built-in service types.
CREATE TABLE service_types (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id text NOT NULL,
  definition jsonb NOT NULL,
  PRIMARY KEY (clinic_id, id)
);

CREATE TABLE rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  name text NOT NULL,
  serial_number text,
  room_id uuid REFERENCES rooms (id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Weekly hours in the clinic's local time: [{ weekday, start 'HH:MM', end 'HH:MM' }].
CREATE TABLE working_hours (
  provider_id uuid PRIMARY KEY REFERENCES users (id),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  rules jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE time_off (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  provider_id uuid NOT NULL REFERENCES users (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  CHECK (ends_at > starts_at)
);
CREATE INDEX time_off_provider_idx ON time_off (clinic_id, provider_id, starts_at);

ALTER TABLE appointments
  ADD COLUMN room_id uuid REFERENCES rooms (id),
  ADD COLUMN device_id uuid REFERENCES devices (id),
  ADD COLUMN plan_id uuid REFERENCES treatment_plans (id),
  ADD COLUMN session_number integer,
  ADD COLUMN procedure_starts_at timestamptz,
  -- The room is blocked until turnover ends.
  ADD COLUMN room_free_at timestamptz,
  ADD COLUMN override_reason text,
  ADD COLUMN cancel_reason text,
  ADD COLUMN booked_by uuid REFERENCES users (id),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE appointments SET procedure_starts_at = starts_at, room_free_at = ends_at;
ALTER TABLE appointments ALTER COLUMN procedure_starts_at SET NOT NULL, ALTER COLUMN room_free_at SET NOT NULL;

-- Exactly one booking wins a provider, room, device or patient for any moment: the database decides, not a check.
ALTER TABLE appointments
  ADD CONSTRAINT appointments_provider_free EXCLUDE USING gist
    (provider_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('booked', 'completed')),
  ADD CONSTRAINT appointments_room_free EXCLUDE USING gist
    (room_id WITH =, tstzrange(starts_at, room_free_at) WITH &&) WHERE (room_id IS NOT NULL AND status IN ('booked', 'completed')),
  ADD CONSTRAINT appointments_device_free EXCLUDE USING gist
    (device_id WITH =, tstzrange(procedure_starts_at, ends_at) WITH &&) WHERE (device_id IS NOT NULL AND status IN ('booked', 'completed')),
  ADD CONSTRAINT appointments_patient_free EXCLUDE USING gist
    (patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('booked', 'completed'));
CREATE INDEX appointments_plan_idx ON appointments (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX appointments_patient_idx ON appointments (clinic_id, patient_id, starts_at);

CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  service_type_id text NOT NULL,
  provider_id uuid REFERENCES users (id),
  plan_id uuid REFERENCES treatment_plans (id),
  earliest_date date NOT NULL,
  latest_date date NOT NULL,
  preferred_weekdays text[] NOT NULL DEFAULT '{}',
  preferred_times jsonb,
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'removed')),
  offered_booking_start timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (latest_date >= earliest_date)
);
CREATE INDEX waitlist_waiting_idx ON waitlist_entries (clinic_id, status, earliest_date);

-- Private iCalendar feeds (revocable): a provider's or a patient's sessions.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
