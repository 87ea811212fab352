-- The language a patient reads the portal and their messages in (English or Spanish); staff see the choice.
ALTER TABLE patients
  ADD COLUMN preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es'));
