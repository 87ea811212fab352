-- Patient portal: invitations by email link, and the intake questionnaire (saved as the patient goes).

CREATE TABLE portal_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  email text NOT NULL,
  -- SHA-256 of the link's token; the token itself is only in the email.
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz
);
CREATE INDEX portal_invitations_patient_idx ON portal_invitations (clinic_id, patient_id);

CREATE TABLE intake_forms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  status text NOT NULL CHECK (status IN ('draft', 'submitted')),
  -- What the patient has typed so far, any shape: validated only on submission.
  draft jsonb NOT NULL DEFAULT '{}',
  step text NOT NULL DEFAULT '',
  submitted jsonb,
  screening_id uuid REFERENCES screenings (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz
);
CREATE UNIQUE INDEX intake_forms_one_draft_idx ON intake_forms (patient_id) WHERE status = 'draft';
CREATE INDEX intake_forms_patient_idx ON intake_forms (clinic_id, patient_id, submitted_at DESC);
