import type { ServedType } from '@needlepoint/core/fhir/fhir-search';
import {
  toFhirAppointment,
  toFhirConsent,
  toFhirPatient,
  toFhirQuestionnaireResponse,
  type PatientData,
} from '@needlepoint/core/fhir/record-to-fhir';
import { careSources } from './fhir-care-sources.repo';
import {
  dateSql,
  entrySource,
  idSql,
  iso,
  likePrefix,
  patientSql,
  statusSql,
  type Row,
  type Source,
} from './fhir-sql.repo';
import { scalarText } from '@needlepoint/core/text/scalar-text';

export { SqlParams, uuids, whereOf } from './fhir-sql.repo';

/**
 * Where each served FHIR type lives in the database: its SELECT, its clinic filter, and the SQL of each search
 * parameter. Every query takes the clinic id as its first parameter. Used by search, read and export.
 */

export function patientDataOf(row: Row): PatientData {
  return {
    id: String(row.id),
    version: Number(row.version),
    updatedAt: iso(row.updated_at),
    givenName: String(row.given_name),
    familyName: String(row.family_name),
    birthDate: String(row.birth_date),
    sex: String(row.sex),
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    address: scalarText(row.address),
    archived: row.archived_at !== null,
    mergedInto: (row.merged_into as string | null) ?? null,
    identifiers: row.identifiers as { system: string; value: string }[],
  };
}

const appointmentStatuses: Record<string, string> = {
  booked: 'booked',
  arrived: 'arrived',
  'checked-in': 'in-treatment',
  fulfilled: 'completed',
  cancelled: 'cancelled',
  noshow: 'no-show',
};

export const sources: Record<ServedType, Source> = {
  Patient: {
    select: `SELECT p.id, p.version, p.updated_at, p.given_name, p.family_name, p.birth_date, p.sex, p.email, p.phone,
        p.address, p.archived_at, p.merged_into,
        (SELECT coalesce(json_agg(json_build_object('system', i.system, 'value', i.value) ORDER BY i.system, i.value), '[]')
           FROM patient_identifiers i WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id) AS identifiers
       FROM patients p`,
    base: (q, clinicId) => [`p.clinic_id = ${q.add(clinicId)}`],
    id: 'p.id',
    patient: 'p.id',
    lastUpdated: 'p.updated_at',
    params: {
      _id: idSql('p.id'),
      _lastUpdated: dateSql('p.updated_at', 'instant'),
      birthdate: dateSql('p.birth_date', 'date'),
      gender: statusSql('p.sex'),
      name: (q, f) => {
        if (f.type !== 'string') return 'false';
        const parts = f.values.map((v) => {
          if (f.exact) {
            const p = q.add(v.toLowerCase());
            return `(lower(p.given_name) = ${p} OR lower(p.family_name) = ${p})`;
          }
          const p = q.add(likePrefix(v));
          return `(lower(p.given_name) LIKE ${p} OR lower(p.family_name) LIKE ${p})`;
        });
        return `(${parts.join(' OR ')})`;
      },
      identifier: (q, f) => {
        if (f.type !== 'token') return 'false';
        const parts = f.values.map(
          (v) => `(i.value = ${q.add(v.code)}${v.system ? ` AND i.system = ${q.add(v.system)}` : ''})`,
        );
        return `EXISTS (SELECT 1 FROM patient_identifiers i WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id
                  AND i.system <> 'urn:needlepoint:fhir-source' AND (${parts.join(' OR ')}))`;
      },
    },
    toResource: (row) => toFhirPatient(patientDataOf(row)),
  },
  Condition: entrySource('condition', null, 'onset-date', 'clinical-status'),
  AllergyIntolerance: entrySource('allergy', null, null, 'clinical-status'),
  MedicationStatement: entrySource(
    'medication',
    "(e.source_ref IS NULL OR e.source_ref NOT LIKE 'MedicationRequest/%')",
    'effective',
    'status',
  ),
  MedicationRequest: entrySource(
    'medication',
    "e.source_ref LIKE 'MedicationRequest/%'",
    'authoredon',
    'status',
  ),
  ...careSources,
  Appointment: {
    select: `SELECT a.id, a.patient_id, u.name AS provider_name, a.service, a.starts_at, a.ends_at, a.status,
        a.cancel_reason, a.updated_at
       FROM appointments a JOIN users u ON u.id = a.provider_id`,
    base: (q, clinicId) => [`a.clinic_id = ${q.add(clinicId)}`],
    id: 'a.id',
    patient: 'a.patient_id',
    lastUpdated: 'a.updated_at',
    params: {
      _id: idSql('a.id'),
      _lastUpdated: dateSql('a.updated_at', 'instant'),
      patient: patientSql('a.patient_id'),
      status: statusSql('a.status', (c) => appointmentStatuses[c]),
      date: dateSql('a.starts_at', 'instant'),
    },
    toResource: (row) =>
      toFhirAppointment({
        id: String(row.id),
        patientId: String(row.patient_id),
        providerName: String(row.provider_name),
        service: String(row.service),
        startsAt: iso(row.starts_at),
        endsAt: iso(row.ends_at),
        status: String(row.status),
        cancelReason: (row.cancel_reason as string | null) ?? null,
        updatedAt: iso(row.updated_at),
      }),
  },
  Consent: {
    select: `SELECT s.id, s.patient_id, s.kind, s.document_version, d.title, s.signed_at, r.revoked_at,
        coalesce(r.revoked_at, s.signed_at) AS updated_at
       FROM consent_signatures s JOIN consent_documents d ON d.id = s.document_id
       LEFT JOIN consent_revocations r ON r.signature_id = s.id`,
    base: (q, clinicId) => [`s.clinic_id = ${q.add(clinicId)}`],
    id: 's.id',
    patient: 's.patient_id',
    lastUpdated: 'coalesce(r.revoked_at, s.signed_at)',
    params: {
      _id: idSql('s.id'),
      _lastUpdated: dateSql('coalesce(r.revoked_at, s.signed_at)', 'instant'),
      patient: patientSql('s.patient_id'),
      status: (q, f) => {
        if (f.type !== 'token') return 'false';
        const codes = f.values.map((v) => v.code);
        const parts = [
          ...(codes.includes('active') ? ['r.id IS NULL'] : []),
          ...(codes.includes('inactive') ? ['r.id IS NOT NULL'] : []),
        ];
        return parts.length ? `(${parts.join(' OR ')})` : 'false';
      },
      date: dateSql('s.signed_at', 'instant'),
    },
    toResource: (row) =>
      toFhirConsent({
        id: String(row.id),
        patientId: String(row.patient_id),
        kind: String(row.kind),
        documentVersion: Number(row.document_version),
        documentTitle: String(row.title),
        signedAt: iso(row.signed_at),
        revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
        updatedAt: iso(row.updated_at),
      }),
  },
  QuestionnaireResponse: {
    select: `SELECT f.id, f.patient_id, f.submitted, f.submitted_at, f.updated_at FROM intake_forms f`,
    base: (q, clinicId) => [`f.clinic_id = ${q.add(clinicId)}`, `f.status = 'submitted'`],
    id: 'f.id',
    patient: 'f.patient_id',
    lastUpdated: 'f.updated_at',
    params: {
      _id: idSql('f.id'),
      _lastUpdated: dateSql('f.updated_at', 'instant'),
      patient: patientSql('f.patient_id'),
      status: (_q, f) =>
        f.type === 'token' && f.values.some((v) => v.code === 'completed') ? 'true' : 'false',
      authored: dateSql('f.submitted_at', 'instant'),
    },
    toResource: (row) =>
      toFhirQuestionnaireResponse({
        id: String(row.id),
        patientId: String(row.patient_id),
        submittedAt: iso(row.submitted_at),
        updatedAt: iso(row.updated_at),
        answers: row.submitted,
      }),
  },
};
