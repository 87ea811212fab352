import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleSlug } from '@needlepoint/core/contracts/education';
import { localeSchema } from '@needlepoint/core/contracts/common';
import type { Locale } from '@needlepoint/core/i18n/locale';

/** One default article from `articles/<slug>.<language>.md`, as a clinic's library starts. */
export interface DefaultArticle {
  slug: string;
  language: Locale;
  position: number;
  title: string;
  summary: string;
  body: string;
}

const folder = join(import.meta.dirname, 'articles');

/**
 * Reads `---\ntitle: …\nsummary: …\nposition: N\n---\nMarkdown` (a small front matter: one `key: value` a line).
 * A file without a title or with an unknown language is a mistake in the repository: it throws.
 */
export function parseArticleFile(name: string, text: string): DefaultArticle {
  const nameMatch = /^(.+)\.([a-z]{2})\.md$/.exec(name);
  if (!nameMatch) throw new Error(`${name}: expected <slug>.<language>.md`);
  const slug = ArticleSlug.parse(nameMatch[1]);
  const language = localeSchema.parse(nameMatch[2]);
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
  if (!match) throw new Error(`${name}: front matter (--- … ---) missing`);
  const fields = new Map(
    (match[1] ?? '').split('\n').flatMap((line) => {
      const at = line.indexOf(':');
      return at > 0 ? [[line.slice(0, at).trim(), line.slice(at + 1).trim()] as const] : [];
    }),
  );
  const title = fields.get('title');
  if (!title) throw new Error(`${name}: title missing`);
  return {
    slug,
    language,
    position: Number(fields.get('position') ?? 0) || 0,
    title,
    summary: fields.get('summary') ?? '',
    body: (match[2] ?? '').trim(),
  };
}

let cached: DefaultArticle[] | undefined;

/** The library every clinic starts with (written from docs/domain and the clinical evidence file). */
export function defaultArticles(): DefaultArticle[] {
  cached ??= readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseArticleFile(name, readFileSync(join(folder, name), 'utf8')));
  return cached;
}
