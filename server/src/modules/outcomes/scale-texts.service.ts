import type {
  SaveValidatedScaleTextRequest,
  ValidatedScaleTextDto,
} from '@needlepoint/core/contracts/outcomes';
import { DomainError } from '@needlepoint/core/errors';
import { scales } from '@needlepoint/core/outcomes/scales';
import { validatedTextIssues } from '@needlepoint/core/outcomes/validated-texts';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import * as repo from './scale-texts.repo';

const toDto = (row: repo.ScaleTextRow): ValidatedScaleTextDto => ({
  scaleId: row.scale_id,
  language: row.language,
  version: row.version,
  texts: row.texts,
  source: row.source,
  createdByName: row.created_by_name,
  createdAt: row.created_at.toISOString(),
});

/** The clinic's current validated translations of the patient scales (ADR 067, ADR 069). */
export async function currentScaleTexts(
  client: Queryable,
  clinicId: string,
): Promise<ValidatedScaleTextDto[]> {
  return (await repo.currentTexts(client, clinicId)).map(toDto);
}

export async function listScaleTexts(db: Database, actor: Actor): Promise<ValidatedScaleTextDto[]> {
  return currentScaleTexts(db.pool, actor.clinicId);
}

/**
 * Saves a new version of a scale's validated translation. Every text the patient reads must be there (a half
 * translation would mix two instruments), and nothing the scale does not have.
 */
export async function saveScaleText(
  db: Database,
  actor: Actor,
  input: SaveValidatedScaleTextRequest,
): Promise<ValidatedScaleTextDto> {
  const issues = validatedTextIssues(scales[input.scaleId], input.texts);
  if (issues.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `body.texts: ${issues[0]}`, {
      fields: issues.map((message) => ({ path: `body.texts.${message.split(':')[0]}`, message })),
    });
  }
  return db.transaction(async (client) => {
    await repo.lockTexts(client, actor.clinicId);
    const { id, version } = await repo.insertText(client, {
      clinicId: actor.clinicId,
      scaleId: input.scaleId,
      language: input.language,
      texts: input.texts,
      source: input.source,
      createdBy: actor.userId,
    });
    await recordAudit(client, actor, {
      action: 'scale-text.saved',
      entityType: 'validated_scale_text',
      entityId: id,
      details: { scaleId: input.scaleId, language: input.language, version },
    });
    const saved = (await repo.currentTexts(client, actor.clinicId)).find(
      (row) => row.scale_id === input.scaleId && row.language === input.language,
    );
    return toDto(saved!);
  });
}
