-- How long before a session a patient may still move it in the portal (after that, they call the clinic).
ALTER TABLE clinics
  ADD COLUMN reschedule_notice_hours integer NOT NULL DEFAULT 24 CHECK (reschedule_notice_hours BETWEEN 0 AND 336);
