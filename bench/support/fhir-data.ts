import type { Database } from '../../server/src/db/database';

/**
 * Synthetic patients for the FHIR benchmarks, generated inside PostgreSQL (INSERT ... SELECT generate_series):
 * varied names and birth dates, one identifier each, and `entriesPerPatient` coded entries of each kind.
 */
export async function generatePatients(
  db: Database,
  clinicId: string,
  count: number,
  entriesPerPatient: number,
): Promise<void> {
  await db.query(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone, address)
     SELECT $1,
            (ARRAY['Ann','Bea','Cara','Dina','Eve','Fay','Gia','Hana','Ida','Jo'])[1 + g % 10] || ' ' || chr(65 + g % 26),
            (ARRAY['Smith','Jones','Garcia','Nguyen','Okafor','Silva','Kowalski','Haddad','Ito','Brown'])[1 + (g / 10) % 10]
              || (g % 997)::text,
            date '1950-01-01' + (g % 20000),
            (ARRAY['female','male','other','unknown'])[1 + g % 4],
            'p' || g || '@example.org', '+1 555 ' || lpad((g % 10000)::text, 4, '0'), g || ' Main Street'
       FROM generate_series(1, $2::int) g`,
    [clinicId, count],
  );
  await db.query(
    `INSERT INTO patient_identifiers (clinic_id, system, value, patient_id)
     SELECT clinic_id, 'urn:bench:mrn', 'MRN-' || row_number() OVER (ORDER BY id), id FROM patients WHERE clinic_id = $1`,
    [clinicId],
  );
  if (entriesPerPatient === 0) return;
  await db.query(
    `INSERT INTO patient_entries (clinic_id, patient_id, kind, system, code, display, status, start_date, end_date, value, codes, source)
     SELECT p.clinic_id, p.id, k.kind, k.system, k.code, k.display, k.status, date '2020-01-01' + (n * 37) % 1500,
            NULL, k.value, jsonb_build_array(jsonb_build_object('system', k.system, 'code', k.code, 'display', k.display)), 'clinic'
       FROM patients p
       CROSS JOIN generate_series(1, $2::int) n
       CROSS JOIN (VALUES
         ('condition', 'http://snomed.info/sct', '398909004', 'Rosacea', 'active', NULL),
         ('medication', 'http://www.nlm.nih.gov/research/umls/rxnorm', '855332', 'Warfarin 5 mg tablet', 'active', NULL),
         ('allergy', 'http://snomed.info/sct', '111088007', 'Latex allergy', 'active', NULL),
         ('procedure', 'http://snomed.info/sct', '430193006', 'Microneedling', 'completed', NULL),
         ('observation', 'http://loinc.org', '4548-4', 'Hemoglobin A1c', 'final', '6.1 %')
       ) AS k(kind, system, code, display, status, value)
      WHERE p.clinic_id = $1`,
    [clinicId, entriesPerPatient],
  );
  await db.query('ANALYZE patients; ANALYZE patient_entries; ANALYZE patient_identifiers');
}
