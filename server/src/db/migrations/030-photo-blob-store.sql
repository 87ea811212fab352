-- Photos move out of PostgreSQL into the blob store (a folder under DATA_DIR, or an S3-compatible bucket): each row
-- keeps the metadata, the checksum and the keys of its files. Files cannot be written from SQL, so the photos
-- already here keep their bytes in `content` until the mover (run at start-up and by `needlepoint photos move`)
-- has stored and verified each one, then empties it. A row always has its bytes in one of the two places.
ALTER TABLE patient_photos
  ALTER COLUMN content DROP NOT NULL,
  ADD COLUMN blob_key text,
  ADD COLUMN thumbnail_key text,
  ADD COLUMN width integer,
  ADD COLUMN height integer,
  ADD COLUMN captured_at timestamptz,
  ADD COLUMN taken_at timestamptz,
  ADD COLUMN view text,
  ADD COLUMN appointment_id uuid REFERENCES appointments (id),
  ADD COLUMN timing text CHECK (timing IN ('before', 'after')),
  ADD COLUMN check_in_id uuid REFERENCES aftercare_check_ins (id),
  ADD COLUMN scopes text[] NOT NULL DEFAULT '{clinical-record}'
    CHECK (scopes <@ ARRAY['clinical-record', 'teaching', 'marketing']::text[] AND cardinality(scopes) > 0);
UPDATE patient_photos SET taken_at = created_at;
ALTER TABLE patient_photos ALTER COLUMN taken_at SET NOT NULL;
ALTER TABLE patient_photos DROP CONSTRAINT patient_photos_purpose_check;
ALTER TABLE patient_photos
  ADD CONSTRAINT patient_photos_purpose_check CHECK (purpose IN ('intake', 'clinical', 'check-in')),
  ADD CONSTRAINT patient_photos_stored_check CHECK (content IS NOT NULL OR blob_key IS NOT NULL),
  ADD CONSTRAINT patient_photos_clinical_view_check CHECK (purpose = 'intake' OR view IS NOT NULL),
  ADD CONSTRAINT patient_photos_session_check CHECK ((appointment_id IS NULL) = (timing IS NULL)),
  ADD CONSTRAINT patient_photos_check_in_check CHECK ((purpose = 'check-in') = (check_in_id IS NOT NULL));
CREATE INDEX patient_photos_view_idx ON patient_photos (clinic_id, patient_id, view, taken_at) WHERE removed_at IS NULL;
CREATE INDEX patient_photos_marketing_idx ON patient_photos (clinic_id, taken_at DESC)
  WHERE removed_at IS NULL AND 'marketing' = ANY (scopes);
CREATE INDEX patient_photos_unmoved_idx ON patient_photos (clinic_id) WHERE blob_key IS NULL;
