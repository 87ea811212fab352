-- Consent: versioned documents per clinic and kind, electronic signatures, revocations of photo consents.
-- All three tables are append-only: a published text, a signature and a revocation are evidence, never edited.

CREATE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

-- A new version of a kind means every patient must consent again to that kind.
CREATE TABLE consent_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  kind text NOT NULL CHECK (kind IN ('treatment-mechanical', 'treatment-rf', 'adjunct-prp',
                                     'photo-clinical', 'photo-teaching', 'photo-marketing')),
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  body text NOT NULL,
  -- SHA-256 (hex) of body, so a signature can be matched to the exact text signed.
  body_sha256 text NOT NULL,
  -- NULL for the built-in default texts.
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, kind, version)
);

CREATE TRIGGER consent_documents_no_update BEFORE UPDATE OR DELETE ON consent_documents
  FOR EACH ROW EXECUTE FUNCTION consents_append_only();
CREATE TRIGGER consent_documents_no_truncate BEFORE TRUNCATE ON consent_documents
  FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only();

CREATE TABLE consent_signatures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  document_id uuid NOT NULL REFERENCES consent_documents (id),
  kind text NOT NULL,
  document_version integer NOT NULL,
  -- SHA-256 (hex) of the document body as it was shown and signed.
  document_sha256 text NOT NULL,
  typed_name text NOT NULL CHECK (length(btrim(typed_name)) > 0),
  signature_png bytea NOT NULL,
  signed_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  signed_by_user uuid NOT NULL REFERENCES users (id)
);
CREATE INDEX consent_signatures_patient_idx ON consent_signatures (clinic_id, patient_id, kind, signed_at DESC);

CREATE TRIGGER consent_signatures_no_update BEFORE UPDATE OR DELETE ON consent_signatures
  FOR EACH ROW EXECUTE FUNCTION consents_append_only();
CREATE TRIGGER consent_signatures_no_truncate BEFORE TRUNCATE ON consent_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only();

-- Only photo consents are revocable through the portal; a signature is revoked at most once.
CREATE TABLE consent_revocations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  signature_id uuid NOT NULL UNIQUE REFERENCES consent_signatures (id),
  revoked_at timestamptz NOT NULL,
  reason text NOT NULL DEFAULT '',
  revoked_by_user uuid NOT NULL REFERENCES users (id)
);

CREATE TRIGGER consent_revocations_no_update BEFORE UPDATE OR DELETE ON consent_revocations
  FOR EACH ROW EXECUTE FUNCTION consents_append_only();
CREATE TRIGGER consent_revocations_no_truncate BEFORE TRUNCATE ON consent_revocations
  FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only();
