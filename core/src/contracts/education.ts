import { z } from 'zod';
import { localeSchema } from './common';

/** An article's name in addresses (`/portal/learn/aftercare`): lower-case words joined by hyphens. */
export const ArticleSlug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and hyphens');

/** One article of the clinic's education library as a patient reads it (the latest published version). */
export const ArticleSummary = z.object({
  slug: ArticleSlug,
  language: localeSchema,
  title: z.string(),
  summary: z.string(),
  position: z.number().int(),
  version: z.number().int().min(1),
  published: z.boolean(),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  /** Markdown; shown as text elements, raw HTML never run. */
  body: z.string(),
});
export type Article = z.infer<typeof Article>;

export const PortalArticleList = z.object({ articles: z.array(ArticleSummary) });
export type PortalArticleList = z.infer<typeof PortalArticleList>;

export const PortalArticleQuery = z.object({ language: localeSchema.optional() }).strict();
export const PortalArticleParams = z.object({ slug: ArticleSlug });

export const ArticleParams = z.object({ slug: ArticleSlug, language: localeSchema });

/** The staff list: every article in every language, its latest version (published or not). */
export const ArticleList = z.object({ articles: z.array(ArticleSummary) });
export type ArticleList = z.infer<typeof ArticleList>;

/** One saved version of an article, with who saved it (none for the defaults the library starts with). */
export const ArticleVersion = Article.extend({ savedBy: z.string().nullable() });
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const ArticleHistory = z.object({ versions: z.array(ArticleVersion) });
export type ArticleHistory = z.infer<typeof ArticleHistory>;

/**
 * `PUT /api/education/articles/:slug/:language`: saves a new version. `baseVersion` is the version the editor
 * started from (0 for a new article); another save in between is `EDUCATION_ARTICLE_CONFLICT`.
 */
export const SaveArticleRequest = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(500),
    body: z.string().min(1).max(50_000),
    position: z.number().int().min(0).max(1000).optional(),
    published: z.boolean(),
    baseVersion: z.number().int().min(0),
  })
  .strict();
export type SaveArticleRequest = z.infer<typeof SaveArticleRequest>;
