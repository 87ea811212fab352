import { createHash } from 'node:crypto';
import { defaultConsentDocuments } from '../../core/src/consents/default-documents';
import type { GeneratedPatient } from './patient-rows';

export const consentDocumentColumns = [
  'id',
  'clinic_id',
  'kind',
  'version',
  'title',
  'body',
  'body_sha256',
] as const;

export const consentSignatureColumns = [
  'clinic_id',
  'patient_id',
  'document_id',
  'kind',
  'document_version',
  'document_sha256',
  'typed_name',
  'signature_png',
  'signed_at',
  'signed_by_user',
] as const;

export interface ClinicDocument {
  id: string;
  kind: string;
  sha256: string;
}

/** The clinic's built-in consent documents, version 1 of each kind (as the app creates them on first use). */
export function consentDocumentRows(clinicId: string, out: ClinicDocument[]): unknown[][] {
  return defaultConsentDocuments.map((d) => {
    const id = crypto.randomUUID();
    const sha256 = createHash('sha256').update(d.body, 'utf8').digest('hex');
    out.push({ id, kind: d.kind, sha256 });
    return [id, clinicId, d.kind, 1, d.title, d.body, sha256];
  });
}

/** A PNG signature: its 8-byte signature only (the pictures themselves do not matter to any query). */
const png = '\\x89504e470d0a1a0a';

/**
 * Every patient signed the microneedling treatment consent when their record was made (entered by the clinic's
 * front desk), so a booking of a generated patient meets the consent rule as a real one would.
 */
export function* consentSignatureRows(
  clinicId: string,
  documents: readonly ClinicDocument[],
  patients: readonly GeneratedPatient[],
  enteredBy: string,
): Generator<unknown[]> {
  const treatment = documents.find((d) => d.kind === 'treatment-mechanical')!;
  for (const p of patients)
    yield [
      clinicId,
      p.id,
      treatment.id,
      treatment.kind,
      1,
      treatment.sha256,
      `${p.givenName} ${p.familyName}`,
      png,
      p.createdAt,
      enteredBy,
    ];
}
