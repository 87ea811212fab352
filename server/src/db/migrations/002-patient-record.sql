-- The patient record: intake answers, reviewed lists, versions, identifiers and coded entries with provenance.

ALTER TABLE patients
  ADD COLUMN address text NOT NULL DEFAULT '',
  -- Intake answers by key (see core knowledge answer keys): { "<key>": { "value": "yes|no|unknown", "date": "YYYY-MM-DD"? } }
  ADD COLUMN answers jsonb NOT NULL DEFAULT '{}',
  -- When each list (conditions, medications, allergies) was last confirmed complete; absent = never asked.
  ADD COLUMN lists_reviewed jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN merged_into uuid REFERENCES patients (id);

ALTER TABLE patient_entries
  ADD COLUMN codes jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN body_sites text[] NOT NULL DEFAULT '{}',
  ADD COLUMN source text NOT NULL DEFAULT 'clinic' CHECK (source IN ('clinic', 'intake', 'import')),
  ADD COLUMN source_ref text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE patient_entries SET codes = jsonb_build_array(jsonb_build_object('system', system, 'code', code, 'display', display))
  WHERE system IS NOT NULL AND code IS NOT NULL;
CREATE UNIQUE INDEX patient_entries_source_ref_idx ON patient_entries (clinic_id, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE patient_identifiers (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  system text NOT NULL,
  value text NOT NULL,
  patient_id uuid NOT NULL REFERENCES patients (id),
  PRIMARY KEY (clinic_id, system, value)
);

-- Every change to a patient record: who, when, and each changed field's before and after.
CREATE TABLE patient_versions (
  id bigserial PRIMARY KEY,
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  version integer NOT NULL,
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  summary text NOT NULL,
  changes jsonb NOT NULL DEFAULT '{}',
  UNIQUE (patient_id, version)
);
