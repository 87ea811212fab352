import type { TranslatableScaleId } from '@needlepoint/core/outcomes/validated-texts';
import type { Queryable } from '../../db/database';

export interface ScaleTextRow {
  scale_id: TranslatableScaleId;
  language: 'es';
  version: number;
  texts: Record<string, string>;
  source: string;
  created_by_name: string | null;
  created_at: Date;
}

/** The latest version of each (scale, language) the clinic has saved. */
export async function currentTexts(db: Queryable, clinicId: string): Promise<ScaleTextRow[]> {
  const { rows } = await db.query<ScaleTextRow>(
    `SELECT DISTINCT ON (t.scale_id, t.language) t.scale_id, t.language, t.version, t.texts, t.source,
            u.name AS created_by_name, t.created_at
       FROM validated_scale_texts t LEFT JOIN users u ON u.id = t.created_by
      WHERE t.clinic_id = $1
      ORDER BY t.scale_id, t.language, t.version DESC`,
    [clinicId],
  );
  return rows;
}

/** One saving at a time per clinic, until the transaction ends. */
export async function lockTexts(db: Queryable, clinicId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('validated-scale-texts:' || $1))", [clinicId]);
}

export async function insertText(
  db: Queryable,
  t: {
    clinicId: string;
    scaleId: TranslatableScaleId;
    language: 'es';
    texts: Record<string, string>;
    source: string;
    createdBy: string;
  },
): Promise<{ id: string; version: number }> {
  const { rows } = await db.query<{ id: string; version: number }>(
    `INSERT INTO validated_scale_texts (clinic_id, scale_id, language, version, texts, source, created_by)
     SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6
       FROM validated_scale_texts WHERE clinic_id = $1 AND scale_id = $2 AND language = $3
     RETURNING id, version`,
    [t.clinicId, t.scaleId, t.language, JSON.stringify(t.texts), t.source, t.createdBy],
  );
  return rows[0]!;
}
