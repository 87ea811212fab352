import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import {
  CheckInPhotoUploadQuery,
  PatientPhoto,
  PatientPhotoList,
  PhotoComparisons,
  PhotoGuide,
  PhotoGuideQuery,
  PhotoImageQuery,
  PhotoParams,
  PhotoUploadQuery,
} from '@needlepoint/core/contracts/photos';
import { actorOf, portalPatientId } from '../../platform/session';
import * as clinical from './clinical-photos.service';
import type { PhotoDeps, PhotoUpload } from './photo-storage';
import * as photos from './photos.service';

export const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

/**
 * Photo bodies are not read into memory by the router: the handler gets the request stream and the upload
 * pipeline counts its bytes to a temporary file (see photo-image.ts).
 */
export function acceptPhotoStreams(app: FastifyInstance): void {
  app.addContentTypeParser(photoUploadTypes, (_request, payload, done) => done(null, payload));
}

export function uploadOf(request: FastifyRequest): PhotoUpload {
  const length = Number(request.headers['content-length']);
  return {
    body: request.body as Readable,
    declaredType: request.headers['content-type'],
    declaredLength: Number.isFinite(length) ? length : undefined,
  };
}

export function sendImage(
  reply: { type(t: string): { header(k: string, v: string): { send(b: Buffer): unknown } } },
  image: { contentType: string; content: Buffer },
) {
  return reply.type(image.contentType).header('cache-control', 'private, no-store').send(image.content);
}

/**
 * A patient's photos: intake photos the patient uploads, photos they add to an aftercare check-in, and the
 * comparison of their clinical photos; staff see them in the record.
 */
export function photosRoutes(deps: PhotoDeps): FastifyPluginAsyncZod {
  return async (app) => {
    acceptPhotoStreams(app);
    const tags = ['photos'];
    const self = { access: 'portal:self' } as const;
    const SelfPhotoParams = z.object({ id: z.uuid() }).strict();
    const upload = { ...self, accepts: photoUploadTypes };
    app.post(
      '/api/portal/photos',
      { schema: { tags, querystring: PhotoUploadQuery, response: { 201: PatientPhoto } }, config: upload },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await photos.uploadPhoto(
              deps,
              actorOf(request),
              portalPatientId(request),
              request.query.area,
              uploadOf(request),
            ),
          ),
    );
    app.post(
      '/api/portal/check-ins/:id/photos',
      {
        schema: {
          tags,
          params: SelfPhotoParams,
          querystring: CheckInPhotoUploadQuery,
          response: { 201: PatientPhoto },
        },
        config: upload,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await clinical.uploadCheckInPhoto(
              deps,
              actorOf(request),
              portalPatientId(request),
              request.params.id,
              request.query,
              uploadOf(request),
            ),
          ),
    );
    app.get(
      '/api/portal/photos',
      { schema: { tags, response: { 200: PatientPhotoList } }, config: self },
      async (request) => ({
        photos: await photos.listPhotos(deps, actorOf(request), portalPatientId(request)),
      }),
    );
    app.get(
      '/api/portal/photos/:id',
      { schema: { tags, params: SelfPhotoParams, querystring: PhotoImageQuery }, config: self },
      async (request, reply) =>
        sendImage(
          reply,
          await photos.readPhoto(
            deps,
            actorOf(request),
            portalPatientId(request),
            request.params.id,
            request.query.size,
          ),
        ),
    );
    app.get(
      '/api/portal/photo-guide',
      { schema: { tags, querystring: PhotoGuideQuery, response: { 200: PhotoGuide } }, config: self },
      async (request) =>
        clinical.photoGuide(deps, actorOf(request), portalPatientId(request), request.query.view),
    );
    app.get(
      '/api/portal/photo-comparisons',
      { schema: { tags, response: { 200: PhotoComparisons } }, config: self },
      async (request) => clinical.photoComparisons(deps, actorOf(request), portalPatientId(request)),
    );
    app.delete(
      '/api/portal/photos/:id',
      { schema: { tags, params: SelfPhotoParams, response: { 200: Ok } }, config: self },
      async (request) => {
        await photos.removePhoto(deps, actorOf(request), portalPatientId(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/patients/:id/photos',
      {
        schema: { tags, params: IdParams, response: { 200: PatientPhotoList } },
        config: { access: 'patient:read' },
      },
      async (request) => ({
        photos: await photos.listPhotos(deps, actorOf(request), request.params.id),
      }),
    );
    app.get(
      '/api/patients/:id/photos/:photoId',
      {
        schema: { tags, params: PhotoParams, querystring: PhotoImageQuery },
        config: { access: 'patient:read' },
      },
      async (request, reply) =>
        sendImage(
          reply,
          await photos.readPhoto(
            deps,
            actorOf(request),
            request.params.id,
            request.params.photoId,
            request.query.size,
          ),
        ),
    );
  };
}
