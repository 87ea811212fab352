import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import {
  maxPhotoBytes,
  PatientPhoto,
  PatientPhotoList,
  PhotoParams,
  PhotoUploadQuery,
} from '@needlepoint/core/contracts/photos';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { actorOf, portalPatientId } from '../../platform/session';
import * as photos from './photos.service';

/** Intake photos: the patient uploads (raw image body), both the patient and staff can view, the patient can remove. */
export function photosRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
    app.addContentTypeParser(
      photoUploadTypes,
      { parseAs: 'buffer', bodyLimit: maxPhotoBytes + 1024 },
      (_r, body, done) => done(null, body),
    );
    const tags = ['photos'];
    const self = { access: 'portal:self' } as const;
    const SelfPhotoParams = z.object({ id: z.uuid() }).strict();
    app.post(
      '/api/portal/photos',
      {
        bodyLimit: maxPhotoBytes + 1024,
        schema: { tags, querystring: PhotoUploadQuery, response: { 201: PatientPhoto } },
        config: { ...self, accepts: photoUploadTypes },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw new DomainError(
            'PHOTO_INVALID',
            'Send the photo as the request body (image/jpeg, image/png or image/webp)',
          );
        return reply
          .status(201)
          .send(
            await photos.uploadPhoto(
              deps.db,
              actorOf(request),
              portalPatientId(request),
              request.query.area,
              request.body,
            ),
          );
      },
    );
    app.get(
      '/api/portal/photos',
      { schema: { tags, response: { 200: PatientPhotoList } }, config: self },
      async (request) => ({
        photos: await photos.listPhotos(deps.db, actorOf(request), portalPatientId(request)),
      }),
    );
    app.get(
      '/api/portal/photos/:id',
      { schema: { tags, params: SelfPhotoParams }, config: self },
      async (request, reply) => {
        const photo = await photos.readPhoto(
          deps.db,
          actorOf(request),
          portalPatientId(request),
          request.params.id,
        );
        return reply.type(photo.contentType).header('cache-control', 'private, no-store').send(photo.content);
      },
    );
    app.delete(
      '/api/portal/photos/:id',
      { schema: { tags, params: SelfPhotoParams, response: { 200: Ok } }, config: self },
      async (request) => {
        await photos.removePhoto(deps.db, actorOf(request), portalPatientId(request), request.params.id);
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
        photos: await photos.listPhotos(deps.db, actorOf(request), request.params.id),
      }),
    );
    app.get(
      '/api/patients/:id/photos/:photoId',
      { schema: { tags, params: PhotoParams }, config: { access: 'patient:read' } },
      async (request, reply) => {
        const photo = await photos.readPhoto(
          deps.db,
          actorOf(request),
          request.params.id,
          request.params.photoId,
        );
        return reply.type(photo.contentType).header('cache-control', 'private, no-store').send(photo.content);
      },
    );
  };
}
