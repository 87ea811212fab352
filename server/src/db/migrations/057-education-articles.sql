-- The clinic's education library: plain-language articles in English and Spanish, one row per saved version
-- (append-only); the latest version of a (slug, language) is the article. Defaults from the repository are
-- copied in as version 1 the first time a clinic's library is read.
CREATE TABLE education_articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  language text NOT NULL CHECK (language IN ('en', 'es')),
  version integer NOT NULL CHECK (version >= 1),
  position integer NOT NULL DEFAULT 0,
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  body text NOT NULL,
  published boolean NOT NULL DEFAULT true,
  saved_by uuid REFERENCES users (id),
  saved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, slug, language, version)
);

CREATE FUNCTION education_articles_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'education article versions are never changed or removed';
END;
$$;

CREATE TRIGGER education_articles_append_only
  BEFORE UPDATE OR DELETE ON education_articles
  FOR EACH ROW EXECUTE FUNCTION education_articles_append_only();
