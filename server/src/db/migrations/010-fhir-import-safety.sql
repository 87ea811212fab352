-- FHIR import safety: deceased patients and birth sex, partial dates and review flags on entries, Medications
-- kept to name later references, and possible duplicates found by the import for staff to review.

ALTER TABLE patients
  ADD COLUMN deceased boolean NOT NULL DEFAULT false,
  -- As recorded: YYYY, YYYY-MM or YYYY-MM-DD (precision kept).
  ADD COLUMN deceased_date text CHECK (deceased_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  ADD COLUMN birth_sex text CHECK (birth_sex IN ('female', 'male', 'other', 'unknown'));

ALTER TABLE patient_entries
  -- A partial date as recorded (`2019`, `2019-04`); start_date / end_date then hold its first day.
  ADD COLUMN start_partial text CHECK (start_partial ~ '^\d{4}(-\d{2})?$'),
  ADD COLUMN end_partial text CHECK (end_partial ~ '^\d{4}(-\d{2})?$'),
  -- Why staff must review the entry (e.g. a medication that could not be named); screening reports it.
  ADD COLUMN review text;

-- Medication resources seen by imports, by each reference that can reach them (`Medication/id`, fullUrl),
-- so a MedicationRequest imported later can still be named.
CREATE TABLE imported_medications (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  ref text NOT NULL,
  resource jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, ref)
);

-- An imported patient that may be the same person as an existing one (a shared identifier with a different name
-- or birth date, or the same name and birth date with a different identifier). Never merged automatically.
CREATE TABLE possible_duplicates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  other_patient_id uuid NOT NULL REFERENCES patients (id),
  reason text NOT NULL,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  UNIQUE (clinic_id, patient_id, other_patient_id)
);
CREATE INDEX possible_duplicates_open_idx ON possible_duplicates (clinic_id) WHERE resolved_at IS NULL;
