-- One-time recovery codes for two-factor sign-in: ten per user, made when two-factor sign-in is turned on (or
-- regenerated, which deletes the old set). Only the SHA-256 of each code is kept; the codes are 80 random bits,
-- so a hash cannot be reversed by guessing. A code works once, in place of the 6-digit code.
CREATE TABLE recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  user_id uuid NOT NULL REFERENCES users (id),
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  used_at timestamptz,
  UNIQUE (user_id, code_hash)
);
CREATE INDEX recovery_codes_clinic_user_idx ON recovery_codes (clinic_id, user_id);
