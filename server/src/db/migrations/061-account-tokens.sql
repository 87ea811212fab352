-- Links sent by email that let a person set their password: a staff invitation (72 hours) or a password reset
-- (60 minutes). Only the SHA-256 of the link's token is kept; a token works once (`used_at`), and a newer link of the
-- same kind replaces the older ones (`revoked_at`).
CREATE TABLE account_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (purpose IN ('staff-invitation', 'password-reset')),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX account_tokens_user_idx ON account_tokens (clinic_id, user_id, purpose, created_at DESC);

-- An invited staff member has no password until they choose one from the invitation link.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
