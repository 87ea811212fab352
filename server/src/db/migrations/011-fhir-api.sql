-- The open FHIR API: systems registered for SMART Backend Services, their tokens, and Bulk Data exports.

CREATE TABLE fhir_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  name text NOT NULL,
  -- The client's public keys as a JWKS ({ "keys": [...] }); never a private key.
  jwks jsonb NOT NULL,
  -- SMART v2 system scopes the client may be granted, e.g. {system/Patient.rs}.
  scopes text[] NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX fhir_clients_clinic_idx ON fhir_clients (clinic_id, created_at);

-- Each assertion's jti is taken once until the assertion expires: a replayed assertion is refused.
CREATE TABLE fhir_client_assertions (
  client_id uuid NOT NULL REFERENCES fhir_clients (id),
  jti text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);

-- Short-lived access tokens, stored by their SHA-256 only.
CREATE TABLE fhir_access_tokens (
  token_hash text PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES fhir_clients (id),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX fhir_access_tokens_expiry_idx ON fhir_access_tokens (expires_at);

-- Bulk Data exports: kicked off by a client or a staff member, run as a job, files under the export folder.
CREATE TABLE fhir_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  requested_by_user uuid REFERENCES users (id),
  requested_by_client uuid REFERENCES fhir_clients (id),
  level text NOT NULL CHECK (level IN ('system', 'patient')),
  types text[] NOT NULL,
  since timestamptz,
  request_url text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  progress text NOT NULL DEFAULT '',
  -- [{ "type": "Patient", "file": "Patient.ndjson", "count": 10 }]
  output jsonb NOT NULL DEFAULT '[]',
  error text,
  transaction_time timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CHECK ((requested_by_user IS NULL) <> (requested_by_client IS NULL))
);
CREATE INDEX fhir_exports_clinic_idx ON fhir_exports (clinic_id, created_at);

-- Search and export walk resources in id order (keyset paging) and by last change.
CREATE INDEX patients_clinic_id_idx ON patients (clinic_id, id);
CREATE INDEX patients_clinic_updated_idx ON patients (clinic_id, updated_at);
CREATE INDEX patient_entries_clinic_kind_id_idx ON patient_entries (clinic_id, kind, id);
CREATE INDEX patient_identifiers_value_idx ON patient_identifiers (clinic_id, value);
CREATE INDEX patient_identifiers_patient_idx ON patient_identifiers (clinic_id, patient_id);
