-- A consent document's version has an English text and may have a Spanish one (ADR 069). Both belong to the
-- version: a change to either language is a new version, and the row stays append-only.
ALTER TABLE consent_documents
  ADD COLUMN title_es text,
  ADD COLUMN body_es text,
  -- SHA-256 (hex) of body_es, so a signature in Spanish can be matched to the exact text signed.
  ADD COLUMN body_es_sha256 text,
  ADD CONSTRAINT consent_documents_spanish_whole
    CHECK ((title_es IS NULL) = (body_es IS NULL) AND (body_es IS NULL) = (body_es_sha256 IS NULL));

-- The language the patient read and signed; document_sha256 is the hash of that language's body.
-- Signatures made before this migration were all of the English text.
ALTER TABLE consent_signatures
  ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
