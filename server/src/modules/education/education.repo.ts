import type { Queryable } from '../../db/database';
import type { DefaultArticle } from './default-articles';

export interface ArticleRow {
  slug: string;
  language: 'en' | 'es';
  version: number;
  position: number;
  title: string;
  summary: string;
  body: string;
  published: boolean;
  saved_at: Date;
  saved_by_name: string | null;
}

const columns = `a.slug, a.language, a.version, a.position, a.title, a.summary, a.body, a.published, a.saved_at,
  u.name AS saved_by_name`;

/** Copies each default article the clinic has never had in as version 1 (a no-op once they exist). */
export async function insertMissingDefaults(
  db: Queryable,
  clinicId: string,
  defaults: DefaultArticle[],
  now: Date,
): Promise<void> {
  if (defaults.length === 0) return;
  await db.query(
    `INSERT INTO education_articles (clinic_id, slug, language, version, position, title, summary, body, saved_at)
     SELECT $1, d.slug, d.language, 1, d.position, d.title, d.summary, d.body, $2
       FROM jsonb_to_recordset($3::jsonb)
         AS d(slug text, language text, position int, title text, summary text, body text)
     ON CONFLICT (clinic_id, slug, language, version) DO NOTHING`,
    [clinicId, now, JSON.stringify(defaults)],
  );
}

/** The latest version of every article of the clinic (both languages; `publishedOnly` for patients). */
export async function latestArticles(
  db: Queryable,
  clinicId: string,
  options: { language?: string; publishedOnly: boolean },
): Promise<ArticleRow[]> {
  const { rows } = await db.query<ArticleRow>(
    `SELECT ${columns} FROM (
       SELECT DISTINCT ON (slug, language) * FROM education_articles
        WHERE clinic_id = $1 AND ($2::text IS NULL OR language = $2)
        ORDER BY slug, language, version DESC
     ) a LEFT JOIN users u ON u.id = a.saved_by AND u.clinic_id = a.clinic_id
     WHERE a.clinic_id = $1 AND (NOT $3 OR a.published)
     ORDER BY a.position, a.slug, a.language`,
    [clinicId, options.language ?? null, options.publishedOnly],
  );
  return rows;
}

/** Every version of one article, newest first. */
export async function articleVersions(
  db: Queryable,
  clinicId: string,
  slug: string,
  language: string,
): Promise<ArticleRow[]> {
  const { rows } = await db.query<ArticleRow>(
    `SELECT ${columns} FROM education_articles a
       LEFT JOIN users u ON u.id = a.saved_by AND u.clinic_id = a.clinic_id
      WHERE a.clinic_id = $1 AND a.slug = $2 AND a.language = $3
      ORDER BY a.version DESC`,
    [clinicId, slug, language],
  );
  return rows;
}

/** Serialises saves of one article (a transaction-scoped advisory lock on the clinic, slug and language). */
export async function lockArticle(db: Queryable, clinicId: string, slug: string, language: string) {
  await db.query(
    `SELECT pg_advisory_xact_lock(hashtext('education_article'), hashtext($1 || '/' || $2 || '/' || $3))`,
    [clinicId, slug, language],
  );
}

export async function currentVersion(
  db: Queryable,
  clinicId: string,
  slug: string,
  language: string,
): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM education_articles WHERE clinic_id = $1 AND slug = $2 AND language = $3`,
    [clinicId, slug, language],
  );
  return rows[0]?.version ?? 0;
}

export async function insertVersion(
  db: Queryable,
  clinicId: string,
  article: {
    slug: string;
    language: string;
    version: number;
    position: number;
    title: string;
    summary: string;
    body: string;
    published: boolean;
  },
  userId: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO education_articles
       (clinic_id, slug, language, version, position, title, summary, body, published, saved_by, saved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      clinicId,
      article.slug,
      article.language,
      article.version,
      article.position,
      article.title,
      article.summary,
      article.body,
      article.published,
      userId,
      now,
    ],
  );
}
