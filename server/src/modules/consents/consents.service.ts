import {
  consentKinds,
  consentStateOf,
  isRevocableKind,
  type ConsentKind,
  type ConsentState,
} from '@needlepoint/core/consents/kinds';
import { readPngSize } from '@needlepoint/core/consents/png';
import {
  type ConsentDocument,
  type ConsentLanguage,
  maxSignatureBytes,
  signatureDataUrlPrefix,
  type ConsentSignature,
  type ConsentStatus,
  type PatientConsents,
  type PortalConsents,
  type SignConsentRequest,
} from '@needlepoint/core/contracts/consents';
import { DomainError } from '@needlepoint/core/errors';
import type { Database, Queryable } from '../../db/database';
import { mapPart, type ReadPart } from '../../db/read-together';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { getClinicSettings } from '../clinic/clinic.service';
import { loadRecord, readPatientPart } from '../patients/patients.service';
import { renderConsentPdf } from './consent-pdf';
import { ensureDefaultDocuments, sha256, toDocument } from './consent-documents.service';
import * as repo from './consents.repo';

export interface ConsentDeps {
  db: Database;
  clock: Clock;
}

export function toSignature(row: repo.SignatureRow): ConsentSignature {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    documentVersion: row.document_version,
    language: row.language,
    documentTitle: row.document_title,
    documentSha256: row.document_sha256,
    typedName: row.typed_name,
    signedAt: row.signed_at.toISOString(),
    ip: row.ip,
    userAgent: row.user_agent,
    revocable: isRevocableKind(row.kind) && !row.revoked_at,
    revocation: row.revoked_at
      ? {
          revokedAt: row.revoked_at.toISOString(),
          reason: row.revocation_reason ?? '',
          revokedByName: row.revoked_by_name,
        }
      : null,
  };
}

/** Each kind's current document and the patient's state for it, plus the whole signature history. */
async function loadConsents(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<{ consents: ConsentStatus[]; signatures: ConsentSignature[] }> {
  await ensureDefaultDocuments(client, clinicId);
  const documents = (await repo.listDocuments(client, clinicId)).filter((d) => d.current);
  const signatures = await repo.listSignatures(client, clinicId, patientId);
  const consents = consentKinds.flatMap((kind): ConsentStatus[] => {
    const document = documents.find((d) => d.kind === kind);
    if (!document) return [];
    const mine = signatures.filter((s) => s.kind === kind);
    const state = consentStateOf(
      document.version,
      mine.map((s) => ({
        documentVersion: s.document_version,
        signedAt: s.signed_at.toISOString(),
        revoked: s.revoked_at !== null,
      })),
    );
    return [
      {
        kind,
        state,
        revocable: isRevocableKind(kind),
        document: toDocument(document),
        latestSignature: mine[0] ? toSignature(mine[0]) : null,
      },
    ];
  });
  return { consents, signatures: signatures.map(toSignature) };
}

/** The portal patient's documents to read and sign, with their state for each. */
export async function getPortalConsents(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PortalConsents> {
  const audit = { action: 'consent.viewed', details: { via: 'portal' } };
  return readPatientPart(db, actor, patientId, audit, async (client) => {
    const { consents } = await loadConsents(client, actor.clinicId, patientId);
    return { consents };
  });
}

/** Staff view of one patient: states per kind and every signature with its revocation. */
export async function getPatientConsents(
  db: Database,
  actor: Actor,
  patientId: string,
): Promise<PatientConsents> {
  return readPatientPart(db, actor, patientId, { action: 'consent.viewed' }, async (client) => {
    const result = await loadConsents(client, actor.clinicId, patientId);
    return { patientId, ...result };
  });
}

/** The drawn signature as PNG bytes, or a 400 naming `body.signature`. */
function decodeSignature(dataUrl: string): Buffer {
  const invalid = (message: string) =>
    new DomainError('VALIDATION_FAILED', `body.signature: ${message}`, {
      fields: [{ path: 'body.signature', message }],
    });
  if (!dataUrl.startsWith(signatureDataUrlPrefix)) throw invalid('Draw your signature (a PNG image)');
  const bytes = Buffer.from(dataUrl.slice(signatureDataUrlPrefix.length), 'base64');
  if (bytes.length > maxSignatureBytes) throw invalid('The drawn signature is larger than 300 KB');
  const size = readPngSize(bytes);
  if (!size) throw invalid('The drawn signature is not a PNG image');
  if (size.width > 4000 || size.height > 4000) throw invalid('The drawn signature image is too large');
  return bytes;
}

/** The text of `document` in `language` as the patient read it; CONSENT_LANGUAGE_NOT_AVAILABLE when it has none. */
function textIn(document: ConsentDocument, language: ConsentLanguage): { title: string; body: string } {
  if (language === 'en') return document;
  if (document.spanish) return document.spanish;
  const message = 'This version of the document has no Spanish text; read and sign the English one';
  throw new DomainError('CONSENT_LANGUAGE_NOT_AVAILABLE', message, {
    fields: [{ path: 'body.language', message }],
  });
}

/**
 * Records the patient's electronic signature of one document: typed name, drawn signature, server time,
 * version, language, address, browser and the SHA-256 of the text as signed (in that language). Only the current
 * version can be signed.
 */
export async function signConsent(
  deps: ConsentDeps,
  actor: Actor,
  patientId: string,
  documentId: string,
  input: SignConsentRequest,
  userAgent: string | null,
): Promise<ConsentStatus> {
  const png = decodeSignature(input.signature);
  return deps.db.transaction(async (client) => {
    await loadRecord(client, actor.clinicId, patientId);
    const row = await repo.findDocument(client, actor.clinicId, documentId);
    if (!row) throw new DomainError('CONSENT_DOCUMENT_NOT_FOUND', 'No such consent document');
    const document = toDocument(row);
    if (!document.current) {
      throw new DomainError(
        'CONSENT_DOCUMENT_SUPERSEDED',
        'A newer version of this document exists; read and sign that one',
      );
    }
    const language = input.language ?? 'en';
    const text = textIn(document, language);
    // One signing at a time per patient and kind, so a double submit cannot sign twice.
    await repo.lockSigning(client, patientId, document.kind);
    const before = await loadConsents(client, actor.clinicId, patientId);
    if (before.consents.find((c) => c.kind === document.kind)?.state === 'signed') {
      throw new DomainError('CONSENT_ALREADY_SIGNED', 'You have already signed this version');
    }
    const signedAt = deps.clock.now();
    const signatureId = await repo.insertSignature(client, {
      clinicId: actor.clinicId,
      patientId,
      documentId: document.id,
      kind: document.kind,
      documentVersion: document.version,
      language,
      documentSha256: sha256(text.body),
      typedName: input.typedName,
      signaturePng: png,
      signedAt,
      ip: actor.ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
      signedBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'consent.signed',
      entityType: 'consent_signature',
      entityId: signatureId,
      patientId,
      details: { kind: document.kind, version: document.version, documentId: document.id, language },
    });
    const after = await loadConsents(client, actor.clinicId, patientId);
    return after.consents.find((c) => c.kind === document.kind)!;
  });
}

/** Revokes one photo consent signature; treatment consents are settled with staff, not here. */
export async function revokeConsent(
  deps: ConsentDeps,
  actor: Actor,
  patientId: string,
  signatureId: string,
  reason: string | undefined,
): Promise<ConsentSignature> {
  return deps.db.transaction(async (client) => {
    await repo.lockSignature(client, actor.clinicId, signatureId);
    const signature = await repo.findSignature(client, actor.clinicId, patientId, signatureId);
    if (!signature) throw new DomainError('CONSENT_SIGNATURE_NOT_FOUND', 'No such consent signature');
    if (!isRevocableKind(signature.kind)) {
      throw new DomainError(
        'CONSENT_NOT_REVOCABLE',
        'A treatment consent cannot be withdrawn here; please contact the clinic to talk it through',
      );
    }
    if (signature.revoked_at) {
      throw new DomainError('CONSENT_ALREADY_REVOKED', 'This consent has already been withdrawn');
    }
    await repo.insertRevocation(client, {
      clinicId: actor.clinicId,
      patientId,
      signatureId,
      revokedAt: deps.clock.now(),
      reason: reason ?? '',
      revokedBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'consent.revoked',
      entityType: 'consent_signature',
      entityId: signatureId,
      patientId,
      details: { kind: signature.kind, version: signature.document_version },
    });
    return toSignature((await repo.findSignature(client, actor.clinicId, patientId, signatureId))!);
  });
}

/** The printable PDF of one signature (full text as signed and the evidence); audited as a download. */
export async function renderSignaturePdf(
  db: Database,
  actor: Actor,
  patientId: string,
  signatureId: string,
): Promise<{ filename: string; pdf: Uint8Array }> {
  const clinic = await getClinicSettings(db, actor);
  return db.transaction(async (client) => {
    const patient = await loadRecord(client, actor.clinicId, patientId);
    const row = await repo.findSignature(client, actor.clinicId, patientId, signatureId);
    if (!row) throw new DomainError('CONSENT_SIGNATURE_NOT_FOUND', 'No such consent signature');
    const document = toDocument((await repo.findDocument(client, actor.clinicId, row.document_id))!);
    const signed = row.language === 'es' && document.spanish ? document.spanish : document;
    const pdf = await renderConsentPdf({
      clinicName: clinic.name,
      timeZone: clinic.timeZone,
      patientName: `${patient.givenName} ${patient.familyName}`,
      document,
      text: { title: signed.title, body: signed.body },
      signature: toSignature(row),
      signaturePng: (await repo.findSignatureImage(client, actor.clinicId, signatureId))!,
    });
    await recordAudit(client, actor, {
      action: 'consent.pdf-downloaded',
      entityType: 'consent_signature',
      entityId: signatureId,
      patientId,
    });
    return {
      filename: `consent-${document.kind}-v${document.version}-${row.language}-${signatureId}.pdf`,
      pdf,
    };
  });
}

/** Each consent kind's state for a patient, inside the caller's transaction (the treatment record's checklist). */
/**
 * The patient's state for one kind (`not-signed` while the clinic has no document of it), as a part of another use
 * case's one-statement read (`readTogether`).
 */
export function consentStatePart(
  clinicId: string,
  patientId: string,
  kind: ConsentKind,
): ReadPart<ConsentState> {
  return mapPart(repo.kindSignaturesPart(clinicId, patientId, kind), ({ version, signatures }) =>
    version === null
      ? 'not-signed'
      : consentStateOf(
          version,
          signatures.map((s) => ({
            documentVersion: s.document_version,
            signedAt: new Date(s.signed_at).toISOString(),
            revoked: s.revoked,
          })),
        ),
  );
}

export async function consentStatesOf(
  client: Queryable,
  clinicId: string,
  patientId: string,
): Promise<ConsentStatus[]> {
  return (await loadConsents(client, clinicId, patientId)).consents;
}
