-- The screening work list (ADR 070) walks only the screenings that found something, newest first, a page at a time:
-- four in five screenings find nothing, and a clinic's flagged screenings grow with its history.
CREATE INDEX screenings_flagged_idx ON screenings (clinic_id, created_at DESC, id) WHERE findings <> '[]'::jsonb;
