-- Outcome scores: one row per scale scored on a plan at a time point (baseline, session n, follow-up), by the
-- provider or by the patient in the portal. The scale version and its direction are stored with every score.
CREATE TABLE outcome_scores (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  plan_id uuid NOT NULL REFERENCES treatment_plans (id),
  appointment_id uuid REFERENCES appointments (id),
  scale_id text NOT NULL,
  scale_version text NOT NULL,
  scored_by text NOT NULL CHECK (scored_by IN ('provider', 'patient')),
  direction text NOT NULL CHECK (direction IN ('lower-is-better', 'higher-is-better')),
  timepoint text NOT NULL CHECK (timepoint IN ('baseline', 'session', 'follow-up')),
  session_number integer CHECK (session_number BETWEEN 1 AND 52),
  item_values jsonb NOT NULL,
  total double precision NOT NULL,
  band jsonb,
  parts jsonb NOT NULL DEFAULT '{}',
  notes jsonb NOT NULL DEFAULT '[]',
  -- Which version of the clinic's scoring settings was used (0 = the built-in defaults).
  settings_version integer NOT NULL DEFAULT 0,
  recorded_by uuid NOT NULL REFERENCES users (id),
  scored_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((timepoint = 'session') = (session_number IS NOT NULL))
);
CREATE INDEX outcome_scores_plan_idx ON outcome_scores (clinic_id, plan_id, scale_id, scored_at);
CREATE INDEX outcome_scores_patient_idx ON outcome_scores (clinic_id, patient_id, scored_at);

-- Scoring facts the evidence marks "(verify)": each clinic may edit them. No row = the built-in defaults.
CREATE TABLE clinic_outcome_settings (
  clinic_id uuid PRIMARY KEY REFERENCES clinics (id),
  settings jsonb NOT NULL,
  version integer NOT NULL,
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
