-- Messages that never get lost (ADR 028): every message is a row (the outbox) written in the same transaction as
-- the work that caused it, and delivered by the durable job queue (job `message-deliver`, key `message:<id>`).

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  -- The recipient: a patient, or a staff member (alerts to providers).
  patient_id uuid REFERENCES patients (id),
  user_id uuid REFERENCES users (id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'portal')),
  -- Email address or phone number, fixed when the row is written; none for the portal inbox.
  address text,
  template text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  -- Values only the message may carry (an invitation link's token): erased once the message is sent or given up.
  secret_params jsonb,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
  essential boolean NOT NULL,
  -- What the message belongs to (e.g. `booking:<id>:reminder`), so a moved or cancelled session withdraws it.
  topic text,
  -- The email Message-ID, made before the first attempt: a retry after a crash sends the same one.
  message_id text NOT NULL UNIQUE,
  send_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled'
    CHECK (status IN ('scheduled', 'sending', 'retrying', 'sent', 'failed', 'withdrawn')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- What was sent (the body is not kept for messages with secrets).
  subject text,
  body text,
  sent_at timestamptz,
  read_at timestamptz,
  withdrawn_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((patient_id IS NULL) <> (user_id IS NULL)),
  CHECK ((channel = 'portal') = (address IS NULL))
);
CREATE INDEX messages_patient_idx ON messages (clinic_id, patient_id, created_at DESC);
CREATE INDEX messages_topic_idx ON messages (clinic_id, topic) WHERE status IN ('scheduled', 'retrying');
CREATE INDEX messages_status_idx ON messages (clinic_id, status, send_at DESC);

-- How a patient wants to hear from the clinic. Essential messages (appointment changes, urgent advice) ignore
-- `non_essential`; the portal inbox always gets a copy.
CREATE TABLE message_preferences (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid PRIMARY KEY REFERENCES patients (id),
  email boolean NOT NULL DEFAULT true,
  sms boolean NOT NULL DEFAULT false,
  non_essential boolean NOT NULL DEFAULT true,
  -- Carried in every email's List-Unsubscribe link; it can only turn non-essential messages off.
  unsubscribe_token text NOT NULL UNIQUE,
  updated_at timestamptz NOT NULL
);

-- The development mail catcher: without SMTP_URL, sent emails are kept here for an owner of a trial to read.
CREATE TABLE caught_mail (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  message_id text NOT NULL,
  address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  calendar text,
  created_at timestamptz NOT NULL
);
CREATE INDEX caught_mail_clinic_idx ON caught_mail (clinic_id, created_at DESC);

-- RFC 5546: the calendar invitation's SEQUENCE rises on every move (and on cancelling).
ALTER TABLE appointments ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0;

-- Staff calendar feeds show initials and the service unless the clinic chooses full names.
ALTER TABLE clinics ADD COLUMN calendar_feed_full_names boolean NOT NULL DEFAULT false;
