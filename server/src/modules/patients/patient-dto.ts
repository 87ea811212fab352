import type { ClinicalEntry, PatientRecord, PatientSummary } from '@needlepoint/core/contracts/patients';
import type { EntryRow, PatientRow } from './patients.repo';

export function toSummary(row: PatientRow): PatientSummary {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex,
    email: row.email,
    phone: row.phone,
    archived: row.archived_at !== null,
  };
}

export function toEntry(e: EntryRow): ClinicalEntry {
  return {
    id: e.id,
    kind: e.kind,
    system: e.system,
    code: e.code,
    codes: e.codes,
    display: e.display,
    status: e.status,
    startDate: e.start_partial ?? e.start_date,
    endDate: e.end_partial ?? e.end_date,
    value: e.value,
    bodySites: e.body_sites,
    source: e.source,
    review: e.review,
  };
}

export function toRecord(row: PatientRow, entries: EntryRow[]): PatientRecord {
  return {
    ...toSummary(row),
    address: row.address,
    fitzpatrick: row.fitzpatrick,
    concerns: row.concerns,
    notes: row.notes,
    answers: row.answers,
    listsReviewed: row.lists_reviewed,
    version: row.version,
    mergedInto: row.merged_into,
    deceased: row.deceased,
    deceasedDate: row.deceased_date,
    birthSex: row.birth_sex,
    preferredLanguage: row.preferred_language,
    entries: entries.map(toEntry),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
