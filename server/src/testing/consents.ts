import type { Database } from '../db/database';
import { ensureDefaultDocuments } from '../modules/consents/consent-documents.service';

/**
 * The patient's signature on the clinic's current document of `kind`, written directly (the consent tests cover
 * signing itself); tests that book treatments need it, since a plan session needs the treatment consent.
 */
export async function signedConsent(
  db: Database,
  clinicId: string,
  patientId: string,
  enteredBy: string,
  kind = 'treatment-mechanical',
): Promise<void> {
  await ensureDefaultDocuments(db.pool, clinicId);
  const { rowCount } = await db.query(
    `INSERT INTO consent_signatures (clinic_id, patient_id, document_id, kind, document_version, document_sha256,
       typed_name, signature_png, signed_at, signed_by_user)
     SELECT $1, $2, d.id, d.kind, d.version, d.body_sha256, 'Pat Test', '\\x89504e47', now(), $4
       FROM consent_documents d WHERE d.clinic_id = $1 AND d.kind = $3
      ORDER BY d.version DESC LIMIT 1`,
    [clinicId, patientId, kind, enteredBy],
  );
  if (rowCount !== 1) throw new Error(`no consent document of kind ${kind}`);
}
