-- A chain's scale (ADR 038, docs/deploy.md): what EXPLAIN showed on a generated chain of 100 clinics.

-- Patient search matches given name, family name or email by prefix: each needs an index that leads with the
-- clinic (given and family have one since 001); without one for email the OR fell back to every patient of the clinic.
CREATE INDEX patients_clinic_email_idx ON patients (clinic_id, lower(email) text_pattern_ops);

-- Sessions last less than a day (numbing, procedure and turnover), so a calendar window can bound its scan from
-- below; before, "starts before the window ends" walked the clinic's whole history.
ALTER TABLE appointments ADD CONSTRAINT appointments_within_a_day
  CHECK (ends_at <= starts_at + interval '1 day' AND room_free_at <= starts_at + interval '1 day');

-- The screening work list walks the clinic's newest screenings first.
CREATE INDEX screenings_clinic_created_idx ON screenings (clinic_id, created_at DESC, id);
