import type { Queryable } from '../../db/database';

export interface PatientRow {
  id: string;
  clinic_id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  email: string | null;
  phone: string | null;
  fitzpatrick: number | null;
  concerns: string[];
  notes: string;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EntryRow {
  id: string;
  kind: 'condition' | 'medication' | 'allergy' | 'procedure' | 'observation';
  system: string | null;
  code: string | null;
  display: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  value: string | null;
}

/** Prefix search on name words, email, phone digits or an ISO birth date; always within one clinic. */
export async function searchPatients(
  db: Queryable,
  clinicId: string,
  q: string | undefined,
  includeArchived: boolean,
  limit: number,
): Promise<PatientRow[]> {
  const params: unknown[] = [clinicId, includeArchived, limit];
  let match = '';
  const term = q?.trim().toLowerCase();
  if (term) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(term)) {
      params.push(term);
      match = 'AND birth_date = $4::date';
    } else {
      const words = term.split(/\s+/).filter(Boolean).slice(0, 3);
      const digits = term.replace(/\D/g, '');
      const clauses = words.map((word) => {
        params.push(`${word.replace(/[%_\\]/g, '')}%`);
        const p = `$${params.length}`;
        return `(lower(given_name) LIKE ${p} OR lower(family_name) LIKE ${p} OR lower(email) LIKE ${p})`;
      });
      let phone = '';
      if (digits.length >= 3) {
        params.push(`%${digits}%`);
        phone = ` OR regexp_replace(coalesce(phone, ''), '\\D', '', 'g') LIKE $${params.length}`;
      }
      match = `AND ((${clauses.join(' AND ')})${phone})`;
    }
  }
  const { rows } = await db.query<PatientRow>(
    `SELECT * FROM patients WHERE clinic_id = $1 AND ($2 OR archived_at IS NULL) ${match}
      ORDER BY family_name, given_name, id LIMIT $3`,
    params,
  );
  return rows;
}

export async function findPatient(
  db: Queryable,
  clinicId: string,
  id: string,
): Promise<PatientRow | undefined> {
  const { rows } = await db.query<PatientRow>('SELECT * FROM patients WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    id,
  ]);
  return rows[0];
}

export async function listEntries(db: Queryable, clinicId: string, patientId: string): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `SELECT id, kind, system, code, display, status, start_date, end_date, value FROM patient_entries
      WHERE clinic_id = $1 AND patient_id = $2 ORDER BY kind, start_date DESC NULLS LAST, display`,
    [clinicId, patientId],
  );
  return rows;
}

export async function insertPatient(
  db: Queryable,
  clinicId: string,
  p: {
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: string;
    email?: string | null;
    phone?: string | null;
  },
): Promise<PatientRow> {
  const { rows } = await db.query<PatientRow>(
    `INSERT INTO patients (clinic_id, given_name, family_name, birth_date, sex, email, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [clinicId, p.givenName, p.familyName, p.birthDate, p.sex, p.email ?? null, p.phone ?? null],
  );
  return rows[0]!;
}
