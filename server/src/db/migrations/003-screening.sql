-- Screening: each run is stored with the knowledge version and clinic settings it used; decisions on findings.

-- Clinic overrides of the screening settings, versioned: a new row per change, never updated.
CREATE TABLE clinic_screening_settings (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  version integer NOT NULL,
  overrides jsonb NOT NULL,
  reason text NOT NULL,
  changed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, version)
);

CREATE TABLE screenings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  appointment_id uuid REFERENCES appointments (id),
  trigger text NOT NULL CHECK (trigger IN ('manual', 'intake', 'booking', 'pre-session')),
  as_of date NOT NULL,
  areas text[] NOT NULL,
  modality text NOT NULL,
  verdict text NOT NULL,
  findings jsonb NOT NULL,
  knowledge_version text NOT NULL,
  settings_version integer NOT NULL,
  settings jsonb NOT NULL,
  record_version integer NOT NULL,
  changes jsonb,
  run_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screenings_patient_idx ON screenings (clinic_id, patient_id, created_at DESC);

CREATE TABLE screening_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  screening_id uuid NOT NULL REFERENCES screenings (id),
  rule_id text NOT NULL,
  finding_code text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('accept-risk', 'request-clearance', 'clearance-received', 'defer')),
  reason text NOT NULL,
  until date,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decision <> 'defer' OR until IS NOT NULL)
);
CREATE INDEX screening_decisions_patient_idx ON screening_decisions (clinic_id, patient_id, rule_id, decided_at DESC);
