-- An adverse event opened from a patient's aftercare check-in keeps the check-in it came from.
ALTER TABLE adverse_events ADD COLUMN check_in_id uuid REFERENCES aftercare_check_ins (id);
CREATE INDEX adverse_events_check_in_idx ON adverse_events (clinic_id, check_in_id) WHERE check_in_id IS NOT NULL;
