import type {
  Article,
  ArticleSummary,
  ArticleVersion,
  SaveArticleRequest,
} from '@needlepoint/core/contracts/education';
import { DomainError } from '@needlepoint/core/errors';
import type { Locale } from '@needlepoint/core/i18n/locale';
import type { Database, Queryable } from '../../db/database';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { defaultArticles } from './default-articles';
import * as repo from './education.repo';
import type { ArticleRow } from './education.repo';

export interface EducationDeps {
  db: Database;
  clock: Clock;
}

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    slug: row.slug,
    language: row.language,
    title: row.title,
    summary: row.summary,
    position: row.position,
    version: row.version,
    published: row.published,
    updatedAt: row.saved_at.toISOString(),
  };
}

function toArticle(row: ArticleRow): Article {
  return { ...toSummary(row), body: row.body };
}

/** A clinic's library starts as the defaults in the repository, copied in the first time it is read. */
async function withDefaults(client: Queryable, clinicId: string, now: Date): Promise<void> {
  await repo.insertMissingDefaults(client, clinicId, defaultArticles(), now);
}

/** The patient's library: their clinic's published articles in one language, in the clinic's order. */
export async function listPortalArticles(
  deps: EducationDeps,
  actor: Actor,
  language: Locale,
): Promise<ArticleSummary[]> {
  return deps.db.transaction(async (client) => {
    await withDefaults(client, actor.clinicId, deps.clock.now());
    const rows = await repo.latestArticles(client, actor.clinicId, { language, publishedOnly: true });
    return rows.map(toSummary);
  });
}

/** One published article for a patient; an unpublished, unknown or other clinic's article is a 404. */
export async function readPortalArticle(
  deps: EducationDeps,
  actor: Actor,
  slug: string,
  language: Locale,
): Promise<Article> {
  return deps.db.transaction(async (client) => {
    await withDefaults(client, actor.clinicId, deps.clock.now());
    const rows = await repo.latestArticles(client, actor.clinicId, { language, publishedOnly: true });
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new DomainError('EDUCATION_ARTICLE_NOT_FOUND', 'No such article in this library');
    return toArticle(row);
  });
}

/** The staff list: the latest version of every article in every language, published or not. */
export async function listArticles(deps: EducationDeps, actor: Actor): Promise<ArticleSummary[]> {
  return deps.db.transaction(async (client) => {
    await withDefaults(client, actor.clinicId, deps.clock.now());
    const rows = await repo.latestArticles(client, actor.clinicId, { publishedOnly: false });
    return rows.map(toSummary);
  });
}

/** Every saved version of one article, newest first (the first is the article as it stands). */
export async function articleHistory(
  deps: EducationDeps,
  actor: Actor,
  slug: string,
  language: Locale,
): Promise<ArticleVersion[]> {
  return deps.db.transaction(async (client) => {
    await withDefaults(client, actor.clinicId, deps.clock.now());
    const rows = await repo.articleVersions(client, actor.clinicId, slug, language);
    if (rows.length === 0)
      throw new DomainError('EDUCATION_ARTICLE_NOT_FOUND', 'No such article in this library');
    return rows.map((row) => ({ ...toArticle(row), savedBy: row.saved_by_name }));
  });
}

/**
 * Saves a new version of an article (or its first, for a new one). The editor names the version it started
 * from; a save by someone else in between is `EDUCATION_ARTICLE_CONFLICT`, never a silent overwrite. Audited.
 */
export async function saveArticle(
  deps: EducationDeps,
  actor: Actor,
  slug: string,
  language: Locale,
  input: SaveArticleRequest,
): Promise<ArticleVersion> {
  return deps.db.transaction(async (client) => {
    const now = deps.clock.now();
    await withDefaults(client, actor.clinicId, now);
    await repo.lockArticle(client, actor.clinicId, slug, language);
    const versions = await repo.articleVersions(client, actor.clinicId, slug, language);
    const current = versions[0];
    const currentVersion = current?.version ?? 0;
    if (input.baseVersion !== currentVersion)
      throw new DomainError(
        'EDUCATION_ARTICLE_CONFLICT',
        `This article was changed (now version ${currentVersion}); reload it and make your change again`,
        { details: { currentVersion } },
      );
    const version = currentVersion + 1;
    await repo.insertVersion(
      client,
      actor.clinicId,
      {
        slug,
        language,
        version,
        position: input.position ?? current?.position ?? 100,
        title: input.title,
        summary: input.summary,
        body: input.body,
        published: input.published,
      },
      actor.userId,
      now,
    );
    await recordAudit(client, actor, {
      action: 'education.article-saved',
      entityType: 'education_article',
      entityId: null,
      details: { slug, language, version, published: input.published },
    });
    const [saved] = await repo.articleVersions(client, actor.clinicId, slug, language);
    return { ...toArticle(saved!), savedBy: saved!.saved_by_name };
  });
}
