-- The visit as the front desk runs the day: a booked patient arrives (checked in), is treated, and is done.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('booked', 'arrived', 'in-treatment', 'completed', 'cancelled', 'no-show'));
ALTER TABLE appointments
  ADD COLUMN arrived_at timestamptz,
  ADD COLUMN treatment_started_at timestamptz;

-- An arrived or in-treatment appointment holds its provider, room, device and patient like a booked one.
ALTER TABLE appointments
  DROP CONSTRAINT appointments_provider_free,
  DROP CONSTRAINT appointments_room_free,
  DROP CONSTRAINT appointments_device_free,
  DROP CONSTRAINT appointments_patient_free;
ALTER TABLE appointments
  ADD CONSTRAINT appointments_provider_free EXCLUDE USING gist
    (provider_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status IN ('booked', 'arrived', 'in-treatment', 'completed')),
  ADD CONSTRAINT appointments_room_free EXCLUDE USING gist
    (room_id WITH =, tstzrange(starts_at, room_free_at) WITH &&)
    WHERE (room_id IS NOT NULL AND status IN ('booked', 'arrived', 'in-treatment', 'completed')),
  ADD CONSTRAINT appointments_device_free EXCLUDE USING gist
    (device_id WITH =, tstzrange(procedure_starts_at, ends_at) WITH &&)
    WHERE (device_id IS NOT NULL AND status IN ('booked', 'arrived', 'in-treatment', 'completed')),
  ADD CONSTRAINT appointments_patient_free EXCLUDE USING gist
    (patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status IN ('booked', 'arrived', 'in-treatment', 'completed'));
