import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  ClinicalPhotoUploadQuery,
  ErythemaAnswer,
  ErythemaRequest,
  ErythemaTrendAnswer,
  ErythemaTrendRequest,
  MarketingExport,
  MarketingPhotoParams,
  PatientPhoto,
  PhotoComparisons,
  PhotoGuide,
  PhotoGuideQuery,
  PhotoParams,
  PhotoScopesRequest,
} from '@needlepoint/core/contracts/photos';
import type { PhotoUse } from '@needlepoint/core/photos/consent-scope';
import { actorOf } from '../../platform/session';
import * as clinical from './clinical-photos.service';
import * as erythema from './erythema.service';
import * as marketing from './marketing-export.service';
import type { PhotoDeps } from './photo-storage';
import { acceptPhotoStreams, photoUploadTypes, sendImage, uploadOf } from './photos.routes';

/** Staff: standardized clinical photos, the camera guide, comparisons, consent scopes, erythema, marketing export. */
export function clinicalPhotosRoutes(deps: PhotoDeps): FastifyPluginAsyncZod {
  return async (app) => {
    acceptPhotoStreams(app);
    const tags = ['photos'];
    const read = { access: 'patient:read' } as const;
    app.post(
      '/api/patients/:id/clinical-photos',
      {
        schema: {
          tags,
          params: IdParams,
          querystring: ClinicalPhotoUploadQuery,
          response: { 201: PatientPhoto },
        },
        config: { access: 'photo:take', accepts: photoUploadTypes },
      },
      async (request, reply) => {
        const { scopes, ...query } = request.query;
        return reply
          .status(201)
          .send(
            await clinical.uploadClinicalPhoto(
              deps,
              actorOf(request),
              request.params.id,
              { ...query, scopes: (scopes?.split(',') ?? []) as PhotoUse[] },
              uploadOf(request),
            ),
          );
      },
    );
    app.get(
      '/api/patients/:id/photo-guide',
      {
        schema: { tags, params: IdParams, querystring: PhotoGuideQuery, response: { 200: PhotoGuide } },
        config: read,
      },
      async (request) => clinical.photoGuide(deps, actorOf(request), request.params.id, request.query.view),
    );
    app.get(
      '/api/patients/:id/photo-comparisons',
      { schema: { tags, params: IdParams, response: { 200: PhotoComparisons } }, config: read },
      async (request) => clinical.photoComparisons(deps, actorOf(request), request.params.id),
    );
    app.put(
      '/api/patients/:id/photos/:photoId/scopes',
      {
        schema: { tags, params: PhotoParams, body: PhotoScopesRequest, response: { 200: PatientPhoto } },
        config: { access: 'photo:take' },
      },
      async (request) =>
        clinical.setPhotoScopes(
          deps,
          actorOf(request),
          request.params.id,
          request.params.photoId,
          request.body.scopes,
        ),
    );
    app.post(
      '/api/patients/:id/photos/:photoId/erythema',
      {
        schema: { tags, params: PhotoParams, body: ErythemaRequest, response: { 200: ErythemaAnswer } },
        config: read,
      },
      async (request) =>
        erythema.photoErythema(
          deps,
          actorOf(request),
          request.params.id,
          request.params.photoId,
          request.body.region,
        ),
    );
    app.post(
      '/api/patients/:id/erythema-trend',
      {
        schema: {
          tags,
          params: IdParams,
          body: ErythemaTrendRequest,
          response: { 200: ErythemaTrendAnswer },
        },
        config: read,
      },
      async (request) =>
        erythema.checkInErythemaTrend(
          deps,
          actorOf(request),
          request.params.id,
          request.body.view,
          request.body.region,
        ),
    );
    app.get(
      '/api/photo-exports/marketing',
      { schema: { tags, response: { 200: MarketingExport } }, config: { access: 'photo:export' } },
      async (request) => marketing.marketingExport(deps, actorOf(request)),
    );
    app.get(
      '/api/photo-exports/marketing/:photoId',
      { schema: { tags, params: MarketingPhotoParams }, config: { access: 'photo:export' } },
      async (request, reply) =>
        sendImage(reply, await marketing.readMarketingPhoto(deps, actorOf(request), request.params.photoId)),
    );
  };
}
