-- Photos the patient uploads with the intake (areas of concern). Kept in the database: one backup, one transaction.
CREATE TABLE patient_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  purpose text NOT NULL DEFAULT 'intake' CHECK (purpose IN ('intake')),
  area text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  byte_size integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX patient_photos_patient_idx ON patient_photos (clinic_id, patient_id, created_at DESC);
