import type { ConsentKind } from '@needlepoint/core/consents/kinds';
import type { ConsentLanguage } from '@needlepoint/core/contracts/consents';
import type { Queryable } from '../../db/database';
import type { ReadPart } from '../../db/read-together';

export interface DocumentRow {
  id: string;
  kind: ConsentKind;
  version: number;
  title: string;
  body: string;
  body_sha256: string;
  title_es: string | null;
  body_es: string | null;
  body_es_sha256: string | null;
  current: boolean;
  created_by_name: string | null;
  created_at: Date;
}

export interface SignatureRow {
  id: string;
  patient_id: string;
  document_id: string;
  kind: ConsentKind;
  document_version: number;
  language: ConsentLanguage;
  document_title: string;
  document_sha256: string;
  typed_name: string;
  signed_at: Date;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  revoked_by_name: string | null;
}

const documentColumns = `d.id, d.kind, d.version, d.title, d.body, d.body_sha256,
  d.title_es, d.body_es, d.body_es_sha256, u.name AS created_by_name, d.created_at,
  d.version = max(d.version) OVER (PARTITION BY d.kind) AS current`;

/** Every version of every kind in the clinic, newest version first within a kind. */
export async function listDocuments(db: Queryable, clinicId: string): Promise<DocumentRow[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${documentColumns} FROM consent_documents d LEFT JOIN users u ON u.id = d.created_by
      WHERE d.clinic_id = $1 ORDER BY d.kind, d.version DESC`,
    [clinicId],
  );
  return rows;
}

export async function listKinds(db: Queryable, clinicId: string): Promise<ConsentKind[]> {
  const { rows } = await db.query<{ kind: ConsentKind }>(
    'SELECT DISTINCT kind FROM consent_documents WHERE clinic_id = $1',
    [clinicId],
  );
  return rows.map((row) => row.kind);
}

export async function findDocument(
  db: Queryable,
  clinicId: string,
  documentId: string,
): Promise<DocumentRow | undefined> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT * FROM (SELECT ${documentColumns} FROM consent_documents d LEFT JOIN users u ON u.id = d.created_by
      WHERE d.clinic_id = $1) d WHERE d.id = $2`,
    [clinicId, documentId],
  );
  return rows[0];
}

export async function latestVersion(db: Queryable, clinicId: string, kind: ConsentKind): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM consent_documents WHERE clinic_id = $1 AND kind = $2',
    [clinicId, kind],
  );
  return rows[0]?.version ?? 0;
}

export async function insertDocument(
  db: Queryable,
  d: {
    clinicId: string;
    kind: ConsentKind;
    version: number;
    title: string;
    body: string;
    bodySha256: string;
    spanish: { title: string; body: string; bodySha256: string } | null;
    createdBy: string | null;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO consent_documents (clinic_id, kind, version, title, body, body_sha256,
       title_es, body_es, body_es_sha256, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      d.clinicId,
      d.kind,
      d.version,
      d.title,
      d.body,
      d.bodySha256,
      d.spanish?.title ?? null,
      d.spanish?.body ?? null,
      d.spanish?.bodySha256 ?? null,
      d.createdBy,
    ],
  );
  return rows[0]!.id;
}

const signatureColumns = `s.id, s.patient_id, s.document_id, s.kind, s.document_version, s.language,
  CASE WHEN s.language = 'es' THEN d.title_es ELSE d.title END AS document_title,
  s.document_sha256, s.typed_name, s.signed_at, s.ip, s.user_agent,
  r.revoked_at, r.reason AS revocation_reason, ru.name AS revoked_by_name`;
const signatureJoins = `FROM consent_signatures s
  JOIN consent_documents d ON d.id = s.document_id
  LEFT JOIN consent_revocations r ON r.signature_id = s.id
  LEFT JOIN users ru ON ru.id = r.revoked_by_user`;

/** A patient's signatures, newest first. */
export async function listSignatures(
  db: Queryable,
  clinicId: string,
  patientId: string,
): Promise<SignatureRow[]> {
  const { rows } = await db.query<SignatureRow>(
    `SELECT ${signatureColumns} ${signatureJoins}
      WHERE s.clinic_id = $1 AND s.patient_id = $2 ORDER BY s.signed_at DESC, s.document_version DESC`,
    [clinicId, patientId],
  );
  return rows;
}

export async function findSignature(
  db: Queryable,
  clinicId: string,
  patientId: string,
  signatureId: string,
): Promise<SignatureRow | undefined> {
  const { rows } = await db.query<SignatureRow>(
    `SELECT ${signatureColumns} ${signatureJoins} WHERE s.clinic_id = $1 AND s.patient_id = $2 AND s.id = $3`,
    [clinicId, patientId, signatureId],
  );
  return rows[0];
}

/** Serialises concurrent revocations of one signature; read it again afterwards to see theirs. */
export async function lockSignature(db: Queryable, clinicId: string, signatureId: string): Promise<void> {
  await db.query('SELECT 1 FROM consent_signatures WHERE clinic_id = $1 AND id = $2 FOR UPDATE', [
    clinicId,
    signatureId,
  ]);
}

export async function findSignatureImage(
  db: Queryable,
  clinicId: string,
  signatureId: string,
): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ signature_png: Buffer }>(
    'SELECT signature_png FROM consent_signatures WHERE clinic_id = $1 AND id = $2',
    [clinicId, signatureId],
  );
  return rows[0]?.signature_png;
}

export async function insertSignature(
  db: Queryable,
  s: {
    clinicId: string;
    patientId: string;
    documentId: string;
    kind: ConsentKind;
    documentVersion: number;
    language: ConsentLanguage;
    documentSha256: string;
    typedName: string;
    signaturePng: Buffer;
    signedAt: Date;
    ip: string | null;
    userAgent: string | null;
    signedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO consent_signatures (clinic_id, patient_id, document_id, kind, document_version, language,
       document_sha256, typed_name, signature_png, signed_at, ip, user_agent, signed_by_user)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      s.clinicId,
      s.patientId,
      s.documentId,
      s.kind,
      s.documentVersion,
      s.language,
      s.documentSha256,
      s.typedName,
      s.signaturePng,
      s.signedAt,
      s.ip,
      s.userAgent,
      s.signedBy,
    ],
  );
  return rows[0]!.id;
}

export async function insertRevocation(
  db: Queryable,
  r: {
    clinicId: string;
    patientId: string;
    signatureId: string;
    revokedAt: Date;
    reason: string;
    revokedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO consent_revocations (clinic_id, patient_id, signature_id, revoked_at, reason, revoked_by_user)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.clinicId, r.patientId, r.signatureId, r.revokedAt, r.reason, r.revokedBy],
  );
}

/** Serialises creating and publishing the clinic's consent documents until the transaction ends. */
export async function lockDocuments(db: Queryable, clinicId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('consent-documents:' || $1))", [clinicId]);
}

/** One signing at a time per patient and kind, until the transaction ends. */
export async function lockSigning(db: Queryable, patientId: string, kind: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('consent-sign:' || $1 || ':' || $2))", [
    patientId,
    kind,
  ]);
}

/** The current version of a kind (null: no document yet) and the patient's signatures of that kind. */
export interface KindSignatures {
  version: number | null;
  signatures: { document_version: number; signed_at: string; revoked: boolean }[];
}

export function kindSignaturesPart(
  clinicId: string,
  patientId: string,
  kind: ConsentKind,
): ReadPart<KindSignatures> {
  return {
    sql: `SELECT json_build_object(
            'version', (SELECT max(version) FROM consent_documents WHERE clinic_id = $1 AND kind = $3),
            'signatures', COALESCE((
              SELECT json_agg(json_build_object('document_version', s.document_version, 'signed_at', s.signed_at,
                                                'revoked', r.revoked_at IS NOT NULL))
                FROM consent_signatures s LEFT JOIN consent_revocations r ON r.signature_id = s.id
               WHERE s.clinic_id = $1 AND s.patient_id = $2 AND s.kind = $3), '[]'))`,
    params: [clinicId, patientId, kind],
    decode: (value) => value as KindSignatures,
  };
}
