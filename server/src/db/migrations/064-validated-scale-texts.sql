-- A clinic's licensed, validated translation of a patient-scored scale (GAIS, POSAS), with its source (ADR 067,
-- ADR 069). One row per saved version, append-only: the latest version of (clinic, scale, language) is shown to
-- patients reading in that language. No row: they see the English items with a note.
CREATE TABLE validated_scale_texts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  scale_id text NOT NULL CHECK (scale_id IN ('gais-subject', 'posas-patient')),
  language text NOT NULL CHECK (language IN ('es')),
  version integer NOT NULL CHECK (version >= 1),
  -- Key (`name`, `item.<id>`, `item.<id>.choice.<value>`...) to the validated wording (core/src/outcomes/validated-texts.ts).
  texts jsonb NOT NULL,
  -- The licence and the published source of the translation: who validated it and where it is published.
  source text NOT NULL CHECK (length(btrim(source)) > 0),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, scale_id, language, version)
);

CREATE TRIGGER validated_scale_texts_no_update BEFORE UPDATE OR DELETE ON validated_scale_texts
  FOR EACH ROW EXECUTE FUNCTION consents_append_only();
CREATE TRIGGER validated_scale_texts_no_truncate BEFORE TRUNCATE ON validated_scale_texts
  FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only();
