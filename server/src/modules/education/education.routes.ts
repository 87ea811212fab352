import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Article,
  ArticleHistory,
  ArticleList,
  ArticleParams,
  ArticleVersion,
  PortalArticleList,
  PortalArticleParams,
  PortalArticleQuery,
  SaveArticleRequest,
} from '@needlepoint/core/contracts/education';
import { actorOf } from '../../platform/session';
import * as education from './education.service';
import type { EducationDeps } from './education.service';

/** The clinic's education library: patients read it in their language, owners and providers edit it. */
export function educationRoutes(deps: EducationDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['education'];
    const self = { access: 'portal:self' } as const;
    const edit = { access: 'education:edit' } as const;
    app.get(
      '/api/portal/articles',
      {
        schema: { tags, querystring: PortalArticleQuery, response: { 200: PortalArticleList } },
        config: self,
      },
      async (request) => ({
        articles: await education.listPortalArticles(
          deps,
          actorOf(request),
          request.query.language ?? request.user?.preferredLanguage ?? 'en',
        ),
      }),
    );
    app.get(
      '/api/portal/articles/:slug',
      {
        schema: {
          tags,
          params: PortalArticleParams,
          querystring: PortalArticleQuery,
          response: { 200: Article },
        },
        config: self,
      },
      async (request) =>
        education.readPortalArticle(
          deps,
          actorOf(request),
          request.params.slug,
          request.query.language ?? request.user?.preferredLanguage ?? 'en',
        ),
    );
    app.get(
      '/api/education/articles',
      { schema: { tags, response: { 200: ArticleList } }, config: edit },
      async (request) => ({ articles: await education.listArticles(deps, actorOf(request)) }),
    );
    app.get(
      '/api/education/articles/:slug/:language',
      { schema: { tags, params: ArticleParams, response: { 200: ArticleHistory } }, config: edit },
      async (request) => ({
        versions: await education.articleHistory(
          deps,
          actorOf(request),
          request.params.slug,
          request.params.language,
        ),
      }),
    );
    app.put(
      '/api/education/articles/:slug/:language',
      {
        schema: { tags, params: ArticleParams, body: SaveArticleRequest, response: { 200: ArticleVersion } },
        config: edit,
      },
      async (request) =>
        education.saveArticle(
          deps,
          actorOf(request),
          request.params.slug,
          request.params.language,
          request.body,
        ),
    );
  };
}
