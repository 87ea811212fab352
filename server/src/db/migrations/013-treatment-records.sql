-- The treatment record (charting in the room), inventory and lot traceability, adverse events.

-- Devices: service dates (the scheduling module owns name, serial, room).
ALTER TABLE devices
  ADD COLUMN model text,
  ADD COLUMN last_serviced_on date,
  ADD COLUMN next_service_due_on date;

CREATE TABLE inventory_products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cartridge', 'roller', 'glide', 'adjunct', 'numbing', 'other')),
  gtin text CHECK (gtin ~ '^[0-9]{8,14}$'),
  needle_count integer,
  -- Labelled sterile and for use with needling or intradermal use: on the allow-list (evidence.md 1.14).
  sterile_for_needling boolean NOT NULL DEFAULT false,
  low_stock_threshold integer NOT NULL DEFAULT 5,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inventory_products_gtin_idx ON inventory_products (clinic_id, gtin);

CREATE TABLE inventory_lots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  product_id uuid NOT NULL REFERENCES inventory_products (id),
  lot text NOT NULL,
  expiry date NOT NULL,
  quantity_on_hand integer NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (clinic_id, product_id, lot)
);
CREATE INDEX inventory_lots_expiry_idx ON inventory_lots (clinic_id, expiry);

CREATE TABLE treatment_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  appointment_id uuid NOT NULL UNIQUE REFERENCES appointments (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  provider_id uuid NOT NULL REFERENCES users (id),
  plan_id uuid REFERENCES treatment_plans (id),
  modality text NOT NULL DEFAULT 'mechanical' CHECK (modality IN ('mechanical', 'rf')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  version integer NOT NULL DEFAULT 1,
  -- The charted draft (core TreatmentRecordDraft).
  draft jsonb NOT NULL,
  screening_id uuid REFERENCES screenings (id),
  screening_override jsonb,
  prefilled_from jsonb NOT NULL DEFAULT '{}',
  signed_at timestamptz,
  signed_by uuid REFERENCES users (id),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))
);
CREATE INDEX treatment_records_patient_idx ON treatment_records (clinic_id, patient_id, created_at DESC);

-- Consumables and adjuncts charted on a record, one row per lot: the lot lookup for recalls reads this.
CREATE TABLE treatment_record_lots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  record_id uuid NOT NULL REFERENCES treatment_records (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  lot_id uuid REFERENCES inventory_lots (id),
  product_name text NOT NULL,
  gtin text,
  lot text NOT NULL,
  lot_key text GENERATED ALWAYS AS (upper(lot)) STORED,
  expiry date,
  quantity integer NOT NULL DEFAULT 1
);
CREATE INDEX treatment_record_lots_lot_idx ON treatment_record_lots (clinic_id, lot_key);
CREATE INDEX treatment_record_lots_record_idx ON treatment_record_lots (record_id);

CREATE TABLE treatment_record_addenda (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  record_id uuid NOT NULL REFERENCES treatment_records (id),
  text text NOT NULL,
  signed_by uuid NOT NULL REFERENCES users (id),
  signed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX treatment_record_addenda_record_idx ON treatment_record_addenda (record_id, signed_at);

CREATE TABLE inventory_movements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  lot_id uuid NOT NULL REFERENCES inventory_lots (id),
  change integer NOT NULL,
  reason text NOT NULL CHECK (reason IN ('received', 'used', 'adjusted')),
  record_id uuid REFERENCES treatment_records (id),
  by_user uuid REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inventory_movements_lot_idx ON inventory_movements (lot_id, at);

-- A signed record is never edited in place: the database refuses it, whoever asks.
CREATE FUNCTION treatment_record_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' THEN
      RAISE EXCEPTION 'treatment record % is signed and cannot be deleted', OLD.id USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'signed' AND (
       NEW.draft IS DISTINCT FROM OLD.draft OR NEW.status IS DISTINCT FROM OLD.status
    OR NEW.patient_id IS DISTINCT FROM OLD.patient_id OR NEW.provider_id IS DISTINCT FROM OLD.provider_id
    OR NEW.appointment_id IS DISTINCT FROM OLD.appointment_id OR NEW.plan_id IS DISTINCT FROM OLD.plan_id
    OR NEW.modality IS DISTINCT FROM OLD.modality OR NEW.screening_id IS DISTINCT FROM OLD.screening_id
    OR NEW.screening_override IS DISTINCT FROM OLD.screening_override
    OR NEW.signed_at IS DISTINCT FROM OLD.signed_at OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
    OR NEW.version IS DISTINCT FROM OLD.version OR NEW.clinic_id IS DISTINCT FROM OLD.clinic_id) THEN
    RAISE EXCEPTION 'treatment record % is signed: add an addendum instead', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER treatment_records_locked BEFORE UPDATE OR DELETE ON treatment_records
  FOR EACH ROW EXECUTE FUNCTION treatment_record_locked();

-- Lot rows of a signed record and every addendum are append-only.
CREATE FUNCTION treatment_record_child_locked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'treatment_record_addenda' THEN
    RAISE EXCEPTION 'addenda are append-only' USING ERRCODE = 'P0001';
  END IF;
  IF EXISTS (SELECT 1 FROM treatment_records r WHERE r.id = OLD.record_id AND r.status = 'signed') THEN
    RAISE EXCEPTION 'treatment record % is signed: its lots cannot change', OLD.record_id USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER treatment_record_lots_locked BEFORE UPDATE OR DELETE ON treatment_record_lots
  FOR EACH ROW EXECUTE FUNCTION treatment_record_child_locked();
CREATE TRIGGER treatment_record_addenda_locked BEFORE UPDATE OR DELETE ON treatment_record_addenda
  FOR EACH ROW EXECUTE FUNCTION treatment_record_child_locked();

CREATE TABLE adverse_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  treatment_record_id uuid REFERENCES treatment_records (id),
  type text NOT NULL,
  description text NOT NULL DEFAULT '',
  onset_on date NOT NULL,
  seriousness text[] NOT NULL DEFAULT '{}',
  device_id uuid REFERENCES devices (id),
  lots text[] NOT NULL DEFAULT '{}',
  actions text NOT NULL DEFAULT '',
  outcome text NOT NULL DEFAULT 'unknown',
  follow_ups jsonb NOT NULL DEFAULT '[]',
  reported_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX adverse_events_patient_idx ON adverse_events (clinic_id, patient_id);
CREATE INDEX adverse_events_clinic_idx ON adverse_events (clinic_id, onset_on);
