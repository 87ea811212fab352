-- Aftercare: check-in prompts after a completed session, symptom check-ins with their triage, staff actions,
-- and in-app alerts for urgent check-ins.

CREATE TABLE aftercare_settings (
  clinic_id uuid PRIMARY KEY REFERENCES clinics (id),
  prompt_days integer[] NOT NULL DEFAULT '{1,3,7}',
  on_call_provider_id uuid REFERENCES users (id),
  missed_after_hours integer NOT NULL DEFAULT 24 CHECK (missed_after_hours BETWEEN 1 AND 168),
  -- The clinic's days for the preparation and aftercare timeline (core/src/aftercare/timeline.ts); {} = defaults.
  timeline jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A check-in the patient is asked for on a given day after a completed session.
CREATE TABLE aftercare_prompts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  appointment_id uuid NOT NULL REFERENCES appointments (id),
  day integer NOT NULL CHECK (day >= 0),
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'sent', 'answered')),
  sent_at timestamptz,
  check_in_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (appointment_id, day)
);
CREATE INDEX aftercare_prompts_open_idx ON aftercare_prompts (clinic_id, due_at) WHERE status <> 'answered';

CREATE TABLE aftercare_check_ins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  appointment_id uuid NOT NULL REFERENCES appointments (id),
  days_since_treatment integer NOT NULL CHECK (days_since_treatment >= 0),
  answers jsonb NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('expected', 'routine', 'soon', 'same-day', 'emergency')),
  -- 4 = emergency ... 0 = expected: the queue orders by it.
  urgency_rank smallint NOT NULL CHECK (urgency_rank BETWEEN 0 AND 4),
  triage jsonb NOT NULL,
  rules_version text NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  review_status text NOT NULL DEFAULT 'open' CHECK (review_status IN ('open', 'reviewed', 'contacted'))
);
CREATE INDEX aftercare_check_ins_queue_idx ON aftercare_check_ins (clinic_id, review_status, urgency_rank DESC, submitted_at);
CREATE INDEX aftercare_check_ins_patient_idx ON aftercare_check_ins (clinic_id, patient_id, submitted_at DESC);
ALTER TABLE aftercare_prompts
  ADD CONSTRAINT aftercare_prompts_check_in_fk FOREIGN KEY (check_in_id) REFERENCES aftercare_check_ins (id);

-- What staff did about a check-in (append-only; the check-in keeps the latest status).
CREATE TABLE aftercare_check_in_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  check_in_id uuid NOT NULL REFERENCES aftercare_check_ins (id),
  action text NOT NULL CHECK (action IN ('reviewed', 'contacted')),
  note text NOT NULL DEFAULT '',
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aftercare_check_in_actions_idx ON aftercare_check_in_actions (clinic_id, check_in_id, created_at);

-- In-app alerts for urgent check-ins, one per recipient.
CREATE TABLE aftercare_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  user_id uuid NOT NULL REFERENCES users (id),
  check_in_id uuid NOT NULL REFERENCES aftercare_check_ins (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz
);
CREATE INDEX aftercare_alerts_user_idx ON aftercare_alerts (clinic_id, user_id, created_at DESC);
