import { createHash } from 'node:crypto';
import { defaultConsentDocuments } from '@needlepoint/core/consents/default-documents';
import { consentKinds } from '@needlepoint/core/consents/kinds';
import type { ConsentDocument, PublishConsentDocumentRequest } from '@needlepoint/core/contracts/consents';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './consents.repo';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function toDocument(row: repo.DocumentRow): ConsentDocument {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    title: row.title,
    body: row.body,
    bodySha256: row.body_sha256,
    spanish:
      row.title_es !== null && row.body_es !== null && row.body_es_sha256 !== null
        ? { title: row.title_es, body: row.body_es, bodySha256: row.body_es_sha256 }
        : null,
    current: row.current,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Gives the clinic the default version-1 document of every kind it has none of yet. The first read of a
 * clinic's documents does this; an advisory lock makes concurrent first reads create one set.
 */
export async function ensureDefaultDocuments(client: Queryable, clinicId: string): Promise<void> {
  const missing = (have: string[]) => consentKinds.filter((kind) => !have.includes(kind));
  if (missing(await repo.listKinds(client, clinicId)).length === 0) return;
  await repo.lockDocuments(client, clinicId);
  for (const kind of missing(await repo.listKinds(client, clinicId))) {
    const text = defaultConsentDocuments.find((d) => d.kind === kind)!;
    await repo.insertDocument(client, {
      clinicId,
      kind,
      version: 1,
      title: text.title,
      body: text.body,
      bodySha256: sha256(text.body),
      spanish: { ...text.spanish, bodySha256: sha256(text.spanish.body) },
      createdBy: null,
    });
  }
}

/** Every version of every consent document of the clinic (the current one of each kind flagged). */
export async function listConsentDocuments(db: Database, actor: Actor): Promise<ConsentDocument[]> {
  return db.transaction(async (client) => {
    await ensureDefaultDocuments(client, actor.clinicId);
    return (await repo.listDocuments(client, actor.clinicId)).map(toDocument);
  });
}

/**
 * Publishes a new version of a kind, in English and optionally in Spanish: from now on every patient must consent
 * to it again. A Spanish text left out means the version is English only.
 */
export async function publishConsentDocument(
  db: Database,
  actor: Actor,
  input: PublishConsentDocumentRequest,
): Promise<ConsentDocument> {
  return db.transaction(async (client) => {
    await ensureDefaultDocuments(client, actor.clinicId);
    await repo.lockDocuments(client, actor.clinicId);
    const version = (await repo.latestVersion(client, actor.clinicId, input.kind)) + 1;
    const id = await repo.insertDocument(client, {
      clinicId: actor.clinicId,
      kind: input.kind,
      version,
      title: input.title,
      body: input.body,
      bodySha256: sha256(input.body),
      spanish: input.spanish ? { ...input.spanish, bodySha256: sha256(input.spanish.body) } : null,
      createdBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'consent-document.published',
      entityType: 'consent_document',
      entityId: id,
      details: { kind: input.kind, version, languages: input.spanish ? ['en', 'es'] : ['en'] },
    });
    return toDocument((await repo.findDocument(client, actor.clinicId, id))!);
  });
}
